import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.school_ejournal.models import school_access, school_rpc_args

from ..models.school_report_service import FORM_REGISTRY

# the forms' selection comes from the one registry of the forms (issue 16 item 6)
REPORT_CODES = [(code, title) for code, (title, _builder, _params) in FORM_REGISTRY.items()]


class SchoolReportWizard(models.TransientModel):
    """Prints an official form as PDF or exports it as XLSX (REP-1..12)."""

    _name = "school.report.wizard"
    _description = "Print a School Form"

    report_code = fields.Selection(REPORT_CODES, string="Form", required=True, default="marks_summary")
    class_id = fields.Many2one("school.class", default=lambda self: self._default_class())
    period_id = fields.Many2one(
        "school.period",
        domain="[('year_id', '=', year_id)]",
        default=lambda self: self._default_period(),
    )
    year_id = fields.Many2one(related="class_id.year_id")
    student_id = fields.Many2one("school.student", domain="[('class_id', '=', class_id)]")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """A class teacher is not offered the forms of the school administration, which the
        print then refused (ROLE-4, SEC-3)."""
        res = super().fields_get(allfields, attributes)
        report_code = res.get("report_code")
        if report_code and "selection" in report_code:
            Service = self.env["school.report.service"]
            report_code["selection"] = [
                item for item in report_code["selection"] if Service._may_print(item[0])
            ]
        return res

    @api.model
    def _default_class(self):
        """A class teacher prints for the own class (issue 13)."""
        return self.env["school.class"].search(
            [("class_teacher_id", "=", self.env.uid), ("year_id.active", "=", True)], limit=1
        )

    @api.model
    def _default_period(self):
        """The period in force today, of the default class's scheme (issue 13)."""
        today = fields.Date.context_today(self)
        school_class = self._default_class()
        domain = [("date_start", "<=", today), ("date_end", ">=", today)]
        if school_class:
            domain += [
                ("year_id", "=", school_class.year_id.id),
                ("period_type", "=", school_class.period_scheme),
            ]
        else:
            domain.append(("period_type", "=", "quarter"))
        return self.env["school.period"].search(domain, order="date_start desc", limit=1)

    @api.onchange("period_id")
    def _onchange_period_id(self):
        if self.period_id:
            self.date_from = self.period_id.date_start
            self.date_to = self.period_id.date_end

    def _get_params(self):
        self.ensure_one()
        params = {
            "school_class": self.class_id or None,
            "period": self.period_id or None,
            "date_from": self.date_from or (self.period_id.date_start if self.period_id else None),
            "date_to": self.date_to or (self.period_id.date_end if self.period_id else None),
            "student": self.student_id or None,
        }
        _method, names = self.env["school.report.service"].FORMS[self.report_code]
        labels = {
            "school_class": _("class"),
            "period": _("period"),
            "date_from": _("start date"),
            "date_to": _("end date"),
            "student": _("student"),
        }
        optional = {"attendance_summary": {"period"}, "mark_changes": {"school_class"}}.get(
            self.report_code, set()
        )
        missing = [labels[n] for n in names if n not in optional and not params.get(n)]
        if missing:
            raise UserError(_("Fill in: %s.", ", ".join(missing)))
        if params["date_from"] and params["date_to"] and params["date_to"] < params["date_from"]:
            raise UserError(_("The end date is before the start date."))
        return params

    def _get_documents(self):
        self.ensure_one()
        return [self.env["school.report.service"]._build(self.report_code, self._get_params())]

    def action_print_pdf(self):
        """The PDF of the form's own report (``action_report_<code>``), bound to the form's
        parameters, not to this transient record (issue 16 item 9): the report model rebuilds
        the document from ``data`` with the user's rights.

        The document is built once here too, so that a form the user may not print (the
        movement report for a class teacher, another class's forms) is refused at the click,
        not only when the browser downloads the PDF."""
        school_access.check_staff(self.env)
        self.ensure_one()
        self._get_documents()
        report = self.env.ref(f"school_ejournal_reports.action_report_{self.report_code}")
        return report.report_action(None, data=self._report_data())

    def _report_data(self):
        """The form's code and parameters as the report's JSON data."""
        self.ensure_one()
        return {
            "report_code": self.report_code,
            "class_id": self.class_id.id,
            "period_id": self.period_id.id,
            "student_id": self.student_id.id,
            "date_from": fields.Date.to_string(self.date_from) if self.date_from else False,
            "date_to": fields.Date.to_string(self.date_to) if self.date_to else False,
        }

    @api.model
    def _from_report_data(self, data):
        """A form in memory (no record) from the report's data, as the wizard would hold it;
        the data comes from the report's URL, which a user can edit: an id that is no id, a
        date that is no date is refused (issue 11 item 10)."""
        code = data.get("report_code")
        if not isinstance(code, str) or code not in dict(REPORT_CODES):
            raise UserError(_("Unknown form: %s", code))
        env = self.env
        return self.new(
            {
                "report_code": code,
                **{
                    fname: school_rpc_args.record_id(env, data.get(fname), optional=True)
                    for fname in ("class_id", "period_id", "student_id")
                },
                **{
                    fname: school_rpc_args.day(env, data[fname]) if data.get(fname) else False
                    for fname in ("date_from", "date_to")
                },
            }
        )

    def action_export_xlsx(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        documents = self._get_documents()
        content = self.env["school.report.xlsx"]._render(documents)
        name = dict(self._fields["report_code"]._description_selection(self.env))[self.report_code]
        if self.class_id:
            name = f"{name} {self.class_id.name}"
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{name}.xlsx",
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
