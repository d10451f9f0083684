import io

from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.web.controllers.home import Home


class SchoolHome(Home):
    """A temporary password must be changed at first login (SEC-1, P 3.3)."""

    def _login_redirect(self, uid, redirect=None):
        user = request.env["res.users"].sudo().browse(uid)
        if user.exists() and user.school_temp_password:
            return "/my/security"
        return super()._login_redirect(uid, redirect=redirect)


# columns of the contingent import (school.contingent.import.wizard HEADERS) and one example
TEMPLATE_COLUMNS = [
    ("Фамилия", "Иванов"),
    ("Имя", "Иван"),
    ("Отчество", "Иванович"),
    ("Дата рождения", "01.09.2015"),
    ("Пол", "м"),
    ("Класс", "5А"),
    ("Номер личного дела", "ЛД-001"),
    ("Дата согласия", "01.09.2026"),
    ("Документ согласия", "Согласие № 1"),
    ("Объём согласия", "журнал, дневник, уведомления"),
    ("СНИЛС", ""),
    ("Представитель", "Иванова Мария Петровна"),
    ("Родство", "мать"),
    ("Телефон представителя", "+7 900 000-00-00"),
    ("Email представителя", "ivanova@example.com"),
    ("Представитель 2", ""),
    ("Родство 2", ""),
    ("Телефон представителя 2", ""),
]


class SchoolContingentTemplate(http.Controller):
    @http.route("/school_ejournal/contingent_template.xlsx", type="http", auth="user", readonly=True)
    def contingent_template(self):
        """The XLSX template of the contingent import: the columns and one example row (issue 13)."""
        if not request.env["school.contingent.import.wizard"].has_access("create"):
            raise AccessError(_("Only the e-journal administrator imports students."))
        import xlsxwriter

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Students"))
        bold = workbook.add_format({"bold": True})
        for column, (header, example) in enumerate(TEMPLATE_COLUMNS):
            sheet.write(0, column, header, bold)
            sheet.write(1, column, example)
            sheet.set_column(column, column, max(len(header), len(example)) + 2)
        workbook.close()
        return request.make_response(
            buffer.getvalue(),
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", http.content_disposition(_("students_template") + ".xlsx")),
            ],
        )
