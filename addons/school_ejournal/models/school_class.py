from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.osv import expression

from . import school_access
from .school_spreadsheet import LATIN_LOOKALIKES

GRADES = [(str(g), str(g)) for g in range(1, 12)]


class SchoolClass(models.Model):
    """Class of one academic year: parallel (grade 1-11), letter, class teacher (SETUP-4)."""

    _name = "school.class"
    _description = "Class"
    _order = "year_id desc, grade, letter"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index=True)
    grade = fields.Integer(string="Parallel", required=True, index=True)
    letter = fields.Char(required=True, size=3)
    year_id = fields.Many2one(
        "school.academic.year",
        string="Academic Year",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    class_teacher_id = fields.Many2one(
        "res.users",
        index=True,
        domain=[("share", "=", False)],
        check_company=True,
    )
    room_id = fields.Many2one("school.room", string="Home Room", check_company=True)
    bell_schedule_id = fields.Many2one("school.bell.schedule", check_company=True)
    period_scheme = fields.Selection(
        [("quarter", "Quarters"), ("half", "Halves")],
        string="Assessed by",
        compute="_compute_period_scheme",
        store=True,
        readonly=False,
    )
    # the class's members for the staff: a one2many returns every id whatever the record rules,
    # and a parent or a student reads the class of the own child (SEC-5, ROLE-7, ROLE-8)
    student_ids = fields.One2many("school.student", "class_id", string="Students", groups="base.group_user")
    student_count = fields.Integer(compute="_compute_student_count", string="Students Count")
    subgroup_ids = fields.One2many("school.subgroup", "class_id", string="Subgroups")
    curriculum_line_ids = fields.One2many("school.curriculum.line", "class_id", string="Curriculum")
    assignment_ids = fields.One2many("school.teaching.assignment", "class_id", string="Teaching Assignments")
    lesson_ids = fields.One2many(
        "school.lesson",
        "class_id",
        string="Lessons",
        help="Also lets a substitute read the class of the lessons taken over.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "grade_letter_year_uniq",
            "unique(grade, letter, year_id)",
            "This class already exists in the academic year.",
        ),
    ]

    @api.depends("grade", "letter")
    def _compute_name(self):
        for school_class in self:
            school_class.name = f"{school_class.grade or ''}{(school_class.letter or '').upper()}"

    @api.depends("grade", "company_id.school_half_from_grade")
    def _compute_period_scheme(self):
        for school_class in self:
            limit = school_class.company_id.school_half_from_grade or 10
            school_class.period_scheme = "half" if school_class.grade >= limit else "quarter"

    def _compute_student_count(self):
        counts = dict(
            self.env["school.student"]._read_group([("class_id", "in", self.ids)], ["class_id"], ["__count"])
        )
        for school_class in self:
            school_class.student_count = counts.get(school_class, 0)

    @api.constrains("grade", "letter")
    def _check_grade(self):
        for school_class in self:
            if not school_class.grade:
                raise ValidationError(_("A class needs its parallel (grade 1 to 11)."))
            if not 1 <= school_class.grade <= 11:
                raise ValidationError(
                    _("Parallel %s does not exist: grades run from 1 to 11.", school_class.grade)
                )
            if not (school_class.letter or "").strip():
                raise ValidationError(_("A class needs its letter, for example А."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("grade"):
                raise ValidationError(_("A class needs its parallel (grade 1 to 11)."))
            if vals.get("letter"):
                vals["letter"] = self._normalize_letter(vals["letter"])
        return super().create(vals_list)

    def write(self, vals):
        if "letter" in vals and vals["letter"]:
            vals["letter"] = self._normalize_letter(vals["letter"])
        if not self.env.su and {"period_scheme", "grade", "year_id"} & set(vals):
            self.filtered(
                lambda c: c.period_scheme != c._scheme_after(vals)
                or c.year_id.id != vals.get("year_id", c.year_id.id)
            )._check_no_closed_lessons()
        if any(
            name in vals and school_class[name] != vals[name]
            for school_class in self
            for name in ("grade", "period_scheme")
        ):
            # the lessons follow the class's scheme; never out of or into a closed period (JOUR-8)
            with self.env["school.lesson"]._keeping_entry_periods(self.sudo().year_id):
                return super().write(vals)
        return super().write(vals)

    def _scheme_after(self, vals):
        """The quarters or halves of the class once ``vals`` is written: a new grade recomputes
        them (``_compute_period_scheme``) unless ``vals`` sets them."""
        if "period_scheme" in vals:
            return vals["period_scheme"]
        if "grade" in vals and vals["grade"] != self.grade:
            limit = self.company_id.sudo().school_half_from_grade or 10
            return "half" if (vals["grade"] or 0) >= limit else "quarter"
        return self.period_scheme

    def _check_no_closed_lessons(self):
        """The quarters or halves of a class do not change once a period of its lessons is
        closed: its lessons, marks and attendance would move from the closed period into an
        open one and could be changed again (JOUR-8, P 4.1)."""
        if not self:
            return
        # sudo: the closed periods of the classes' years and whether lessons of these classes
        # lie in one, whoever gave them; a closed year closes every lesson within its dates
        closed = (
            self.env["school.period"]
            .sudo()
            .search([("year_id", "in", self.year_id.ids), ("is_closed", "=", True)])
        )
        in_closed = [[("period_id", "in", closed.filtered(lambda p: p.period_type != "year").ids)]] + [
            [("year_id", "=", p.year_id.id), ("date", ">=", p.date_start), ("date", "<=", p.date_end)]
            for p in closed.filtered(lambda p: p.period_type == "year")
        ]
        lesson = (
            self.env["school.lesson"]
            .sudo()
            .search(expression.AND([[("class_id", "in", self.ids)], expression.OR(in_closed)]), limit=1)
        )
        if lesson:
            period = (
                lesson.period_id
                if lesson.period_id in closed
                else closed.filtered(lambda p: p.period_type == "year" and p.year_id == lesson.year_id)[:1]
            )
            raise UserError(
                _(
                    "Class %(cls)s has lessons in the closed period %(period)s: its grade, its "
                    "academic year and its quarters or halves no longer change.",
                    cls=lesson.class_id.name,
                    period=period.name,
                )
            )

    @api.model
    def _normalize_letter(self, letter):
        """The letter in capitals, a Latin look-alike typed in the wrong keyboard layout read
        as the Cyrillic letter: "5A" and "5А" are one class, not two (issue 11 item 10)."""
        return letter.strip().upper().translate(LATIN_LOOKALIKES)

    def action_view_students(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_student_action")
        action["domain"] = [("class_id", "=", self.id)]
        action["context"] = {"default_class_id": self.id}
        return action

    # ------------------------------------------------------------------
    # The chat of a class for its teachers and guardians, in Odoo's Discuss (COMM-1).
    # ------------------------------------------------------------------
    discuss_channel_id = fields.Many2one(
        "discuss.channel", string="Class Chat", readonly=True, copy=False, ondelete="set null"
    )

    def _get_channel_partners(self):
        """Teachers of the class, guardians in force who have an e-diary login, and students
        with an active e-diary login."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        staff = (
            self.class_teacher_id | self.assignment_ids.teacher_id | self.subgroup_ids.teacher_id
        ).partner_id
        links = self.env["school.guardian.link"].search([("student_id.class_id", "=", self.id)])
        guardians = links.filtered(
            lambda link: link._is_in_force(today) and not link.electronic_access_refused
        ).guardian_id.filtered(lambda partner: partner.with_context(active_test=False).user_ids)
        enrollments = self.env["school.enrollment"].search(
            [
                ("class_id", "=", self.id),
                *self.env["school.enrollment"]._valid_on_domain(today),
            ]
        )
        students = enrollments.student_id.user_id.filtered("active").partner_id
        return staff | guardians | students

    def _check_channel_rights(self):
        self.check_access("read")
        if school_access.in_groups(self.env, school_access.GROUP_ADMIN, school_access.GROUP_DEPUTY):
            return
        if any(school_class.class_teacher_id != self.env.user for school_class in self):
            raise AccessError(_("Only the class teacher or the administration manage the class chat."))

    def _school_leave_chat(self, partners=None):
        """The students and guardians no longer of these classes leave their chats, with the
        chat's messages and files (COMM-3, ROLE-7, ROLE-8): a student who left the class, the
        guardians of a student who left it, a guardian whose link ended. Staff members stay.
        ``partners``: the members justified, of one class (by default its
        :meth:`_get_channel_partners`)."""
        # sudo: the chats' members, whoever changed the class memberships
        for school_class in self.sudo().filtered("discuss_channel_id"):
            justified = partners if partners is not None else school_class._get_channel_partners()
            school_class.discuss_channel_id.channel_member_ids.filtered(
                lambda member, justified=justified: member.partner_id
                and member.partner_id not in justified
                and not member.partner_id.with_context(active_test=False).user_ids.filtered(
                    lambda u: u._is_internal()
                )
            ).unlink()

    def action_sync_discuss_channel(self):
        """Create the class chat, or bring its members up to date.

        Guardians whose link ended, or who lost their login, leave the chat; staff members
        added by hand stay.
        """
        school_access.check_staff(self.env)
        self._check_channel_rights()
        for school_class in self.sudo():
            partners = school_class._get_channel_partners()
            channel = school_class.discuss_channel_id
            if not channel:
                school_class.discuss_channel_id = (
                    self.env["discuss.channel"]
                    .sudo()
                    .create(
                        {
                            "name": _("Class %s: teachers and parents", school_class.name),
                            "channel_type": "group",
                            "description": _(
                                "Chat of the class teacher, the teachers and the parents of %s.",
                                school_class.name,
                            ),
                            "channel_member_ids": [Command.create({"partner_id": p.id}) for p in partners],
                        }
                    )
                )
                continue
            channel.add_members(
                partner_ids=(partners - channel.channel_member_ids.partner_id).ids,
                post_joined_message=False,
            )
            school_class._school_leave_chat(partners)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The class chat is up to date: find it in Discuss."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
