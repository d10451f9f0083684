import time

from odoo import models


class IrRule(models.Model):
    """Record rules of the e-diary compare guardian links with today's date (ROLE-8).

    Rule domains are cached per user; the date is made part of the cache key, so that a
    guardian link whose last day has passed stops giving access at midnight, not at the
    next restart of the server.
    """

    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        yield from super()._compute_domain_context_values()
        # the same clock as ``time.strftime`` in the rules' domains
        yield time.strftime("%Y-%m-%d")
