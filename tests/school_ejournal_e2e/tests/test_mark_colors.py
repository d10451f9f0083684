"""The colours of the marks by value are a setting of the school (issue 13, ROLE-1).

Defaults: 2 (and 1) red, 3 orange, 4 blue, 5 green. The e-journal administrator changes
them on the school's settings; the journal grid (through the session) and the e-diary use
them. A colour is "#rrggbb" and nothing else: it is written into the pages' styles.
"""

import json

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal.models.res_company import MARK_COLOR_DEFAULTS
from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon


@tagged("post_install", "-at_install")
class TestMarkColors(ReportsCommon, HttpCase):
    def _set_colors(self):
        self.school.with_user(self.user_ej_admin).write(
            {"school_mark_color_2": "#aa0000", "school_mark_color_5": "#00aa00"}
        )

    def test_defaults_and_settings(self):
        colors = self.school._school_mark_colors()
        self.assertEqual(colors[2], "#dc3545")
        self.assertEqual(colors[5], "#198754")
        self.assertEqual(colors[1], colors[2], "a 1 is coloured as a 2")
        self.assertEqual({k: v for k, v in colors.items() if k != 1}, MARK_COLOR_DEFAULTS)
        # the settings page offers them, as related fields of the school
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.school_mark_color_3, MARK_COLOR_DEFAULTS[3])
        settings.school_mark_color_3 = "#123456"
        settings.execute()
        self.assertEqual(self.env.company.school_mark_color_3, "#123456")
        # the e-journal administrator's own settings page writes them and logs the change
        self._set_colors()
        self.assertEqual(self.school._school_mark_colors()[2], "#aa0000")
        self.assertIn(
            "school_mark_color_2=#aa0000",
            self.env["school.account.log"]
            .search([("action", "=", "settings")], order="id desc", limit=1)
            .details,
        )
        # a teacher may not
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.school.with_user(self.teacher).write({"school_mark_color_2": "#000000"})

    def test_bad_colour_is_refused_in_russian(self):
        for value in ("red", "#12345", "#1234567", "#12345g", "#fff; background: url(x)"):
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught, self.cr.savepoint():
                self.school.with_context(lang="ru_RU").write({"school_mark_color_4": value})
            self.assertRegex(str(caught.exception), "[А-Яа-я]")
        self.assertEqual(self.school.school_mark_color_4, MARK_COLOR_DEFAULTS[4])

    def test_session_diary_and_grid_use_them(self):
        self._set_colors()
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        response = self.url_open(
            "/web/session/get_session_info",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
            headers={"Content-Type": "application/json"},
        )
        colors = response.json()["result"]["school_mark_colors"]
        self.assertEqual(colors["2"], "#aa0000")
        self.assertEqual(colors["1"], "#aa0000")
        self.assertEqual(colors["3"], MARK_COLOR_DEFAULTS[3])
        # the e-diary of a parent
        self.authenticate(self.user_parent.login, self.user_parent.login)
        response = self.url_open(f"/my/diary/{self.student_petrova.id}/marks?period_id={self.quarter_1.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("--o-ej-mark-2: #aa0000", response.text)
        self.assertIn("--o-ej-mark-5: #00aa00", response.text)
        self.assertIn("o_school_mark_5", response.text)
        # the journal grid in the browser (Сидоров's 2 and Иванов's 5 on 07.09)
        self.start_tour(
            f"/odoo/school-journal?class_id={self.class_5a.id}&subject_id={self.subject_math.id}"
            f"&period_id={self.quarter_1.id}",
            "school_mark_colors_tour",
            login=self.class_teacher.login,
        )
