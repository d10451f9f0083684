from . import test_reports
from . import test_report_access
from . import test_report_data_access
from . import test_report_pdf
from . import test_report_models
from . import test_report_queries
from . import test_archive
from . import test_russian_forms
