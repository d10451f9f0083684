from . import res_company
from . import res_config_settings
from . import school_report_service
from . import school_report_xlsx
from . import school_archive_entry
from . import school_period
from . import school_chain_anchor
from . import school_chain_verification
