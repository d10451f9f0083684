from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .school_workflow import workflow_state

APPROVAL_KINDS = [("curriculum", "Curriculum"), ("load", "Teacher Load"), ("timetable", "Timetable")]


class SchoolApproval(models.Model):
    """The director's approval of the curriculum, the teacher load or the timetable of a
    class, or of the whole school, for an academic year (ROLE-2, S director 4-6).

    The deputy director or the administrator submits a version; the director approves it.
    Any change of the curriculum lines, teaching assignments or timetable slots after the
    approval supersedes the approved version and opens a new one awaiting approval, so the
    journal always shows which approved version was in force on a date.
    """

    _name = "school.approval"
    _description = "Director's Approval"
    _inherit = ["mail.thread"]
    _order = "year_id desc, kind, class_id, version desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(APPROVAL_KINDS, string="What", required=True, readonly=True)
    year_id = fields.Many2one("school.academic.year", required=True, readonly=True, index=True)
    class_id = fields.Many2one(
        "school.class",
        readonly=True,
        index=True,
        check_company=True,
        help="Leave empty for the whole school.",
    )
    version = fields.Integer(readonly=True, default=1)
    state = workflow_state(
        [("draft", "Awaiting Approval"), ("approved", "Approved"), ("superseded", "Superseded")],
        "draft",
    )
    requested_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True)
    approved_at = fields.Datetime(string="Approved on", readonly=True)
    superseded_at = fields.Datetime(string="Superseded on", readonly=True)
    superseded_reason = fields.Char(string="Superseded by", readonly=True)
    content = fields.Text(string="Approved Content", readonly=True)
    company_id = fields.Many2one(related="year_id.company_id", store=True, index=True)

    @api.depends("kind", "class_id.name", "year_id.name", "version")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for approval in self:
            approval.name = _(
                "%(what)s %(scope)s, %(year)s, version %(version)s",
                what=labels.get(approval.kind, ""),
                scope=approval.class_id.name or _("of the school"),
                year=approval.year_id.name or "",
                version=approval.version,
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            school_class = self.env["school.class"].browse(vals.get("class_id"))
            if school_class and not vals.get("year_id"):
                vals["year_id"] = school_class.year_id.id
            if school_class and school_class.year_id.id != vals.get("year_id"):
                raise UserError(_("The class belongs to another academic year."))
            if not self.env.su:
                vals.update(state="draft", approved_by_id=False, approved_at=False, content=False)
            vals["requested_by_id"] = vals.get("requested_by_id") or self.env.uid
            scope = self._scope_domain(vals["kind"], vals.get("year_id"), vals.get("class_id"))
            if self.sudo().search_count(scope + [("state", "=", "draft")]):
                raise UserError(_("A version of this is already awaiting the director's approval."))
            last = self.sudo().search(scope, order="version desc", limit=1)
            vals["version"] = last.version + 1
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("An approval is not edited: the director approves it with its button."))
        return super().write(vals)

    @api.model
    def _scope_domain(self, kind, year_id, class_id):
        return [("kind", "=", kind), ("year_id", "=", year_id), ("class_id", "=", class_id or False)]

    # ------------------------------------------------------------------
    # The director's decision
    # ------------------------------------------------------------------
    def action_approve(self):
        """Approve the submitted versions (the director only); the content is recorded."""
        self.check_access("read")
        if not self.env.user.has_group("school_ejournal.group_school_director"):
            raise AccessError(
                _("Only the director approves the curriculum, the teacher load and the timetable.")
            )
        if any(a.state != "draft" for a in self):
            raise UserError(_("Only a version awaiting approval can be approved."))
        now = fields.Datetime.now()
        for approval in self.sudo():
            approval.write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_at": now,
                    "content": approval._get_content(),
                }
            )

    def _get_records(self):
        self.ensure_one()
        model = {
            "curriculum": "school.curriculum.line",
            "load": "school.teaching.assignment",
            "timetable": "school.timetable.slot",
        }[self.kind]
        domain = [("year_id", "=", self.year_id.id)]
        if self.class_id:
            domain.append(("class_id", "=", self.class_id.id))
        return self.env[model].sudo().search(domain)

    def _get_content(self):
        """A readable copy of what was approved, kept with the approval."""
        lines = []
        for record in self._get_records():
            if self.kind == "curriculum":
                lines.append(f"{record.class_id.name}: {record.subject_id.name}, {record.hours_per_week:g}")
            elif self.kind == "load":
                subgroup = f" {record.subgroup_id.name}" if record.subgroup_id else ""
                lines.append(
                    f"{record.teacher_id.name}: {record.class_id.name} {record.subject_id.name}"
                    f"{subgroup}, {record.hours_per_week:g}"
                )
            else:
                lines.append(record.display_name)
        return "\n".join(sorted(lines))

    # ------------------------------------------------------------------
    # Changes after approval
    # ------------------------------------------------------------------
    @api.model
    def _supersede(self, kind, classes, reason):
        """The approved versions of ``kind`` covering ``classes`` no longer hold: supersede
        them and open new versions awaiting the director's approval (runs as the system)."""
        classes = classes.sudo()
        if not classes:
            return
        approvals = self.sudo().search(
            [
                ("kind", "=", kind),
                ("state", "=", "approved"),
                ("year_id", "in", classes.year_id.ids),
                "|",
                ("class_id", "=", False),
                ("class_id", "in", classes.ids),
            ]
        )
        if not approvals:
            return
        approvals.write(
            {"state": "superseded", "superseded_at": fields.Datetime.now(), "superseded_reason": reason}
        )
        # the scopes already awaiting approval, in one query rather than one per approval
        drafts = self.sudo().search(
            [("kind", "=", kind), ("state", "=", "draft"), ("year_id", "in", approvals.year_id.ids)]
        )
        pending = {(d.year_id.id, d.class_id.id) for d in drafts}
        vals_list = []
        for approval in approvals:
            approval.message_post(body=_("Changed after approval: %s. A new approval is needed.", reason))
            scope = (approval.year_id.id, approval.class_id.id)
            if scope not in pending:
                pending.add(scope)
                vals_list.append(
                    {
                        "kind": kind,
                        "year_id": approval.year_id.id,
                        "class_id": approval.class_id.id,
                        "requested_by_id": self.env.uid,
                    }
                )
        self.sudo().create(vals_list)

    @api.model
    def _get_in_force(self, kind, school_class, when):
        """The approved version of ``kind`` for the class in force at ``when`` (a datetime):
        the class's own, else the whole school's."""
        school_class = school_class.sudo()
        if not school_class:
            return self.browse()
        domain = [
            ("kind", "=", kind),
            ("year_id", "=", school_class.year_id.id),
            ("approved_at", "!=", False),
            ("approved_at", "<=", when),
            "|",
            ("superseded_at", "=", False),
            ("superseded_at", ">", when),
        ]
        found = self.sudo().search(domain + [("class_id", "=", school_class.id)], limit=1)
        return found or self.sudo().search(domain + [("class_id", "=", False)], limit=1)
