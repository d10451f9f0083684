import time

from odoo import api, models, tools
from odoo.osv import expression
from odoo.tools import config

# the teachers' rule on contacts (security/school_ejournal_rules.xml): its one condition
TEACHER_CONTACT_LEAF = ("school_teacher_visible", "=", True)


class IrRule(models.Model):
    """Record rules of the school, as the ORM applies them.

    - Rule domains are cached per user; the date is made part of the cache key, so that a
      guardian link whose last day has passed stops giving access at midnight, not at the
      next restart of the server (ROLE-8).
    - A student's contact, read with the student, is decided by the rules on students for a
      teacher (SEC-3, SEC-5): see ``_compute_domain``.
    """

    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        yield from super()._compute_domain_context_values()
        # the same clock as ``time.strftime`` in the rules' domains
        yield time.strftime("%Y-%m-%d")

    @api.model
    @tools.conditional(
        "xml" not in config["dev_mode"],
        tools.ormcache(
            "self.env.uid",
            "self.env.su",
            "model_name",
            "mode",
            "tuple(self._compute_domain_context_values())",
        ),
    )
    def _compute_domain(self, model_name, mode="read"):
        """On students, the teachers' rule on contacts is not applied again to the student's own
        contact (``_inherits``): the rules on students already keep a teacher to the students of
        the classes he teaches or led, and those students' contacts are exactly what the rule on
        contacts gives him (``res.partner._search_school_teacher_visible``, a superset: it adds the
        guardians and the staff). Compiled into every read of students, that rule made PostgreSQL
        build the set of every contact the teacher sees at each opening of the journal (issue 15).
        The other rules on contacts (companies) still apply; the contacts read on their own, and
        through any other model, keep the teachers' rule.
        ``test_grid_hot_path.TestGridHotPath.test_students_read_within_the_contacts_seen`` holds the
        rules on students to that superset.
        """
        domain = super()._compute_domain(model_name, mode)
        if model_name != "school.student" or not domain:
            return domain
        parent_field = self.env[model_name]._inherits.get("res.partner")
        return [
            (leaf[0], leaf[1], self._school_without_teacher_contact_leaf(leaf[2]))
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and tuple(leaf[:2]) == (parent_field, "any")
            else leaf
            for leaf in domain
        ]

    @api.model
    def _school_without_teacher_contact_leaf(self, domain):
        return [
            expression.TRUE_LEAF
            if isinstance(leaf, (list, tuple)) and tuple(leaf) == TEACHER_CONTACT_LEAF
            else leaf
            for leaf in domain
        ]
