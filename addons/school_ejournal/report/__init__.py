from . import report_credentials
from . import report_guardian_digest
