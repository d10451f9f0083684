from . import school_feed_key_wizard
