"""Record rules follow the code (SEC-3).

Up to 18.0.1.0.0 the record rules of this addon were loaded in ``noupdate`` blocks, so their
external ids are stored with ``noupdate = True`` and an update (``-u``) kept the rules of the
first install, including the leaky ones fixed since. The rules file no longer marks them
``noupdate``, but Odoo keeps the stored flag: clear it here, before the module's data is
loaded, so that this update and every later one rewrites the rules from the XML (and drops
the rules the code no longer has).
"""

import logging

_logger = logging.getLogger(__name__)

MODULE = "school_ejournal"


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = FALSE
         WHERE module = %s
           AND model = 'ir.rule'
           AND noupdate
        """,
        [MODULE],
    )
    _logger.info("%s: %d record rules will follow the code from now on", MODULE, cr.rowcount)
