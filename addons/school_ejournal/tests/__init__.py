from . import test_structure_constraints
from . import test_structure_access
from . import test_demo_generator
from . import test_translations
