from . import mail_thread
from . import main
from . import portal
from . import portal_duties
