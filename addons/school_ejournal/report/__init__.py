from . import report_credentials
