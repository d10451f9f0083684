import datetime
import io

import xlsxwriter

from odoo import _, api, models

# a fixed creation date keeps the file bytes identical for identical data (ARCH-2)
FIXED_CREATED = datetime.datetime(2000, 1, 1)


class SchoolReportXlsx(models.AbstractModel):
    """Writes the documents of the report service as XLSX (REP-12) with xlsxwriter.

    A document is a dict: title, subtitle lines, sections (title, columns, rows, footer),
    signatures. The same document feeds the PDF template, so both formats print the same
    figures.
    """

    _name = "school.report.xlsx"
    _description = "School Report XLSX Writer"

    @api.model
    def _render(self, documents):
        """One workbook, one sheet per document; returns the file's bytes."""
        output = io.BytesIO()
        # a topic or a comment reading "=HYPERLINK(...)" stays a text, never a formula of the
        # file (issue 11 item 10)
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
        workbook.set_properties(
            {
                "created": FIXED_CREATED,
                "author": _("School e-Journal"),
                "title": documents[0]["title"] if documents else "",
            }
        )
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"italic": True}),
            "section": workbook.add_format({"bold": True, "font_size": 12}),
            "header": workbook.add_format(
                {"bold": True, "border": 1, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}
            ),
            "cell": workbook.add_format({"border": 1, "valign": "top"}),
            "wrap": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "footer": workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"}),
        }
        used_names = set()
        for document in documents:
            name = self._sheet_name(document.get("sheet") or document["title"], used_names)
            sheet = workbook.add_worksheet(name)
            self._write_document(sheet, document, formats)
        workbook.close()
        return output.getvalue()

    @api.model
    def _sheet_name(self, name, used):
        base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or _("Sheet")
        candidate, n = base, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{base[:25]}~{n}"
        used.add(candidate.lower())
        return candidate

    @api.model
    def _write_document(self, sheet, document, formats):
        row = 0
        sheet.write(row, 0, document["title"], formats["title"])
        row += 1
        for line in document.get("subtitle", []):
            sheet.write(row, 0, line, formats["subtitle"])
            row += 1
        widths = {}
        for section in document.get("sections", []):
            row += 1
            if section.get("title"):
                sheet.write(row, 0, section["title"], formats["section"])
                row += 1
            for col, label in enumerate(section.get("columns", [])):
                sheet.write(row, col, label, formats["header"])
                widths[col] = max(widths.get(col, 4), min(len(str(label)), 40))
            row += 1
            for values in section.get("rows", []):
                for col, value in enumerate(values):
                    fmt = formats["wrap"] if isinstance(value, str) and len(value) > 40 else formats["cell"]
                    sheet.write(row, col, value if value is not None else "", fmt)
                    widths[col] = max(widths.get(col, 4), min(len(str(value or "")), 40))
                row += 1
            for values in section.get("footer", []):
                for col, value in enumerate(values):
                    sheet.write(row, col, value if value is not None else "", formats["footer"])
                row += 1
        if document.get("signatures"):
            row += 1
            for label in document["signatures"]:
                sheet.write(row, 0, label)
                sheet.write(row, 3, "____________________")
                row += 1
        for col, width in widths.items():
            sheet.set_column(col, col, width + 2)
