"""A Russian parent's e-diary meets no English: every page under /my, Odoo's portal frame
around it (header, menus, footer) and the error pages of our routes, as the browser gets
them over HTTP for a guardian and a student whose language is Russian; the sign-in page of a
browser asking for Russian, the printed weekly digest, and the contingent template an
administrator downloads."""

import io
from urllib.parse import unquote

import openpyxl

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval, time

from .common import DiaryFixtures, SchoolCommon
from .russian_text import LANG, EnglishFinder, page_texts

MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.http")


@tagged("post_install", "-at_install")
class TestRussianPortal(DiaryFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.parent_mother | cls.user_student).write({"lang": LANG})
        # the test school's data in Russian, as a Russian school names it
        for number, period in enumerate(cls.year.period_ids.sorted("date_start"), start=1):
            period.name = f"Период {number}"

    def _read(self, finder, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        for where, text in page_texts(response.content):
            finder.check(f"{url} {where}", text)
        return response

    def assertNoEnglish(self, finder, who):
        self.assertFalse(finder.leaks, f"English met by {who} in the e-diary:\n" + "\n".join(finder.leaks))

    def _diary_pages(self, child):
        base = f"/my/diary/{child.id}"
        return ["/my", f"{base}?date={self.ref_day}", f"{base}/marks", f"{base}/attendance", f"{base}/events"]

    def _assert_pages_russian(self, login, urls, who):
        self.authenticate(login, login)
        finder = EnglishFinder()
        for url in urls:
            self._read(finder, url)
        self.assertNoEnglish(finder, who)

    def test_guardian_pages(self):
        """Every page of a child's e-diary, the portal's home and the child's choice."""
        base = f"/my/diary/{self.child_maria.id}"
        others = ("message", "message?error=empty", "message?sent=1", "disputes", "teachers")
        urls = ["/my/diary", *self._diary_pages(self.child_maria), *(f"{base}/{page}" for page in others)]
        self._assert_pages_russian("dn_mother", urls, "a guardian")

    def test_student_pages(self):
        self._assert_pages_russian("dn_student", self._diary_pages(self.child_ivan), "a student")

    def test_login_page(self):
        """The sign-in page, for a browser asking for Russian (no session yet)."""
        response = self.url_open("/web/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        self.assertEqual(response.status_code, 200)
        finder = EnglishFinder()
        for where, text in page_texts(response.content):
            finder.check(f"/web/login {where}", text)
        self.assertNoEnglish(finder, "a visitor signing in")

    def test_error_pages(self):
        """Another family's child: the page refused is Russian too."""
        self.authenticate("dn_mother", "dn_mother")
        finder = EnglishFinder()
        with mute_logger(*MUTE_ACCESS):
            self._read(finder, f"/my/diary/{self.child_petr.id}/marks", status=404)
            self._read(finder, "/my/diary/999999999", status=404)
        self.assertNoEnglish(finder, "a guardian refused")

    def test_printed_weekly_digest(self):
        """The weekly digest printed for a guardian without electronic access, in Russian."""
        link = self.env["school.guardian.link"].search([("student_id", "=", self.child_maria.id)], limit=1)
        self.assertTrue(link)
        Report = self.env["ir.actions.report"].with_context(lang=LANG)
        body = Report._render_qweb_html(
            "school_ejournal.report_guardian_digest", link.ids, data={"date": str(self.ref_day)}
        )[0]
        self.assertIn(self.child_maria.name, body.decode())
        finder = EnglishFinder()
        for where, text in page_texts(body):
            finder.check(f"digest {where}", text)
        report = self.env.ref("school_ejournal.action_report_guardian_digest").with_context(lang=LANG)
        finder.check("digest file name", safe_eval(report.print_report_name, {"object": link, "time": time}))
        self.assertNoEnglish(finder, "a guardian reading the printed digest")


@tagged("post_install", "-at_install")
class TestRussianDownloads(SchoolCommon, HttpCase):
    def test_contingent_template(self):
        """The XLSX template of the contingent import downloaded by a Russian administrator:
        its file name and sheet name (the columns are the Russian names the import reads)."""
        self.user_ej_admin.lang = LANG
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        response = self.url_open("/school_ejournal/contingent_template.xlsx")
        self.assertEqual(response.status_code, 200)
        finder = EnglishFinder()
        disposition = unquote(response.headers["Content-Disposition"].rpartition("''")[2])
        finder.check("file name", disposition.removesuffix(".xlsx"))
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        for sheet in workbook.worksheets:
            finder.check("sheet name", sheet.title)
            for row in sheet.iter_rows(max_row=1, values_only=True):
                for value in row:
                    finder.check("column", value)
        self.assertFalse(finder.leaks, "English in the contingent template:\n" + "\n".join(finder.leaks))
