from . import school_demo_wizard
