"""A text typed by a user that reads like a formula ("=HYPERLINK(...)", a topic or a comment)
is written to the XLSX reports as a text, never as a formula that the spreadsheet would run
when the file is opened (issue 11 item 10, REP-12)."""

import io

import openpyxl

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInputXlsx(TransactionCase):
    def test_formula_like_text_stays_text(self):
        formula = '=HYPERLINK("http://evil.example","Дроби")'
        document = {
            "title": "Журнал",
            "subtitle": [],
            "sections": [{"title": "5А", "columns": ["Тема", "Часы"], "rows": [[formula, 1]]}],
            "signatures": [],
        }
        content = self.env["school.report.xlsx"]._render([document])
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == formula]
        self.assertEqual([cell.data_type for cell in cells], ["s"])
