"""The main screens of every role on a 390 px phone, pinned after they were looked at by
hand (issue 13; JOUR-13, PORT-1, FINAL-1, CTRL-1, JOUR-2): the e-diary's current tab in
sight, Save of the period marks and the dashboard's reload not folded behind a bare caret,
the forecast column not squeezed, averages and dates in the reader's format, the journal's
lesson panel leaving room for the grid, the lessons as cards."""

from datetime import date
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from .common import DiaryFixtures, JournalGridCommon, PeriodMarkCommon
from .test_generic_paths_access import GenericPathsFixture

PHONE = "390x844"


@tagged("post_install", "-at_install")
class TestPhoneDiary(DiaryFixtures, HttpCase):
    browser_size = PHONE

    def test_current_tab_in_sight(self):
        """The fourth and fifth tabs of the diary, past the phone's right edge, are
        scrolled into sight when they are the page being read."""
        self.start_tour(
            f"/my/diary/{self.child_maria.id}/events", "school_ejournal_phone_diary_tabs", login="dn_mother"
        )


@tagged("post_install", "-at_install")
class TestPhoneDiaryHomework(GenericPathsFixture, HttpCase):
    browser_size = PHONE

    def test_homework_file_link_in_sight(self):
        """PORT-1: the week page's homework file, linked through the diary's route (no token),
        is in sight on a phone."""
        self.start_tour(
            f"/my/diary/{self.child_petr.id}?date={self.day1}",
            "school_ejournal_phone_diary_homework_file",
            login=self.parent_other.login,
        )
        # the link the tour found is the file's route, which the guardian downloads
        self.authenticate(self.parent_other.login, self.parent_other.login)
        url = f"/my/diary/{self.child_petr.id}/homework/{self.lesson_math.id}/{self.file_5a.id}"
        self.assertIn(url, self.url_open(f"/my/diary/{self.child_petr.id}?date={self.day1}").text)
        self.assertEqual(self.url_open(url).content, b"5A homework for the class")


@tagged("post_install", "-at_install")
class TestPhonePeriodMarks(PeriodMarkCommon, HttpCase):
    browser_size = PHONE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        (cls.teacher_math | cls.class_teacher | cls.user_deputy).write({"lang": "ru_RU"})

    def test_period_marks_on_a_phone(self):
        lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 5))
        self._marks(lesson, {self.s_ivanov: [5, 4, 4], self.s_petrova: [4, 4, 5], self.s_sidorov: [3, 4, 4]})
        params = {"class_id": self.class_5a.id, "subject_id": self.math.id, "period_id": self.q1.id}
        self.start_tour(
            f"/odoo/school-period-marks?{urlencode(params)}",
            "school_ejournal_phone_period_marks",
            login=self.teacher_math.login,
        )
        # looked at, not changed: nothing saved by the tour
        self.assertFalse(
            self.env["school.period.mark"].search([("class_id", "=", self.class_5a.id), ("value", ">", 0)])
        )

    def test_attendance_day_date_in_the_users_format(self):
        """The day in the user's format; scrolled sideways, the names column covers the
        lessons beneath it to its very edge (it left a 2 px sliver of them in sight)."""
        for number in range(1, 5):
            self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 5), lesson_number=number)
        self.start_tour(
            "/odoo/action-school_ejournal.school_attendance_day_action",
            "school_ejournal_phone_attendance_day",
            login=self.class_teacher.login,
        )

    def test_control_dashboard_on_a_phone(self):
        self.start_tour("/odoo/school-control", "school_ejournal_phone_control", login=self.user_deputy.login)


@tagged("post_install", "-at_install")
class TestPhoneJournal(JournalGridCommon, HttpCase):
    browser_size = PHONE

    def test_lesson_panel_leaves_room_for_the_grid(self):
        self._start_journal_tour("school_ejournal_phone_journal_panel")
        # looked at, not changed
        self.assertEqual(self.lesson_1.topic, "Натуральные числа")

    def test_lessons_as_cards(self):
        """On a phone the lessons come as cards (the list's ten columns cut the date off),
        each opening its journal or its lesson sheet."""
        self.start_tour(
            "/odoo/action-school_ejournal.school_lesson_action",
            "school_ejournal_phone_lesson_cards",
            login=self.teacher.login,
        )
