from . import school_demo_generator
