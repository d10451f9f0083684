"""Disputing a mark from the e-diary (ROLE-7, ROLE-8; issue 14, duty 1) and the school
calendar's days off (issue 14, duty 7)."""

from datetime import date, timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, SchoolJournalCommon
from .test_portal import DiaryFixtures


class TestMarkDisputes(SchoolJournalCommon):
    def setUp(self):
        super().setUp()
        self.mark_boris = self._mark(self.lesson_5a, self.student_boris, 3)
        self.mark_anna = self._mark(self.lesson_5a, self.student_anna, 4)
        self.env.invalidate_all()

    def _age(self, mark, days):
        """Pretend the mark was entered ``days`` days before the frozen today."""
        self.env.cr.execute(
            "UPDATE school_mark SET create_date = %s WHERE id = %s",
            (fields.Datetime.to_datetime(TODAY - timedelta(days=days)) + timedelta(hours=9), mark.id),
        )
        self.env.invalidate_all()

    def _file(self, user, mark, reason="Я отвечал на 5"):
        return self._as(user, "school.mark.dispute").file_dispute(mark.id, reason)

    def test_parent_files_dispute_with_answer_deadline(self):
        dispute = self._file(self.user_parent, self.mark_boris)
        self.assertEqual(dispute.state, "open")
        self.assertEqual(dispute.student_id, self.student_boris)
        self.assertEqual(dispute.teacher_id, self.teacher_1)
        self.assertEqual(dispute.filed_by_id, self.user_parent)
        # Wednesday 18.11 + 3 working days = Monday 23.11
        self.assertEqual(dispute.answer_deadline, date(2026, 11, 23))
        activity = dispute.sudo().activity_ids
        self.assertEqual(activity.user_id, self.teacher_1)
        self.assertEqual(activity.date_deadline, date(2026, 11, 23))
        # the parent reads the own child's dispute but writes nothing
        self.assertEqual(self._as(self.user_parent, "school.mark.dispute").search([]), dispute)
        with self.assertAccessRefused():
            dispute.with_user(self.user_parent).write({"answer": "x"})

    def test_answer_days_are_a_setting_and_skip_holidays(self):
        self.school.school_dispute_answer_days = 5
        self.env["school.calendar.day"].create(
            {
                "name": "Каникулы",
                "year_id": self.year.id,
                "kind": "vacation",
                "date_from": date(2026, 11, 19),
                "date_to": date(2026, 11, 20),
            }
        )
        dispute = self._file(self.user_parent, self.mark_boris)
        # 19-20 off, 21-22 weekend: 23, 24, 25, 26, 27
        self.assertEqual(dispute.answer_deadline, date(2026, 11, 27))

    def test_student_files_own_mark_only(self):
        dispute = self._file(self.user_student, self.mark_anna)
        self.assertEqual(dispute.student_id, self.student_anna)
        with self.assertAccessRefused():
            self._file(self.user_student, self.mark_boris)

    def test_parent_may_not_dispute_other_children(self):
        with self.assertAccessRefused():
            self._file(self.user_parent, self.mark_anna)
        # staff who read the mark are neither the student nor a guardian
        with self.assertRaises(AccessError):
            self._file(self.user_deputy, self.mark_boris)
        self.assertFalse(self.env["school.mark.dispute"].search([]))

    def test_filing_deadline_three_days(self):
        self._age(self.mark_boris, 3)
        self.assertTrue(self._file(self.user_parent, self.mark_boris))
        self._age(self.mark_anna, 4)
        with self.assertRaises(UserError) as error:
            self._file(self.user_student, self.mark_anna)
        self.assertIn("14.11.2026", str(error.exception))
        marks = self._as(self.user_student, "school.mark.dispute")._get_disputable_marks(self.student_anna)
        self.assertNotIn(self.mark_anna, marks)

    def test_bad_input_refused(self):
        with self.assertRaises(UserError):
            self._file(self.user_parent, self.mark_boris, "   ")
        with self.assertRaises(UserError):
            self._file(self.user_parent, self.mark_boris, "x" * 2001)
        self._file(self.user_parent, self.mark_boris)
        with self.assertRaises(UserError):
            self._file(self.user_parent, self.mark_boris, "ещё раз")
        self.assertEqual(self.env["school.mark.dispute"].search_count([]), 1)

    def test_teacher_answers(self):
        dispute = self._file(self.user_parent, self.mark_boris)
        # another teacher neither reads nor answers it
        self.assertFalse(self._as(self.teacher_2, "school.mark.dispute").search([]))
        with self.assertAccessRefused():
            dispute.with_user(self.teacher_2).action_answer()
        # the deputy reads it but does not answer for the teacher
        self.assertEqual(self._as(self.user_deputy, "school.mark.dispute").search([]), dispute)
        with self.assertAccessRefused():
            dispute.with_user(self.user_deputy).action_answer()
        mine = self._as(self.teacher_1, "school.mark.dispute").browse(dispute.id)
        with self.assertRaises(UserError):
            mine.action_answer()
        with self.assertRaises(UserError):
            mine.write({"reason": "переписано"})
        mine.write({"answer": "Ответ был неполным"})
        mine.action_answer()
        self.assertEqual(dispute.state, "answered")
        self.assertEqual(dispute.answered_by_id, self.teacher_1)
        # the parent who filed it is told of the answer
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "school.mark.dispute"),
                ("res_id", "=", dispute.id),
                ("partner_ids", "in", self.user_parent.partner_id.ids),
            ]
        )
        self.assertIn("Ответ был неполным", notice.body)
        self.assertFalse(dispute.sudo().activity_ids)
        with self.assertRaises(UserError):
            mine.write({"answer": "другой ответ"})
        self.assertEqual(self.mark_boris.value, 3)

    def test_teacher_files_correction_request(self):
        dispute = self._file(self.user_parent, self.mark_boris)
        mine = self._as(self.teacher_1, "school.mark.dispute").browse(dispute.id)
        with self.assertRaises(UserError):
            mine.action_request_correction()
        with self.assertRaises(ValidationError):
            mine.write({"proposed_value": 9})
        mine.write({"proposed_value": 5, "answer": "Ошибка при вводе"})
        mine.action_request_correction()
        request = dispute.sudo().correction_request_id
        self.assertEqual(dispute.state, "correction")
        self.assertEqual((request.mark_id, request.new_value), (self.mark_boris, 5))
        self.assertEqual(request.requested_by_id, self.teacher_1)
        self.assertEqual(request.state, "submitted")
        request.with_user(self.user_deputy).action_approve()
        self.assertEqual(self.mark_boris.value, 5)

    def test_deputy_sees_overdue(self):
        dispute = self._file(self.user_parent, self.mark_boris)
        # the teacher's daily digest lists it with its answer deadline
        issues = self.env["school.teacher.nudge"]._get_nudge_issues(self.teacher_1 | self.teacher_2, TODAY)
        details = [v["details"] for v in issues.get(self.teacher_1.id, []) if v["category"] == "school_duty"]
        self.assertIn(f"{dispute.name}: 23.11.2026", details)
        self.assertFalse([v for v in issues.get(self.teacher_2.id, []) if dispute.name in v["details"]])
        Dispute = self._as(self.user_deputy, "school.mark.dispute")
        self.assertFalse(Dispute.search([("is_overdue", "=", True)]))
        with freeze_time("2026-11-24 10:00:00"):
            self.assertEqual(Dispute.search([("is_overdue", "=", True)]), dispute)
            self.assertFalse(Dispute.search([("is_overdue", "=", False)]))
            self.assertTrue(Dispute.browse(dispute.id).is_overdue)


class TestSchoolCalendar(SchoolJournalCommon):
    def _slot(self, weekday):
        return self.env["school.timetable.slot"].create(
            {
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "teacher_id": self.teacher_1.id,
                "weekday": str(weekday),
                "lesson_number": 5,
                "date_from": date(2026, 11, 23),
                "date_to": date(2026, 12, 6),
            }
        )

    def test_no_lessons_on_days_off_and_transferred_working_day(self):
        monday = self._slot(0)
        Calendar = self.env["school.calendar.day"]
        Calendar.create(
            [
                {
                    "name": "Праздник",
                    "year_id": self.year.id,
                    "kind": "holiday",
                    "date_from": date(2026, 11, 30),
                    "date_to": date(2026, 11, 30),
                },
                {
                    "name": "Рабочая суббота",
                    "year_id": self.year.id,
                    "kind": "working",
                    "date_from": date(2026, 12, 5),
                    "date_to": date(2026, 12, 5),
                    "weekday_as": "0",
                },
            ]
        )
        lessons = monday._generate_lessons(date(2026, 11, 23), date(2026, 12, 6))
        self.assertEqual(sorted(lessons.mapped("date")), [date(2026, 11, 23), date(2026, 12, 5)])
        self.assertFalse(Calendar._is_working_day(self.school, date(2026, 11, 30)))
        self.assertTrue(Calendar._is_working_day(self.school, date(2026, 12, 5)))

    def test_calendar_validation_and_access(self):
        Calendar = self.env["school.calendar.day"]
        with self.assertRaises(ValidationError):
            Calendar.create(
                {
                    "name": "x",
                    "year_id": self.year.id,
                    "date_from": date(2026, 11, 5),
                    "date_to": date(2026, 11, 4),
                }
            )
        with self.assertRaises(ValidationError):
            Calendar.create(
                {
                    "name": "x",
                    "year_id": self.year.id,
                    "date_from": date(2030, 1, 1),
                    "date_to": date(2030, 1, 1),
                }
            )
        with self.assertRaises(ValidationError):
            Calendar.create(
                {
                    "name": "x",
                    "year_id": self.year.id,
                    "kind": "working",
                    "date_from": date(2026, 11, 7),
                    "date_to": date(2026, 11, 7),
                }
            )
        vals = {"name": "Праздник", "year_id": self.year.id, "date_from": TODAY, "date_to": TODAY}
        for user in (self.teacher_1, self.user_deputy):
            with self.assertAccessRefused():
                self._as(user, "school.calendar.day").create(vals)
        day = self._as(self.user_ej_admin, "school.calendar.day").create(vals)
        self.assertEqual(self._as(self.teacher_1, "school.calendar.day").search([]), day)


@tagged("post_install", "-at_install")
class TestDisputePortal(DiaryFixtures, HttpCase):
    def _post(self, url, data):
        return self.url_open(
            url, data=dict(data, csrf_token=http.Request.csrf_token(self)), allow_redirects=False
        )

    def test_parent_disputes_from_the_diary(self):
        self.authenticate("dn_mother", "dn_mother")
        page = self.url_open(f"/my/diary/{self.child_maria.id}/marks")
        self.assertIn(f"/my/diary/{self.child_maria.id}/disputes", page.text)
        page = self.url_open(f"/my/diary/{self.child_maria.id}/disputes")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/dispute/{self.mark_maria_5.id}", page.text)
        response = self._post(
            f"/my/diary/{self.child_maria.id}/dispute/{self.mark_maria_5.id}", {"reason": "Не та отметка"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("filed=1", response.headers["Location"])
        dispute = self.env["school.mark.dispute"].search([("mark_id", "=", self.mark_maria_5.id)])
        self.assertEqual(dispute.reason, "Не та отметка")
        # an empty report is refused with a message, nothing filed
        response = self._post(
            f"/my/diary/{self.child_maria.id}/dispute/{self.mark_maria_4.id}", {"reason": " "}
        )
        self.assertIn("error=", response.headers["Location"])
        self.assertFalse(self.env["school.mark.dispute"].search([("mark_id", "=", self.mark_maria_4.id)]))
        # the refusal is shown once, from the session; a link cannot bring its own wording
        page = self.url_open(response.headers["Location"])
        self.assertIn("o_school_dispute_error", page.text)
        forged = self.url_open(f"/my/diary/{self.child_maria.id}/disputes?error=Позвоните+нам")
        self.assertNotIn("Позвоните", forged.text)

    def test_other_child_gives_404(self):
        self.authenticate("dn_mother", "dn_mother")
        with mute_logger(*MUTE_ACCESS, "odoo.http"):
            # another family's child, and another child's mark under the own child's id
            for url in (
                f"/my/diary/{self.child_petr.id}/dispute/{self.mark_petr_2.id}",
                f"/my/diary/{self.child_maria.id}/dispute/{self.mark_petr_2.id}",
            ):
                response = self._post(url, {"reason": "Чужая"})
                self.assertEqual(response.status_code, 404, url)
            self.assertEqual(self.url_open(f"/my/diary/{self.child_petr.id}/disputes").status_code, 404)
        self.assertFalse(self.env["school.mark.dispute"].search([("mark_id", "=", self.mark_petr_2.id)]))

    def test_parent_writes_to_a_teacher_of_the_child(self):
        self.authenticate("dn_mother", "dn_mother")
        page = self.url_open(f"/my/diary/{self.child_maria.id}/teachers")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.teacher_russian.name, page.text)
        self.assertNotIn(self.teacher_5b.name, page.text)
        response = self._post(
            f"/my/diary/{self.child_maria.id}/teachers",
            {"teacher_id": self.teacher_russian.id, "body": "Можно пересдать диктант?"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/discuss/channel/", response.headers["Location"])
        channel = self.env["discuss.channel"].browse(int(response.headers["Location"].rsplit("/", 1)[1]))
        self.assertEqual(channel.channel_type, "chat")
        self.assertEqual(
            channel.channel_member_ids.partner_id,
            self.parent_mother.partner_id | self.teacher_russian.partner_id,
        )
        self.assertIn("Можно пересдать диктант?", channel.message_ids[0].body)
        self.assertEqual(channel.message_ids[0].author_id, self.parent_mother.partner_id)
        # the teacher answers in the same chat
        channel.with_user(self.teacher_russian).message_post(body="Да, в четверг", message_type="comment")
        self.assertEqual(len(channel.message_ids.filtered(lambda m: m.message_type == "comment")), 2)
        # not another class's teacher, not an empty message
        with mute_logger("odoo.http"):
            response = self._post(
                f"/my/diary/{self.child_maria.id}/teachers", {"teacher_id": self.teacher_5b.id, "body": "x"}
            )
            self.assertEqual(response.status_code, 404)
            response = self._post(
                f"/my/diary/{self.child_petr.id}/teachers",
                {"teacher_id": self.teacher_russian.id, "body": "x"},
            )
            self.assertEqual(response.status_code, 404)
        response = self._post(
            f"/my/diary/{self.child_maria.id}/teachers", {"teacher_id": self.teacher_russian.id, "body": " "}
        )
        self.assertIn("error=empty", response.headers["Location"])

    def test_students_are_members_of_the_class_chat(self):
        self.class_5a.action_sync_discuss_channel()
        members = self.class_5a.discuss_channel_id.channel_member_ids.partner_id
        self.assertIn(self.user_student.partner_id, members)
        self.assertIn(self.parent_mother.partner_id, members)
