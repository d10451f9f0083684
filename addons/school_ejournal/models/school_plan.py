import io
import re
from datetime import date, datetime, timedelta

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from . import school_access
from .school_spreadsheet import MAX_HEADER_ROWS, MAX_ROWS, format_row_errors, read_xlsx_rows, too_many_rows

# Layout of a plan spreadsheet (PLAN-2): three header rows (subject, class or parallel,
# year), an empty row, the column titles, then one row per topic.
COLUMN_WIDTHS = (6, 30, 60, 8, 22, 14)
HEADER_MARK = "№"
# the most hours a topic holds (its field's digits (4, 1))
MAX_TOPIC_HOURS = 999.9
EXCEL_EPOCH = date(1899, 12, 30)
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")
# what a plan is for: a teacher keeps it only for what he teaches (ROLE-5)
PLAN_TARGET_FIELDS = {"year_id", "subject_id", "class_id", "grade"}


class SchoolPlan(models.Model):
    """Calendar-thematic plan (КТП) of a subject for a class or a whole parallel (PLAN-1..3).

    Ordered topics with hours and work type; its total must equal the curriculum's hours,
    and the difference is shown. Lessons take their topics from it in order.

    School calendar (issue 14, duty 7): ``school_hours`` counts the lessons the timetable
    gives in the year's terms on the school days of the calendar only (holidays and vacations
    left out, transferred working days following their weekday), so that the plan can be
    compared with the hours that can really be given; a topic is never dated on a day off
    (refused at the import and at the approval), so that the coverage, which counts the
    topics' hours due by today, counts school days only.
    """

    _name = "school.plan"
    _description = "Calendar-Thematic Plan"
    # school.editable.mixin: a teacher changes own plans only (record rule), the import
    # of topics is not offered on a colleague's plan (SEC-3)
    _inherit = ["mail.thread", "school.editable.mixin"]
    _order = "year_id desc, grade, subject_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    year_id = fields.Many2one(
        "school.academic.year", string="Academic Year", required=True, index=True, check_company=True
    )
    subject_id = fields.Many2one("school.subject", required=True, index=True, check_company=True)
    class_id = fields.Many2one(
        "school.class",
        index=True,
        check_company=True,
        domain="[('year_id', '=', year_id)]",
        help="Leave empty for a plan shared by the whole parallel.",
    )
    grade = fields.Integer(string="Parallel", required=True)
    teacher_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user, domain=[("share", "=", False)]
    )
    topic_ids = fields.One2many("school.plan.topic", "plan_id", string="Topics", copy=True)
    total_hours = fields.Float(compute="_compute_hours", string="Planned Hours", store=True)
    curriculum_hours = fields.Float(compute="_compute_curriculum_hours")
    hours_difference = fields.Float(compute="_compute_curriculum_hours", string="Difference")
    given_hours = fields.Integer(compute="_compute_given_hours")
    school_hours = fields.Integer(
        string="Hours in the School Calendar",
        compute="_compute_school_hours",
        help="Lessons of the subject the timetable gives in the year's terms on the school days of "
        "the calendar (for a parallel's plan, in its class with the fewest).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")], default="draft", required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("subject_id", "class_id", "grade", "year_id")
    def _compute_name(self):
        for plan in self:
            target = plan.class_id.name or _("parallel %s", plan.grade)
            plan.name = f"{plan.subject_id.name or ''}, {target}, {plan.year_id.name or ''}"

    @api.depends("topic_ids.hours")
    def _compute_hours(self):
        for plan in self:
            plan.total_hours = sum(plan.topic_ids.mapped("hours"))

    @api.depends("total_hours", "class_id", "grade", "subject_id", "year_id")
    def _compute_curriculum_hours(self):
        for plan in self:
            domain = [("subject_id", "=", plan.subject_id.id), ("year_id", "=", plan.year_id.id)]
            domain += [("class_id", "=", plan.class_id.id)] if plan.class_id else [("grade", "=", plan.grade)]
            line = self.env["school.curriculum.line"].sudo().search(domain, limit=1)
            plan.curriculum_hours = line.hours_per_year
            plan.hours_difference = plan.total_hours - line.hours_per_year

    def _compute_given_hours(self):
        counts = dict(
            self.env["school.lesson"]
            .sudo()
            ._read_group(
                [("plan_topic_id.plan_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["plan_topic_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.given_hours = sum(counts.get(t, 0) for t in plan.topic_ids)

    @api.depends("class_id", "grade", "subject_id", "year_id")
    def _compute_school_hours(self):
        Calendar = self.env["school.calendar.day"]
        Class = self.env["school.class"].sudo()
        plan_classes, school_days = {}, {}
        for plan in self:
            year = plan.year_id.sudo()
            if year and plan.subject_id:
                plan_classes[plan] = plan.class_id.sudo() or Class.search(
                    [("year_id", "=", year.id), ("grade", "=", plan.grade)]
                )
                if year.id not in school_days:
                    school_days[year.id] = Calendar._get_school_weekdays(
                        year.company_id, year.date_start, year.date_end
                    )
        # the timetable of every class and subject at hand, read at once
        slots = (
            self.env["school.timetable.slot"]
            .sudo()
            .search(
                [
                    ("class_id", "in", Class.union(*plan_classes.values()).ids),
                    ("subject_id", "in", self.subject_id.ids),
                ]
            )
        )
        slots_by_key = slots.grouped(lambda slot: (slot.class_id.id, slot.subject_id.id))
        for plan in self:
            if plan not in plan_classes:
                plan.school_hours = 0
                continue
            year = plan.year_id.sudo()
            days = school_days[year.id]
            counts = []
            for school_class in plan_classes[plan]:
                terms = year.period_ids.filtered(lambda p, c=school_class: p.period_type == c.period_scheme)
                class_slots = slots_by_key.get((school_class.id, plan.subject_id.id), slots.browse())
                by_group = {}
                for day, weekday in days.items():
                    if not any(t.date_start <= day <= t.date_end for t in terms):
                        continue
                    for slot in class_slots:
                        if int(slot.weekday) == weekday and slot.date_from <= day <= slot.date_to:
                            by_group[slot.subgroup_id.id] = by_group.get(slot.subgroup_id.id, 0) + 1
                counts.append(max(by_group.values(), default=0))
            plan.school_hours = min(counts, default=0)

    def _check_topic_dates(self):
        """No topic dated on a day off of the school calendar (issue 14, duty 7)."""
        for plan in self:
            dated = plan.topic_ids.filtered("planned_date")
            if not dated:
                continue
            error = plan._get_day_off_error(dated.mapped("planned_date"))
            if error:
                raise ValidationError(_("The plan %(plan)s: %(reason)s.", plan=plan.name, reason=error))

    def _get_day_off_error(self, days):
        """The message for the first of ``days`` that is a day off, else False."""
        self.ensure_one()
        days = sorted(set(days))
        company = self.company_id.sudo()
        days_off = self.env["school.calendar.day"]._get_days_off(company, days[0], days[-1])
        for day in days:
            if day in days_off or day.weekday() == 6:
                return self._describe_day_off(day, days_off)
        return False

    @api.model
    def _describe_day_off(self, day, days_off):
        return _(
            "the topic is dated %(date)s, a day off (%(day_off)s): date it on a school day",
            date=format_date(self.env, day),
            day_off=days_off.get(day) or _("Sunday"),
        )

    @api.onchange("class_id")
    def _onchange_class_id(self):
        if self.class_id:
            self.grade = self.class_id.grade
            self.year_id = self.class_id.year_id

    @api.constrains("grade", "class_id")
    def _check_grade(self):
        for plan in self:
            if not 1 <= plan.grade <= 11:
                raise ValidationError(_("A plan needs its parallel (grade 1 to 11)."))
            if plan.class_id and plan.class_id.grade != plan.grade:
                raise ValidationError(_("The plan's class belongs to another parallel."))

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            self._check_can_approve()
        plans = super().create(vals_list)
        plans._check_taught()
        return plans

    def write(self, vals):
        if "state" in vals:
            # the state changes only through the deputy's approval (P 4.4, issue 11, item 8)
            self._check_can_approve()
        res = super().write(vals)
        if PLAN_TARGET_FIELDS & set(vals):
            self._check_taught()
        return res

    def _check_taught(self):
        """A teacher plans only what he teaches (ROLE-5, PLAN-1): the subject in the plan's
        class, or, for a plan of the parallel, in one of its classes; the lessons of that
        class take their topics from the plan (PLAN-3). The deputy and the administrator keep
        every plan."""
        if school_access.in_groups(self.env, school_access.GROUP_DEPUTY, school_access.GROUP_ADMIN):
            return
        # sudo: the classes of the plans' parallels, to learn whether the caller teaches one
        Class = self.env["school.class"].sudo()
        for plan in self.sudo():
            classes = plan.class_id or Class.search(
                [("year_id", "=", plan.year_id.id), ("grade", "=", plan.grade)]
            )
            if not school_access.taught_students_by_pair(self.env, classes, plan.subject_id):
                raise AccessError(
                    _(
                        "You do not teach %(subject)s in %(target)s: a teacher makes the plans of "
                        "the classes he teaches only.",
                        subject=plan.subject_id.name,
                        target=plan.class_id.name or _("parallel %s", plan.grade),
                    )
                )

    def _check_can_approve(self):
        """Only the deputy director approves a plan or sends an approved one back to draft."""
        if school_access.in_groups(self.env, school_access.GROUP_DEPUTY):
            return
        raise AccessError(_("Only the deputy director approves calendar-thematic plans."))

    def action_approve(self):
        self._check_can_approve()
        self._check_topic_dates()
        for plan in self:
            if plan.curriculum_hours and plan.hours_difference:
                raise ValidationError(
                    _(
                        "The plan has %(planned)s hours but the curriculum gives %(curriculum)s: "
                        "correct it before approval.",
                        planned=plan.total_hours,
                        curriculum=plan.curriculum_hours,
                    )
                )
        self.write({"state": "approved"})

    def action_reset_draft(self):
        self._check_can_approve()
        self.write({"state": "draft"})

    @api.model
    def _find_for(self, school_class, subject):
        """The plan of the class, else of its parallel, for the subject (PLAN-3)."""
        plans = self.search(
            [
                ("year_id", "=", school_class.year_id.id),
                ("subject_id", "=", subject.id),
                ("grade", "=", school_class.grade),
                "|",
                ("class_id", "=", school_class.id),
                ("class_id", "=", False),
            ]
        )
        return plans.filtered("class_id")[:1] or plans[:1]

    # ------------------------------------------------------------------
    # Export and import of a calendar-thematic plan as an XLSX spreadsheet (PLAN-2).
    # (formerly school_plan_xlsx.py)
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    @api.model
    def _xlsx_columns(self):
        return [_("No."), _("Section"), _("Topic"), _("Hours"), _("Work Type"), _("Planned Date")]

    def _export_xlsx(self):
        """The plan as XLSX bytes, in the layout ``_import_xlsx`` reads back."""
        self.ensure_one()
        output = io.BytesIO()
        # a topic reading "=HYPERLINK(...)" stays a text, never a formula of the file
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
        # dated by the plan's last change, not the clock: the same plan gives the same file
        workbook.set_properties({"created": self.write_date, "author": _("School e-Journal")})
        sheet = workbook.add_worksheet(_("Plan"))
        bold = workbook.add_format({"bold": True})
        head = workbook.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True})
        cell = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        number = workbook.add_format({"border": 1, "valign": "top", "num_format": "0.0"})
        day = workbook.add_format({"border": 1, "valign": "top", "num_format": "dd.mm.yyyy"})
        for col, width in enumerate(COLUMN_WIDTHS):
            sheet.set_column(col, col, width)

        if self.class_id:
            target_label, target = _("Class"), self.class_id.name
        else:
            target_label, target = _("Parallel"), self.grade
        sheet.write(0, 0, _("Subject"), bold)
        sheet.write(0, 2, self.subject_id.name)
        sheet.write(1, 0, target_label, bold)
        sheet.write(1, 2, target)
        sheet.write(2, 0, _("Academic Year"), bold)
        sheet.write(2, 2, self.year_id.name)

        header_row = 4
        sheet.write(header_row, 0, HEADER_MARK, head)
        for col, title in enumerate(self._xlsx_columns()[1:], 1):
            sheet.write(header_row, col, title, head)
        for index, topic in enumerate(self.topic_ids.sorted(lambda t: (t.sequence, t.id)), 1):
            row = header_row + index
            sheet.write_number(row, 0, index, cell)
            sheet.write(row, 1, topic.section or "", cell)
            sheet.write(row, 2, topic.name, cell)
            sheet.write_number(row, 3, topic.hours, number)
            sheet.write(row, 4, topic.work_type_id.name or "", cell)
            if topic.planned_date:
                sheet.write_datetime(row, 5, datetime.combine(topic.planned_date, datetime.min.time()), day)
            else:
                sheet.write_blank(row, 5, None, day)
        sheet.freeze_panes(header_row + 1, 0)
        workbook.close()
        return output.getvalue()

    def _xlsx_filename(self):
        self.ensure_one()
        name = re.sub(r'[\\/:*?"<>|]+', "-", self.name or _("Plan")).strip()
        return f"{name}.xlsx"

    def action_export_xlsx(self):
        """Download the plan as XLSX (PLAN-2)."""
        school_access.check_staff(self.env)
        self.ensure_one()
        self.check_access("read")
        content = self._export_xlsx()
        filename = self._xlsx_filename()
        Attachment = self.env["ir.attachment"]
        # The file belongs to the user who asked for it, not to the plan: a teacher may export
        # a colleague's plan without being allowed to change it. Earlier copies are dropped.
        Attachment.search(
            [
                ("name", "=", filename),
                ("res_id", "=", False),
                ("create_uid", "=", self.env.uid),
                ("description", "=", "school.plan.export"),
            ]
        ).unlink()
        attachment = Attachment.create(
            {
                "name": filename,
                "raw": content,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "description": "school.plan.export",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def action_open_import_wizard(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Plan Topics"),
            "res_model": "school.plan.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    def _xlsx_work_types(self):
        """Work types by lower-case name (English and user's language) and code."""
        self.ensure_one()
        work_types = self.env["school.work.type"].search([("company_id", "in", (False, self.company_id.id))])
        lookup = {}
        langs = {"en_US", self.env.lang or "en_US"}
        for lang in langs:
            for work_type in work_types.with_context(lang=lang):
                lookup.setdefault((work_type.name or "").strip().lower(), work_type.id)
        for work_type in work_types:
            lookup.setdefault((work_type.code or "").strip().lower(), work_type.id)
        lookup.pop("", None)
        return lookup

    @api.model
    def _xlsx_parse_hours(self, value):
        """A positive number of hours; None when the cell is no such number (text, NaN, an
        infinity, or more hours than a topic's field holds: digits (4, 1))."""
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                return None
        return number if 0 < number <= MAX_TOPIC_HOURS else None

    @api.model
    def _xlsx_parse_date(self, value):
        """A date from a date cell, an Excel serial number or a DD.MM.YYYY text; None if bad."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 1 <= value < 2958466:
                return EXCEL_EPOCH + timedelta(days=int(value))
            return None
        text = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None

    @api.model
    def _xlsx_text(self, value):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def _xlsx_row_date(self, index, planned, errors, dated):
        """The planned date of row ``index`` (False when empty): a date of the plan's academic
        year, listed in ``dated``; otherwise the row's error is added to ``errors``."""
        if not self._xlsx_text(planned):
            return False
        day = self._xlsx_parse_date(planned)
        if not day:
            errors.append((index, _("«%s» is not a date (write it as DD.MM.YYYY)", self._xlsx_text(planned))))
        elif not self.year_id.date_start <= day <= self.year_id.date_end:
            errors.append(
                (
                    index,
                    _(
                        "the date %(date)s is outside the academic year %(year)s",
                        date=format_date(self.env, day),
                        year=self.year_id.name,
                    ),
                )
            )
        else:
            dated.append((index, day))
        return day or False

    def _parse_xlsx(self, content):
        """Read and validate every row of a plan spreadsheet.

        Returns ``(vals_list, errors)``: the values of the topics in file order and the list
        of ``(row number, reason)`` of the rows that cannot be imported.
        """
        self.ensure_one()
        # streamed, six columns, at most 5,000 rows and 5 MB (issue 11 item 10)
        rows = read_xlsx_rows(
            self.env,
            content,
            len(COLUMN_WIDTHS),
            lambda env, error: env._("The file cannot be read as an XLSX spreadsheet: %s", error),
        )
        header_index = next(
            (
                i
                for i, (_row, values) in enumerate(rows[:MAX_HEADER_ROWS])
                if self._xlsx_text(values[0]) == HEADER_MARK
            ),
            None,
        )
        if header_index is None:
            raise UserError(
                _(
                    "The file does not have the layout of a plan: the column titles row must "
                    "start with «%s» in column A. Export a plan to get a template.",
                    HEADER_MARK,
                )
            )
        if len(rows) - header_index - 1 > MAX_ROWS:
            raise too_many_rows(self.env)
        work_types = self._xlsx_work_types()
        vals_list, errors, dated = [], [], []
        section = ""
        for index, row in rows[header_index + 1 :]:
            cells = list(row or ()) + [None] * 6
            _number, section_cell, topic, hours, work_type, planned = cells[:6]
            if all(self._xlsx_text(c) == "" for c in cells[1:6]):
                continue
            section = self._xlsx_text(section_cell) or section
            name = self._xlsx_text(topic)
            vals = {"section": section or False, "name": name}
            if not name:
                errors.append((index, _("the topic is missing")))
            if any(text.startswith("=") for text in (name, self._xlsx_text(section_cell))):
                errors.append((index, _("a formula is not imported, type its value")))
            for fname, text in (("name", name), ("section", section)):
                limit = self.env["school.plan.topic"]._text_limits[fname]
                if len(text or "") > limit:
                    errors.append((index, _("the text is longer than %(limit)s characters", limit=limit)))
            parsed_hours = self._xlsx_parse_hours(hours) if self._xlsx_text(hours) else None
            if parsed_hours is None:
                errors.append((index, _("the hours «%s» are not a positive number", self._xlsx_text(hours))))
            vals["hours"] = parsed_hours
            work_type_text = self._xlsx_text(work_type)
            vals["work_type_id"] = False
            if work_type_text:
                vals["work_type_id"] = work_types.get(work_type_text.lower(), False)
                if not vals["work_type_id"]:
                    errors.append((index, _("unknown work type «%s»", work_type_text)))
            vals["planned_date"] = self._xlsx_row_date(index, planned, errors, dated)
            vals_list.append(vals)
        # topics dated on a day off of the school calendar: one query for the file (duty 7)
        if dated:
            days = [day for _index, day in dated]
            days_off = self.env["school.calendar.day"]._get_days_off(
                self.company_id.sudo(), min(days), max(days)
            )
            errors += [
                (index, self._describe_day_off(day, days_off))
                for index, day in dated
                if day in days_off or day.weekday() == 6
            ]
            errors.sort(key=lambda error: error[0])
        if not vals_list and not errors:
            errors.append((rows[header_index][0] + 1, _("the file has no topics")))
        return vals_list, errors

    def _import_xlsx(self, content, mode="replace"):
        """Replace or extend the plan's topics with those of a spreadsheet (PLAN-2).

        Every row is checked first; on any error nothing is saved and the error lists each
        bad row with its reason.
        """
        self.ensure_one()
        vals_list, errors = self._parse_xlsx(content)
        if errors:
            raise UserError(
                _(
                    "The plan was not changed: %(count)s error(s) in the file.\n%(lines)s",
                    count=len(errors),
                    lines=format_row_errors(self.env, errors),
                )
            )
        Topic = self.env["school.plan.topic"]
        start = 0
        if mode == "replace":
            self.topic_ids.unlink()
        else:
            start = max(self.topic_ids.mapped("sequence") or [0])
        topics = Topic.create(
            [dict(vals, plan_id=self.id, sequence=start + 10 * i) for i, vals in enumerate(vals_list, 1)]
        )
        return topics
