from . import test_structure_constraints
from . import test_structure_access
from . import test_demo_generator
from . import test_translations
from . import test_journal_rules
from . import test_journal_log
from . import test_journal_wizards
from . import test_journal_grid
