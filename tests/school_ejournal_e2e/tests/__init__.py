from . import test_school_year_flow
from . import test_role_screens
from . import test_visible_strings
from . import test_screenshots
from . import test_print_tours
from . import test_mark_colors
from . import test_russian_pages
