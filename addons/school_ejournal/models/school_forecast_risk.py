from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models

from .school_report_columns import report_count


class SchoolForecastRisk(models.Model):
    """A student at risk of a "2" or of "not attested" in a subject, found when the forecasts
    are published before the period ends (S teacher 3; issue 14, duty 4).

    Published by a daily job ``school_forecast_days`` days before the end of a quarter or
    half: the guardians get a notice, the class teacher the list of the class. The teachers
    of the subject in the class (a psychologist or social pedagogue with a teaching load too,
    ROLE-6) read its rows: the forecast is theirs to make (S teacher 3).
    """

    _name = "school.forecast.risk"
    _description = "Forecast: Student at Risk"
    _inherit = ["mail.thread", "school.taught.subject.mixin"]
    _order = "period_id desc, class_id, student_id, subject_id"
    _check_company_auto = True

    period_id = fields.Many2one("school.period", required=True, readonly=True, index=True, check_company=True)
    class_id = fields.Many2one("school.class", required=True, readonly=True, index=True)
    student_id = fields.Many2one(
        "school.student", required=True, readonly=True, index=True, check_company=True
    )
    subject_id = fields.Many2one("school.subject", required=True, readonly=True, check_company=True)
    risk = fields.Selection(
        [("mark_2", "Unsatisfactory mark"), ("not_attested", "Not attested")], required=True, readonly=True
    )
    average = fields.Float(digits=(4, 2), readonly=True)
    marks_count = report_count("Marks")
    min_marks = fields.Integer(string="Marks Needed", readonly=True)
    published_at = fields.Datetime(readonly=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("period_student_subject_uniq", "unique(period_id, student_id, subject_id)", "Already published."),
    ]

    @api.model
    def _cron_publish_forecasts(self, date=None):
        """Publish the forecasts of the periods ending within the school's lead time."""
        today = date or fields.Date.context_today(self)
        periods = (
            self.env["school.period"]
            .sudo()
            .search(
                [
                    ("period_type", "in", ("quarter", "half")),
                    ("date_end", ">=", today),
                    ("date_end", "<=", today + timedelta(days=60)),
                ]
            )
        )
        risks = self.browse()
        for period in periods:
            if today >= period.date_end - timedelta(days=period.company_id.school_forecast_days or 10):
                risks |= self._publish_period(period)
        return risks

    @api.model
    def _publish_period(self, period):
        PeriodMark = self.env["school.period.mark"].sudo()
        policy = self.env["school.grading.policy"].sudo()._get_policy(period.date_end, period.company_id)
        if not policy:
            return self.browse()
        classes = (
            self.env["school.class"]
            .sudo()
            .search([("year_id", "=", period.year_id.id), ("period_scheme", "=", period.period_type)])
        )
        done = {
            (r.student_id.id, r.subject_id.id) for r in self.sudo().search([("period_id", "=", period.id)])
        }
        classes = classes.filtered(lambda c: c.grade != 1)
        # the curriculum lines and subgroups of all the classes at once, not a query per class
        lines_by_class = {}
        for line in self.env["school.curriculum.line"].sudo().search([("class_id", "in", classes.ids)]):
            lines_by_class.setdefault(line.class_id.id, []).append(line)
        subgroup_students = {}
        for subgroup in self.env["school.subgroup"].sudo().search([("class_id", "in", classes.ids)]):
            key = (subgroup.class_id.id, subgroup.subject_id.id)
            subgroup_students[key] = (
                subgroup_students.get(key, subgroup.student_ids.browse()) | subgroup.student_ids
            )
        vals_list = []
        for school_class in classes:
            students = PeriodMark._get_roster(school_class, period)
            for line in lines_by_class.get(school_class.id, []):
                if not line.subject_id.is_graded:
                    continue
                subject = line.subject_id
                taught = students
                if line.split_in_subgroups:
                    taught = students & subgroup_students.get(
                        (school_class.id, subject.id), students.browse()
                    )
                sums = PeriodMark._get_mark_sums(
                    school_class.id, subject.id, period.date_start, period.date_end, taught.ids
                )
                for student in taught:
                    if (student.id, subject.id) in done:
                        continue
                    weighted, weight, count = sums.get(student.id, (0, 0, 0))
                    average, proposed = PeriodMark._propose(policy, weighted, weight)
                    risk = False
                    if count < policy.min_marks:
                        risk = "not_attested"
                    elif proposed and proposed <= 2:
                        risk = "mark_2"
                    if risk:
                        vals_list.append(
                            {
                                "period_id": period.id,
                                "class_id": school_class.id,
                                "student_id": student.id,
                                "subject_id": subject.id,
                                "risk": risk,
                                "average": average or 0,
                                "marks_count": count,
                                "min_marks": policy.min_marks,
                                "published_at": fields.Datetime.now(),
                            }
                        )
        risks = self.sudo().create(vals_list)
        risks._notify()
        return risks

    def _notify(self):
        """A notice to the guardians of each student at risk, the list to the class teacher."""
        today = fields.Date.context_today(self)
        labels = dict(self._fields["risk"]._description_selection(self.env))
        for risk in self:
            links = risk.student_id.guardian_link_ids.filtered(lambda link: link._is_in_force(today))
            guardians = links.guardian_id
            if not guardians:
                continue
            risk_label = labels[risk.risk]
            subject = _(
                "Forecast for %(period)s: %(student)s",
                period=risk.period_id.name,
                student=risk.student_id.name,
            )
            body = _(
                "%(student)s is at risk of %(risk)s in %(subject)s for %(period)s: average %(average)s, "
                "%(count)s of at least %(min)s marks. Please contact the teacher.",
                student=risk.student_id.name,
                risk=risk_label,
                subject=risk.subject_id.name,
                period=risk.period_id.name,
                average="%.2f" % risk.average,
                count=risk.marks_count,
                min=risk.min_marks,
            )
            risk.message_notify(partner_ids=guardians.ids, subject=subject, body=body)
        for school_class in self.class_id:
            teacher = school_class.class_teacher_id
            if not teacher:
                continue
            rows = self.filtered(lambda r, c=school_class: r.class_id == c)
            lines = ["%s: %s (%s)" % (r.student_id.name, r.subject_id.name, labels[r.risk]) for r in rows]
            subject = _(
                "Students at risk in %(class_name)s, %(period)s",
                class_name=school_class.name,
                period=rows[0].period_id.name,
            )
            header = _("Students at risk before the end of the period:")
            body = Markup("%s<br/>") % header + Markup("<br/>").join(lines)
            rows[0].message_notify(partner_ids=teacher.partner_id.ids, subject=subject, body=body)
