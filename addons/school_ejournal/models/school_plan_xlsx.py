import io
import re
from datetime import date, datetime, timedelta

import xlsxwriter

from odoo import _, api, models
from odoo.exceptions import UserError

from . import school_access
from .school_spreadsheet import MAX_HEADER_ROWS, MAX_ROWS, format_row_errors, read_xlsx_rows, too_many_rows

# Layout of a plan spreadsheet (PLAN-2): three header rows (subject, class or parallel,
# year), an empty row, the column titles, then one row per topic.
COLUMN_WIDTHS = (6, 30, 60, 8, 22, 14)
HEADER_MARK = "№"
EXCEL_EPOCH = date(1899, 12, 30)
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


class SchoolPlan(models.Model):
    """Export and import of a calendar-thematic plan as an XLSX spreadsheet (PLAN-2)."""

    _inherit = "school.plan"

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
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
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
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                return None
        return number if number > 0 else None

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
        vals_list, errors = [], []
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
            vals["planned_date"] = False
            if self._xlsx_text(planned):
                vals["planned_date"] = self._xlsx_parse_date(planned)
                if not vals["planned_date"]:
                    errors.append(
                        (index, _("«%s» is not a date (write it as DD.MM.YYYY)", self._xlsx_text(planned)))
                    )
            vals_list.append(vals)
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
