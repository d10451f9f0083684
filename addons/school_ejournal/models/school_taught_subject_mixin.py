from odoo import api, fields, models


class SchoolTaughtSubjectMixin(models.AbstractModel):
    """Records of a class and a subject, read by the teachers of that subject (issue 11 item 7).

    A teacher of one subject, or of one subgroup, in a class reads the marks, attendance and
    period marks of the own subject only (ROLE-5, JOUR-12); the class teacher reads every
    subject of the own class (ROLE-4) through a rule of its own. The record rules use
    ``is_taught_subject``: true where the user has a teaching assignment for the record's
    class and subject, and, with ``_taught_include_lessons``, where he gave a lesson of it
    (a substitution, R 2.1).
    """

    _name = "school.taught.subject.mixin"
    _description = "Records Read by the Subject's Teachers"

    # also the (class, subject) of lessons the user gave, not only of the teaching load
    _taught_include_lessons = False

    is_taught_subject = fields.Boolean(
        string="Subject Taught by Me",
        compute="_compute_is_taught_subject",
        search="_search_is_taught_subject",
    )

    @api.model
    def _taught_pairs(self):
        """{(class id, subject id)} of the user's teaching load (and lessons).

        Read once per request (issue 15): kept in the record cache of the user
        (``res.users.school_taught_pairs``), invalidated when assignments or lessons change.
        """
        user = self.env["res.users"].browse(self.env.uid)
        pairs = {tuple(pair) for pair in user.school_taught_pairs or ()}
        if self._taught_include_lessons:
            pairs.update(tuple(pair) for pair in user.school_given_pairs or ())
        return pairs

    @api.depends_context("uid")
    def _compute_is_taught_subject(self):
        pairs = self._taught_pairs()
        for record in self:
            record.is_taught_subject = (record.class_id.id, record.subject_id.id) in pairs

    def _search_is_taught_subject(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the subjects taught.")
        self.env["school.teaching.assignment"].flush_model(["class_id", "subject_id", "teacher_id"])
        by_class = {}
        for class_id, subject_id in self._taught_pairs():
            by_class.setdefault(class_id, []).append(subject_id)
        domain = ["|"] * (len(by_class) - 1) if by_class else []
        for class_id, subject_ids in by_class.items():
            domain += ["&", ("class_id", "=", class_id), ("subject_id", "in", subject_ids)]
        domain = domain or [(0, "=", 1)]
        positive = (operator == "=") == value
        return domain if positive else ["!", *domain]
