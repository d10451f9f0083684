from . import school_demo_generator
from . import school_demo_journal
from . import school_demo_bulk
