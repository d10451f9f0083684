"""Screenshots of the screens of issue 13 for the README (docs/*.png).

Not part of the default run (tag ``-standard``): ``scripts/test.sh --tags school_screenshots``
opens the journal grid, the day's attendance, the control dashboard and the phone e-diary
of the small school of the reports tests in headless Chrome, as their users, and writes one
PNG per screen into the repository's ``docs`` folder (or, when the server may not write
there, into ``school_ejournal_docs`` of the temporary folder, named in the log).
"""

import base64
import logging
import os
import tempfile
from pathlib import Path

import werkzeug.urls

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.translate import code_translations

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon

_logger = logging.getLogger(__name__)
REPO_DOCS = Path(get_module_path("school_ejournal_e2e")).parents[1] / "docs"
# the server may run as another user than the owner of the checkout: then a temporary folder
DOCS = REPO_DOCS if os.access(REPO_DOCS, os.W_OK) else Path(tempfile.gettempdir()) / "school_ejournal_docs"


@tagged("post_install", "-at_install", "-standard", "school_screenshots")
class TestScreenshots(ReportsCommon, HttpCase):
    def _screenshot(self, login, url, ready, name, size="1366x768"):
        self.browser_size = size
        browser = ChromeBrowser(self, headless=True, success_signal="test successful", debug=False)
        try:
            self.authenticate(login, login, browser=browser)
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(werkzeug.urls.url_join(self.base_url(), url), wait_stop=False)
            self.assertTrue(browser._wait_ready(ready, timeout=60), f"{name}: the screen did not load")
            # fonts and the last renderings
            browser._wait_ready("new Promise((resolve) => setTimeout(() => resolve(true), 1500))", timeout=10)
            shot = browser._websocket_send("Page.captureScreenshot", with_future=True).result(timeout=30)
            content = base64.b64decode(shot["data"])
        finally:
            browser.stop()
        self.assertTrue(content.startswith(b"\x89PNG"), name)
        DOCS.mkdir(exist_ok=True)
        (DOCS / f"{name}.png").write_bytes(content)
        _logger.info("Screenshot %s", DOCS / f"{name}.png")

    def test_screenshots(self):
        (self.class_teacher | self.user_deputy | self.user_parent).write({"lang": "ru_RU"})
        # the periods named as a Russian administrator's button names them ("1-я четверть"):
        # the fixtures make them in English, the tests' language
        russian = code_translations.get_python_translations("school_ejournal", "ru_RU")
        for period in self.env["school.period"].search([("year_id", "=", self.quarter_1.year_id.id)]):
            period.name = russian.get(period.name, period.name)
        self._screenshot(
            "ej_class_teacher",
            f"/odoo/school-journal?class_id={self.class_5a.id}&subject_id={self.subject_math.id}"
            f"&period_id={self.quarter_1.id}",
            "!!document.querySelector('.o_ej_grid .o_ej_mark')",
            "journal_grid",
        )
        self._screenshot(
            "ej_class_teacher",
            "/odoo/action-school_ejournal.school_attendance_day_action",
            "!!document.querySelector('.o_ej_day_table tbody tr')",
            "attendance_day",
        )
        self._screenshot(
            "ej_deputy",
            "/odoo/action-school_ejournal.school_control_dashboard_action",
            "!!document.querySelector('.o_ej_dash_classes tbody tr')",
            "control_dashboard",
        )
        self._screenshot(
            "ej_parent",
            f"/my/diary/{self.student_petrova.id}?date=2026-11-16",
            "!!document.querySelector('.o_school_day')",
            "diary_week_phone",
            size="390x844",
        )
        self._screenshot(
            "ej_parent",
            f"/my/diary/{self.student_petrova.id}/marks?period_id={self.quarter_1.id}",
            "!!document.querySelector('.o_school_subject')",
            "diary_marks_phone",
            size="390x844",
        )
        for name in (
            "journal_grid",
            "attendance_day",
            "control_dashboard",
            "diary_week_phone",
            "diary_marks_phone",
        ):
            self.assertTrue((DOCS / f"{name}.png").stat().st_size > 1000, name)
