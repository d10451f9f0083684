from . import test_demo_generator
from . import test_demo_journal
from . import test_translations
from . import test_russian_demo
from . import test_demo_wizard_owner
