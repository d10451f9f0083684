from . import school_report_wizard
