from . import report_school_table
