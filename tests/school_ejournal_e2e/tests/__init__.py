from . import test_school_year_flow
