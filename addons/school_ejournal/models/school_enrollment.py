from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class SchoolEnrollment(models.Model):
    """A student's membership of a class between two dates (SETUP-8).

    The records a student has in the journal stay with the class where they were made; this
    history tells on which dates the student belonged to which class (JOUR-3).
    """

    _name = "school.enrollment"
    _inherit = ["school.student.record.mixin", "school.dated.validity.mixin"]
    _lesson_group_field = "class_id"
    _lesson_group_scope = ("class_id", "student_id")
    _description = "Class Membership"
    _order = "student_id, date_start desc"
    _check_company_auto = True

    class_id = fields.Many2one(
        "school.class",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until")

    def _date_order_error(self):
        return _("A class membership must end after it starts.")

    @api.constrains("date_start", "class_id")
    def _check_in_year(self):
        """A class membership starts within its class's academic year (issue 11 item 10)."""
        for enrollment in self:
            year = enrollment.class_id.year_id
            if year and not year.date_start <= enrollment.date_start <= year.date_end:
                raise ValidationError(
                    _(
                        "The class membership in %(cls)s starts on %(date)s, outside the academic year "
                        "%(year)s.",
                        cls=enrollment.class_id.name,
                        date=format_date(self.env, enrollment.date_start),
                        year=year.name,
                    )
                )

    @api.constrains("date_start", "date_end", "student_id")
    def _check_dates(self):
        for enrollment in self:
            if self.search_count(enrollment._overlap_domain(["student_id"])):
                raise ValidationError(
                    _(
                        "%s would belong to two classes at once: close the previous class membership first.",
                        enrollment.student_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        enrollments = super().create(vals_list)
        # the student's previous class, whose membership the new one closes
        enrollments.student_id.enrollment_ids.class_id._school_leave_chat()
        return enrollments

    def write(self, vals):
        """A class membership ended, moved or deleted locks the lessons it leaves (race audit,
        JOUR-3: ``school.lesson._lock_lessons_from``), and its student and the student's
        guardians leave the class's chat (COMM-3, ROLE-7, ROLE-8)."""
        self._lock_lessons(vals)
        classes = self.class_id
        res = super().write(vals)
        if "class_id" in vals:
            self._lock_lessons()
        if {"class_id", "date_start", "date_end", "student_id"} & set(vals):
            (classes | self.class_id)._school_leave_chat()
        return res

    def unlink(self):
        self._lock_lessons()
        classes = self.class_id
        res = super().unlink()
        classes._school_leave_chat()
        return res
