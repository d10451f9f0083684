from odoo import models


class SchoolStudentTeachers(models.Model):
    """The subject teachers of a student, whom the guardians may write to (COMM-1)."""

    _inherit = "school.student"

    def _get_subject_teachers(self):
        """Teachers of the student's class: its assignments (of the student's subgroups only)
        and the class teacher. Read as the system: callers check their access to the student
        first."""
        self.ensure_one()
        student = self.sudo()
        school_class = student.class_id
        if not school_class:
            return self.env["res.users"]
        assignments = school_class.assignment_ids.filtered(
            lambda a: not a.subgroup_id or student in a.subgroup_id.student_ids
        )
        return (assignments.teacher_id | school_class.class_teacher_id).filtered("active")
