from . import test_school_year_flow
from . import test_role_screens
from . import test_visible_strings
from . import test_screenshots
