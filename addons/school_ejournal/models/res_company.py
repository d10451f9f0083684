from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from . import school_access
from .school_grading_policy import EDIT_WINDOWS, MARK_SCALES


class ResCompany(models.Model):
    """A school is a company: it holds the defaults of new grading policies and the settings of
    the e-diary notifications (PORT-3)."""

    _inherit = "res.company"

    school_mark_scale = fields.Selection(MARK_SCALES, string="Mark Scale", default="2_5")
    school_edit_window = fields.Selection(EDIT_WINDOWS, string="Mark Edit Window", default="2w")
    school_min_marks = fields.Integer(string="Minimum Marks per Period", default=3)
    school_threshold_5 = fields.Float(string="Average for Mark 5", default=4.6, digits=(3, 2))
    school_threshold_4 = fields.Float(string="Average for Mark 4", default=3.6, digits=(3, 2))
    school_threshold_3 = fields.Float(string="Average for Mark 3", default=2.6, digits=(3, 2))
    school_half_from_grade = fields.Integer(
        string="Halves from Grade",
        default=10,
        help="Classes of this grade and above are assessed by halves instead of quarters.",
    )
    school_primary_mark_days = fields.Integer(string="Days to Enter Marks, Grades 1-4", default=3)
    school_basic_mark_days = fields.Integer(string="Days to Enter Marks, Grades 5-11", default=7)
    school_homework_hours = fields.Integer(
        string="Hours to Enter Homework", default=2, help="After the class's last lesson of the day."
    )

    # notifications of the e-diary (PORT-3)
    school_absence_alert_threshold = fields.Integer(
        string="Missed Lessons per Week before an Alert",
        default=5,
        help="The class teacher and the guardians are alerted when a student misses more "
        "lessons than this in one week.",
    )
    school_notification_moderation = fields.Boolean(
        string="Class Teacher Releases Notifications",
        help="Notifications to guardians wait until the class teacher releases them.",
    )

    # ------------------------------------------------------------------
    # The school's settings page for the e-journal administrator (ROLE-1, issue 11 item 4):
    # without Odoo's settings group, it writes the school's own fields of its school and
    # nothing else of the company; every change is logged.
    # ------------------------------------------------------------------
    @api.model
    def _school_settings_fields(self):
        """Fields of the school's settings page: the school_* fields of the company, except
        those that configure the server itself (a directory on its disk)."""
        return {name for name in self._fields if name.startswith("school_")} - {"school_archive_dir"}

    @api.model
    def action_open_school_settings(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        return {
            "type": "ir.actions.act_window",
            "name": _("School Settings"),
            "res_model": "res.company",
            "res_id": self.env.company.id,
            "view_mode": "form",
            "views": [(self.env.ref("school_ejournal.res_company_view_form_school_settings").id, "form")],
            "target": "current",
        }

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("base.group_erp_manager"):
            school_access.check_groups(self.env, school_access.GROUP_ADMIN)
            other = set(vals) - self._school_settings_fields()
            if other:
                raise AccessError(
                    _(
                        "The e-journal administrator changes the school's settings only, not %s.",
                        ", ".join(sorted(other)),
                    )
                )
            if self - self.env.user.company_ids:
                raise AccessError(_("You may change the settings of your own school only."))
        res = super().write(vals)
        if not self.env.su and set(vals) & self._school_settings_fields():
            for company in self:
                self.env["school.account.log"].with_company(company)._log(
                    "settings", details=", ".join(f"{k}={v}" for k, v in sorted(vals.items()))
                )
        return res

    # the school's remaining duties (issue 14): the answer deadline of a disputed mark
    # (ROLE-7), the forecast lead time (S teacher 3) and the paper digests (P 8.3)
    school_dispute_answer_days = fields.Integer(
        string="Working Days to Answer a Disputed Mark",
        default=3,
        help="The subject teacher answers a disputed mark within this many working days.",
    )
    school_forecast_days = fields.Integer(
        string="Days before the Period End for Forecasts",
        default=10,
        help="Forecasts of the period marks are published this many days before a period ends.",
    )
    school_digest_frequency = fields.Selection(
        [("weekly", "Weekly"), ("monthly", "Monthly")],
        string="Paper Digests",
        default="weekly",
        help="How often the class teacher hands out paper digests to parents without access to the e-diary.",
    )
