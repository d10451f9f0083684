from . import school_credential_wizard
from . import school_contingent_import_wizard
from . import school_movement_wizard
from . import school_year_rollover_wizard
from . import school_lesson_generate_wizard
from . import school_plan_import_wizard
from . import school_period_close_wizard
from . import school_account_wizard
