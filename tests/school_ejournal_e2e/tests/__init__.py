from . import test_school_year_flow
from . import test_role_screens
