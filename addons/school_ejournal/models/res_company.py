import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from . import school_access
from .school_grading_policy import EDIT_WINDOWS, MARK_SCALES

# colours of the marks in the journal grid, the period marks and the e-diary (issue 13):
# 2 (and 1) red, 3 orange, 4 blue, 5 green by default
MARK_COLOR_DEFAULTS = {2: "#dc3545", 3: "#e67e22", 4: "#1f6fb2", 5: "#198754"}
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


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

    school_mark_color_2 = fields.Char(string="Colour of Mark 2", default=MARK_COLOR_DEFAULTS[2])
    school_mark_color_3 = fields.Char(string="Colour of Mark 3", default=MARK_COLOR_DEFAULTS[3])
    school_mark_color_4 = fields.Char(string="Colour of Mark 4", default=MARK_COLOR_DEFAULTS[4])
    school_mark_color_5 = fields.Char(string="Colour of Mark 5", default=MARK_COLOR_DEFAULTS[5])

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

    @api.constrains(
        "school_mark_color_2", "school_mark_color_3", "school_mark_color_4", "school_mark_color_5"
    )
    def _check_school_mark_colors(self):
        """A colour is "#rrggbb": it goes into the style of the grid and of the e-diary."""
        for company in self:
            for value in company._school_mark_colors().values():
                if not HEX_COLOR.match(value):
                    raise ValidationError(
                        _(
                            "A mark colour is written as # and six hexadecimal digits, e.g. #dc3545, not %s.",
                            value,
                        )
                    )

    def _school_mark_colors(self):
        """{mark value: colour} of the school; a 1 is coloured as a 2."""
        self.ensure_one()
        colors = {
            value: self[f"school_mark_color_{value}"] or default
            for value, default in MARK_COLOR_DEFAULTS.items()
        }
        colors[1] = colors[2]
        return colors

    def _school_mark_color_style(self):
        """The colours as CSS variables for the ``style`` of a screen's root element."""
        colors = self._school_mark_colors()
        return "; ".join(
            f"--o-ej-mark-{value}: {color}"
            for value, color in sorted(colors.items())
            if HEX_COLOR.match(color)
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
        if (
            not self.env.su
            and "school_half_from_grade" in vals
            and any(company.school_half_from_grade != vals["school_half_from_grade"] for company in self)
        ):
            # the classes whose quarters or halves the new limit changes (JOUR-8)
            limit = vals["school_half_from_grade"] or 10
            classes = (
                self.env["school.class"]
                .sudo()
                .search([("company_id", "in", self.ids)])
                .filtered(lambda c: (c.grade >= limit) != (c.period_scheme == "half"))
            )
            classes._check_no_closed_lessons()
        if "school_half_from_grade" in vals and any(
            company.school_half_from_grade != vals["school_half_from_grade"] for company in self
        ):
            # the classes' schemes and their lessons' periods follow; never out of or into a
            # closed period (JOUR-8)
            years = self.env["school.academic.year"].sudo().search([("company_id", "in", self.ids)])
            with self.env["school.lesson"]._keeping_entry_periods(years):
                res = super().write(vals)
        else:
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
