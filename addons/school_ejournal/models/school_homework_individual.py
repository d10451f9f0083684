from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

from .school_log_snapshot import format_snapshot

TEXT_MAX = 4000


class SchoolHomeworkIndividual(models.Model):
    """Individual homework for one or several students of a lesson (S 1.10; issue 14, duty 3).

    Given by the lesson's teacher, to students of the lesson; due by default at the next
    lesson of the subject in the class. Shown in the diary of those students only, and
    entered within the school's homework deadline like the lesson's homework (R 2.2).
    """

    _name = "school.homework.individual"
    _description = "Individual Homework"
    _order = "lesson_id desc, id"
    _check_company_auto = True

    lesson_id = fields.Many2one("school.lesson", required=True, index=True, ondelete="cascade")
    # the staff's field: a parent reads the homework given to the own child, and a domain on
    # this many2many (matched on its table, not through the students' rules) would count
    # which classmates got the same homework (ROLE-8, SEC-5; base._search refuses portal
    # users a domain on it); the diary searches it as superuser for the checked student
    student_ids = fields.Many2many(
        "school.student", string="Students", required=True, check_company=True, groups="base.group_user"
    )
    text = fields.Text(string="Homework", required=True)
    due_date = fields.Date(string="Due", compute="_compute_due_date", store=True, readonly=False)
    date = fields.Date(related="lesson_id.date", store=True, string="Lesson Date")
    class_id = fields.Many2one(related="lesson_id.class_id", store=True, index=True)
    subject_id = fields.Many2one(related="lesson_id.subject_id", store=True)
    teacher_id = fields.Many2one(related="lesson_id.teacher_id", store=True, index=True)
    company_id = fields.Many2one(related="lesson_id.company_id", store=True, index=True)

    @api.depends("lesson_id")
    def _compute_due_date(self):
        for homework in self:
            if not homework.due_date and homework.lesson_id:
                homework.due_date = homework.lesson_id.sudo()._get_next_lesson_date()

    @api.constrains("lesson_id", "student_ids", "text", "due_date")
    def _check_homework(self):
        for homework in self:
            lesson = homework.lesson_id.sudo()
            if not (homework.text or "").strip():
                raise ValidationError(_("Write the homework."))
            if len(homework.text) > TEXT_MAX:
                raise ValidationError(_("The homework is too long: at most %s characters.", TEXT_MAX))
            if lesson.grade == 1:
                raise ValidationError(_("Grade 1 gets no homework."))
            if homework.due_date and homework.due_date <= lesson.date:
                raise ValidationError(_("The homework is due after the lesson."))
            lesson._check_due_in_year(homework.due_date)
            strangers = homework.student_ids - lesson._get_students()
            if strangers:
                raise ValidationError(
                    _(
                        "%(students)s did not attend the lesson's class or subgroup on %(date)s.",
                        students=", ".join(strangers.mapped("name")),
                        date=format_date(self.env, lesson.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        homeworks = super().create(vals_list)
        homeworks._check_own_lesson()
        homeworks._check_journal_open()
        return homeworks

    def write(self, vals):
        self._check_own_lesson()
        self._check_journal_open()
        # a homework given is changed or withdrawn in the change log, like the lesson's own
        # (JOUR-7): its giving is no change
        old = {homework.id: homework._log_snapshot() for homework in self}
        res = super().write(vals)
        self._check_own_lesson()
        if "lesson_id" in vals:
            self._check_journal_open()
        self._log_homework("write", [(hw, old[hw.id], hw._log_snapshot()) for hw in self])
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_own_lesson(self):
        """Withdrawn by the lesson's teacher only, as it is given and changed (ROLE-4, ROLE-5):
        the class teacher reads the own class's individual homework, not withdraws it."""
        self._check_own_lesson()
        self._check_journal_open()

    @api.ondelete(at_uninstall=False)
    def _unlink_logged(self):
        self._log_homework("unlink", [(hw, hw._log_snapshot(), "") for hw in self])

    def _log_snapshot(self):
        """The change log's text of an individual homework: its students, due date and text
        (last: a "; " inside it stays in its value)."""
        self.ensure_one()
        homework = self.sudo()
        students = ", ".join(sorted(homework.student_ids.mapped("name")))
        due = fields.Date.to_string(homework.due_date) if homework.due_date else ""
        return format_snapshot([("student_ids", students), ("due_date", due), ("text", homework.text or "")])

    def _log_homework(self, action, changes):
        """Append the changes [(homework, old text, new text)] that change something."""
        self.env["school.journal.log"]._append_by_caller(
            [
                {
                    "model": self._name,
                    "res_id": homework.id,
                    "lesson_id": homework.sudo().lesson_id.id,
                    "action": action,
                    "old_value": old,
                    "new_value": new,
                }
                for homework, old, new in changes
                if old != new
            ]
        )

    def _check_journal_open(self):
        """Given, changed and withdrawn only while the lesson's own homework may be: never in a
        closed period, nor once the period marks of its class and subject are set (JOUR-8)."""
        self.sudo().lesson_id.with_env(self.env)._check_journal_open()

    def _check_own_lesson(self):
        """Only the lesson's teacher gives individual homework (ROLE-5)."""
        if self.env.su:
            return
        for homework in self:
            if homework.lesson_id.sudo().teacher_id != self.env.user:
                raise AccessError(_("Only the teacher of the lesson gives individual homework."))
