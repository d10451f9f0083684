from datetime import timedelta

from odoo import api, models

# deadlines of the year are announced this many days ahead
DEADLINE_NOTICE_DAYS = 7


class SchoolTeacherNudgeDuties(models.Model):
    """The daily digest also lists the school deadlines of the coming week, the class
    teacher's duties not yet recorded and the open inspection findings (issue 14, duties 6,
    8, 9)."""

    _inherit = "school.teacher.nudge"

    @api.model
    def _get_nudge_issues(self, teachers, today):
        issues = super()._get_nudge_issues(teachers, today)
        for method in (
            self._get_deadline_issues,
            self._get_class_duty_issues,
            self._get_inspection_issues,
            self._get_dispute_issues,
        ):
            for teacher_id, vals in method(teachers, today):
                issues.setdefault(teacher_id, []).append(vals)
        return issues

    @api.model
    def _get_deadline_issues(self, teachers, today):
        deadlines = (
            self.env["school.year.deadline"]
            .sudo()
            .search(
                [("done_at", "=", False), ("deadline", "<=", today + timedelta(days=DEADLINE_NOTICE_DAYS))]
            )
        )
        if not deadlines:
            return
        classes = self.env["school.class"].sudo().search([("class_teacher_id", "in", teachers.ids)])
        for deadline in deadlines:
            if deadline.kind == "attestation" and deadline.deadline < today:
                continue  # past the attestation the teachers' marks are closed: nothing to do
            if deadline.responsible_id:
                targets = deadline.responsible_id & teachers
            elif deadline.kind == "attestation":
                targets = teachers.filtered(lambda t, c=deadline.company_id: c in t.company_ids)
            elif deadline.kind in ("print_basic", "print_final"):
                grades = (9, 11) if deadline.kind == "print_final" else (1, 2, 3, 4, 5, 6, 7, 8, 10)
                targets = classes.filtered(
                    lambda c, d=deadline: c.year_id == d.year_id and c.grade in grades
                ).class_teacher_id
            else:
                targets = teachers.browse()
            for teacher in targets:
                yield (
                    teacher.id,
                    {
                        "category": "school_duty",
                        "count": 1,
                        "details": deadline._describe(today),
                    },
                )

    @api.model
    def _get_class_duty_issues(self, teachers, today):
        Duty = self.env["school.class.teacher.duty"]
        labels = dict(Duty._fields["kind"]._description_selection(self.env))
        classes = (
            self.env["school.class"]
            .sudo()
            .search(
                [
                    ("class_teacher_id", "in", teachers.ids),
                    ("year_id.date_start", "<=", today),
                    ("year_id.date_end", ">=", today),
                ]
            )
        )
        due_by_class = Duty._get_due_by_class(classes, today)
        for school_class in classes:
            due = due_by_class[school_class.id]
            if due:
                yield (
                    school_class.class_teacher_id.id,
                    {
                        "category": "school_duty",
                        "class_id": school_class.id,
                        "count": len(due),
                        "details": "; ".join(labels[k] for k in due),
                    },
                )

    @api.model
    def _get_inspection_issues(self, teachers, today):
        inspections = (
            self.env["school.inspection"]
            .sudo()
            .search([("teacher_id", "in", teachers.ids), ("state", "!=", "closed")])
        )
        for inspection in inspections:
            yield (
                inspection.teacher_id.id,
                {
                    "category": "school_duty",
                    "class_id": inspection.class_id.id,
                    "subject_id": inspection.subject_id.id,
                    "count": 1,
                    "details": f"{inspection.display_name}: {inspection.fix_deadline.strftime('%d.%m.%Y')}",
                },
            )

    @api.model
    def _get_dispute_issues(self, teachers, today):
        """Disputed marks awaiting the teacher's answer, with their answer deadline."""
        disputes = (
            self.env["school.mark.dispute"]
            .sudo()
            .search([("teacher_id", "in", teachers.ids), ("state", "=", "open")])
        )
        for dispute in disputes:
            yield (
                dispute.teacher_id.id,
                {
                    "category": "school_duty",
                    "class_id": dispute.class_id.id,
                    "subject_id": dispute.subject_id.id,
                    "count": 1,
                    "details": "%s: %s" % (dispute.name, dispute.answer_deadline.strftime("%d.%m.%Y")),
                },
            )
