"""The e-diary of parents and students under /my (PORT-1, PORT-2, ROLE-7, ROLE-8, COMM-1, COMM-2).

The portal matrix of every route, as in Odoo's sale tests: anonymous visitor, a guardian of
another child, the right guardian, the student, a guardian whose link ended; the other
child's data never in the body. Then the acknowledgement, the message to the class
teacher, the JSON summary with a swapped id and a tour of the week on a 390 px phone.
"""

from datetime import datetime, timedelta

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DiaryFixtures

MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.http")


@tagged("post_install", "-at_install")
class TestPortal(DiaryFixtures, HttpCase):
    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_mark = cls._period_mark(cls.child_maria, cls.subject_math, cls.class_5a, cls.term, 5)
        # not yet set, hence not published: never shown to parents (FINAL-3)
        cls.period_mark_hidden = cls.env["school.period.mark"].create(
            {
                "student_id": cls.child_maria.id,
                "subject_id": cls.subject_russian.id,
                "class_id": cls.class_5a.id,
                "period_id": cls.term.id,
            }
        )

    def _routes(self, student):
        base = f"/my/diary/{student.id}"
        return [
            f"{base}?date={self.ref_day}",
            f"{base}/marks",
            f"{base}/attendance",
            f"{base}/events",
            f"{base}/message",
        ]

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, data):
        return self.url_open(
            url, data=dict(data, csrf_token=http.Request.csrf_token(self)), allow_redirects=False
        )

    def _assert_acknowledgement_refused(self, child, week_start, status):
        """Acknowledging the week of ``child`` answers ``status`` and records nothing."""
        with mute_logger(*MUTE_ACCESS):
            response = self._post(
                f"/my/diary/{child.id}/acknowledge", {"kind": "week", "week_start": str(week_start)}
            )
        self.assertEqual(response.status_code, status)
        self.assertFalse(self.env["school.acknowledgement"].search([("student_id", "=", child.id)]))

    # ------------------------------------------------------------------
    # The matrix
    # ------------------------------------------------------------------
    def test_anonymous_is_sent_to_login(self):
        for url in ["/my/diary"] + self._routes(self.child_maria):
            response = self._get(url)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"], url)
            self.assertNotIn("Петрова Мария", response.text)

    @mute_logger(*MUTE_ACCESS)
    def test_other_guardian_gets_404_without_data(self):
        self.authenticate("dn_other", "dn_other")
        for url in self._routes(self.child_maria) + self._routes(self.child_alexey):
            response = self._get(url)
            self.assertEqual(response.status_code, 404, url)
            for secret in ("Петрова Мария", "Петров Алексей", "Молодец", "Старайся, Алексей"):
                self.assertNotIn(secret, response.text, url)
        # the own child, for comparison, and nothing of the other children of the class
        response = self._get(f"/my/diary/{self.child_petr.id}?date={self.ref_day}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Секретный комментарий Сидорова", response.text)
        self.assertIn("Сложение дробей", response.text)
        for secret in ("Петрова Мария", "Молодец", "Ивану: хорошо", "Петров Алексей"):
            self.assertNotIn(secret, response.text)
        events = self._get(f"/my/diary/{self.child_petr.id}/events")
        self.assertIn("Классный час 5А", events.text)
        self.assertIn("Родительское собрание", events.text)
        self.assertNotIn("Экскурсия 5Б", events.text)

    def test_right_guardian_sees_the_week(self):
        self.authenticate("dn_mother", "dn_mother")
        response = self._get(f"/my/diary/{self.child_maria.id}?date={self.ref_day}")
        self.assertEqual(response.status_code, 200)
        body = response.text
        for expected in (
            "Петрова Мария",
            "Сложение дробей",
            "№ 123, 124",
            "Имя существительное",
            "Упражнение 45",
            "Молодец",
            "Классная Клавдия Петровна",
            "Русова Раиса Романовна",
            "Кабинет 21",
            "o_school_changes",
            "o_school_absence_detail",
            "Родительское собрание",
            "Классный час 5А",
        ):
            self.assertIn(expected, body)
        work_type_names = {self.work_type_control.with_context(lang=lang).name for lang in ("en_US", "ru_RU")}
        self.assertTrue(any(name in body for name in work_type_names), "the mark's work type")
        for secret in ("Секретный комментарий Сидорова", "Сидоров", "Ивану: хорошо", "Экскурсия 5Б"):
            self.assertNotIn(secret, body)
        # the switcher offers both children, and only them
        self.assertIn(f'href="/my/diary/{self.child_alexey.id}"', body)
        self.assertNotIn(f'href="/my/diary/{self.child_petr.id}"', body)
        self.assertIn("o_school_acknowledge_week", body)

        week_5b = self._get(f"/my/diary/{self.child_alexey.id}?date={self.ref_day}").text
        self.assertIn("Десятичные дроби", week_5b)
        self.assertIn("Старайся, Алексей", week_5b)
        self.assertIn("Экскурсия 5Б", week_5b)
        self.assertNotIn("Сложение дробей", week_5b)

    def test_right_guardian_sees_marks_forecast_and_published_period_marks(self):
        self.authenticate("dn_mother", "dn_mother")
        response = self._get(f"/my/diary/{self.child_maria.id}/marks?period_id={self.term.id}")
        self.assertEqual(response.status_code, 200)
        body = response.text
        # (5×1 + 4×3) / 4 = 4.25: a 4; for a 5 four fives of weight 1 or two of weight 3
        self.assertIn("4.25", body)
        self.assertIn("5×1 + 4×3", body)
        self.assertIn("o_school_forecast_next", body)
        self.assertIn("o_school_period_marks", body)
        self.assertIn("o_school_acknowledge_period", body)
        self.assertNotIn("Секретный комментарий Сидорова", body)

        subjects = (
            self.env["school.diary"]
            .with_user(self.parent_mother)
            ._get_subjects_data(self.child_maria.with_user(self.parent_mother), self.term)
        )
        math = next(s for s in subjects if s["subject"] == "Математика")
        self.assertEqual((math["average"], math["proposed"], math["next"]), (4.25, 4, 5))
        self.assertEqual(dict(math["to_next"])[1.0], 4)
        self.assertEqual(dict(math["to_next"])[3.0], 2)
        period_marks = (
            self.env["school.diary"]
            .with_user(self.parent_mother)
            ._get_period_marks_data(self.child_maria.with_user(self.parent_mother))
        )
        self.assertEqual([r["subject"] for r in period_marks["rows"]], ["Математика"])

        attendance = self._get(f"/my/diary/{self.child_maria.id}/attendance?period_id={self.term.id}")
        self.assertEqual(attendance.status_code, 200)
        self.assertIn("o_school_lates", attendance.text)
        self.assertIn("Русский язык", attendance.text)
        self.assertEqual(self._get(f"/my/diary/{self.child_maria.id}/events").status_code, 200)

    def test_student_sees_own_diary_only(self):
        self.authenticate("dn_student", "dn_student")
        response = self._get("/my/diary")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"/my/diary/{self.child_ivan.id}"))
        week = self._get(f"/my/diary/{self.child_ivan.id}?date={self.ref_day}")
        self.assertEqual(week.status_code, 200)
        self.assertIn("Ивану: хорошо", week.text)
        self.assertIn("Сложение дробей", week.text)
        self.assertNotIn("Молодец", week.text)
        self.assertNotIn("o_school_acknowledge_week", week.text)
        self.assertNotIn("o_school_diary_children", week.text)
        with mute_logger(*MUTE_ACCESS):
            for url in self._routes(self.child_maria):
                other = self._get(url)
                self.assertEqual(other.status_code, 404, url)
                self.assertNotIn("Петрова Мария", other.text)
        self._assert_acknowledgement_refused(self.child_ivan, self.week_start, 403)

    @mute_logger(*MUTE_ACCESS)
    def test_ended_link_loses_access_at_once(self):
        self.authenticate("dn_ended", "dn_ended")
        for url in self._routes(self.child_maria):
            response = self._get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Молодец", response.text)
        home = self._get("/my/diary")
        self.assertEqual(home.status_code, 200)
        self.assertIn("o_school_diary_empty", home.text)
        self.assertNotIn("Петрова Мария", home.text)
        with self.assertRaises(AccessError):
            self.mark_maria_5.with_user(self.parent_ended).read(["value"])

    def test_guardian_of_several_children_chooses(self):
        self.authenticate("dn_mother", "dn_mother")
        response = self._get("/my/diary")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Петрова Мария", response.text)
        self.assertIn("Петров Алексей", response.text)
        self.assertNotIn("Сидоров", response.text)

    # ------------------------------------------------------------------
    # Acknowledgement, messages, JSON with a swapped child id
    # ------------------------------------------------------------------
    def test_acknowledgement_recorded_with_time(self):
        self.authenticate("dn_mother", "dn_mother")
        before = fields.Datetime.now().replace(microsecond=0)
        response = self._post(
            f"/my/diary/{self.child_maria.id}/acknowledge", {"kind": "week", "week_start": str(self.ref_day)}
        )
        self.assertEqual(response.status_code, 303)
        ack = self.env["school.acknowledgement"].search([("student_id", "=", self.child_maria.id)])
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.kind, "week")
        self.assertEqual(ack.week_start, self.week_start)
        self.assertEqual(ack.guardian_id, self.parent_mother.partner_id)
        self.assertGreaterEqual(ack.acknowledged_at, before)
        # twice is once
        self._post(
            f"/my/diary/{self.child_maria.id}/acknowledge", {"kind": "week", "week_start": str(self.ref_day)}
        )
        self.assertEqual(
            self.env["school.acknowledgement"].search_count([("student_id", "=", self.child_maria.id)]), 1
        )
        week = self._get(f"/my/diary/{self.child_maria.id}?date={self.ref_day}")
        self.assertIn("o_school_acknowledged", week.text)

        self._post(
            f"/my/diary/{self.child_maria.id}/acknowledge", {"kind": "period_mark", "period_id": self.term.id}
        )
        self.assertTrue(
            self.env["school.acknowledgement"].search(
                [
                    ("student_id", "=", self.child_maria.id),
                    ("kind", "=", "period_mark"),
                    ("period_id", "=", self.term.id),
                ]
            )
        )

        self._assert_acknowledgement_refused(self.child_petr, self.ref_day, 404)

    @mute_logger(*MUTE_ACCESS)
    def test_acknowledgement_only_for_own_children(self):
        Ack = self.env["school.acknowledgement"].with_user(self.parent_mother)
        with self.assertRaises(AccessError):
            Ack.create({"student_id": self.child_petr.id, "kind": "week", "week_start": self.week_start})
        with self.assertRaises(AccessError):
            Ack.create(
                {
                    "student_id": self.child_maria.id,
                    "kind": "week",
                    "week_start": self.week_start,
                    "guardian_id": self.parent_other.partner_id.id,
                }
            )
        ack = Ack.create(
            {
                "student_id": self.child_maria.id,
                "kind": "week",
                "week_start": self.week_start,
                "acknowledged_at": "2000-01-01 00:00:00",
            }
        )
        self.assertGreater(ack.acknowledged_at, datetime(2020, 1, 1), "the server sets the time")
        with self.assertRaises(AccessError):
            ack.write({"acknowledged_at": "2000-01-01 00:00:00"})

    def test_message_to_class_teacher(self):
        self.authenticate("dn_mother", "dn_mother")
        response = self._post(f"/my/diary/{self.child_maria.id}/message", {"body": "Маша завтра к врачу"})
        self.assertEqual(response.status_code, 303)
        message = self.env["mail.message"].search(
            [
                ("model", "=", "school.student"),
                ("res_id", "=", self.child_maria.id),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.parent_mother.partner_id)
        self.assertIn("Маша завтра к врачу", message.body)
        self.assertIn(self.class_teacher.partner_id, message.partner_ids)
        self.assertIn(self.class_teacher.partner_id, self.child_maria.message_partner_ids)
        page = self._get(f"/my/diary/{self.child_maria.id}/message")
        self.assertIn("Маша завтра к врачу", page.text)

        with mute_logger(*MUTE_ACCESS):
            swapped = self._post(f"/my/diary/{self.child_petr.id}/message", {"body": "Чужое сообщение"})
        self.assertEqual(swapped.status_code, 404)
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Чужое сообщение")]))
        # the other guardian does not see the conversation about Maria
        self.authenticate("dn_other", "dn_other")
        other_page = self._get(f"/my/diary/{self.child_petr.id}/message")
        self.assertNotIn("Маша завтра к врачу", other_page.text)

    def test_json_summary_with_swapped_id(self):
        self.authenticate("dn_mother", "dn_mother")
        result = self.make_jsonrpc_request(
            f"/my/diary/{self.child_maria.id}/summary", {"period_id": self.term.id}
        )
        self.assertEqual(result["student"]["name"], "Петрова Мария Сергеевна")
        math = next(s for s in result["subjects"] if s["subject"] == "Математика")
        self.assertEqual((math["average"], math["proposed"]), (4.25, 4))

        with mute_logger(*MUTE_ACCESS):
            response = self.url_open(
                f"/my/diary/{self.child_petr.id}/summary",
                data='{"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}',
                headers={"Content-Type": "application/json"},
            )
        payload = response.json()
        self.assertNotIn("result", payload)
        self.assertEqual(payload["error"]["code"], 404)
        self.assertNotIn("Сидоров", response.text)
        self.assertNotIn("Секретный", response.text)

    def test_home_counter(self):
        self.authenticate("dn_mother", "dn_mother")
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["school_diary_count"]})
        self.assertEqual(result["school_diary_count"], 2)
        self.assertIn("/my/diary", self._get("/my").text)

    def test_week_data_timetable_changes(self):
        diary = self.env["school.diary"].with_user(self.parent_mother)
        maria = self.child_maria.with_user(self.parent_mother)
        days = diary._get_lessons_data(maria, self.week_start, self.week_start + timedelta(days=6), True)
        entries = {e["subject"]: e for day in days for e in day["entries"] if not e["planned"]}
        self.assertEqual(set(entries), {"Математика", "Русский язык"}, "not the lessons of 5Б")
        math, russian = entries["Математика"], entries["Русский язык"]
        self.assertEqual([m["comment"] for m in math["marks"]], ["Молодец", ""])
        self.assertEqual(len(math["changes"]), 1, "room changed against the timetable")
        self.assertIn("Кабинет 21", math["changes"][0])
        self.assertEqual(len(russian["changes"]), 2, "substitution, not in the timetable")
        self.assertEqual(russian["attendance"]["code"], "late")
        # a week to come shows the timetable as planned, on school days only
        next_monday = max(self.today, self.week_start) + timedelta(
            days=7 - max(self.today, self.week_start).weekday()
        )
        slot_day = next_monday + timedelta(days=int(self.slot_math.weekday))
        planned = [
            e
            for day in diary._get_lessons_data(maria, next_monday, next_monday + timedelta(days=6), True)
            for e in day["entries"]
            if e["planned"]
        ]
        in_term = any(
            p.period_type == "quarter" and p.date_start <= slot_day <= p.date_end
            for p in self.year.period_ids
        )
        self.assertEqual([e["subject"] for e in planned], ["Математика"] if in_term else [])

    # ------------------------------------------------------------------
    # The phone
    # ------------------------------------------------------------------
    def test_tour_week_on_a_phone(self):
        self.start_tour(
            f"/my/diary/{self.child_maria.id}?date={self.ref_day}",
            "school_portal_week_tour",
            login="dn_mother",
        )
        self.assertTrue(
            self.env["school.acknowledgement"].search(
                [("student_id", "=", self.child_maria.id), ("kind", "=", "week")]
            )
        )
