"""Follow-ups of unsatisfactory period marks (P 4.4) and forecasts published before the
period ends (S teacher 3) — issue 14, duties 4 and 5."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, PeriodMarkCommon


class TestFollowups(PeriodMarkCommon):
    def _prepare(self, period=None):
        rows = self.PeriodMark.action_prepare(self.class_5a.id, self.math.id, (period or self.q1).id)
        return {row.student_id: row for row in rows}

    def _set_q1(self):
        rows = self._prepare()
        with freeze_time("2026-10-20 09:00:00"):
            rows[self.s_petrova].with_user(self.teacher_math).write({"value": 2})
            rows[self.s_sidorov].with_user(self.teacher_math).write({"is_attested": False})
            rows[self.s_ivanov].with_user(self.teacher_math).write({"value": 4})
        return rows

    def test_unsatisfactory_marks_open_followups(self):
        rows = self._set_q1()
        Followup = self.env["school.followup"]
        followups = Followup.search([("period_id", "=", self.q1.id)])
        self.assertEqual(len(followups), 2)
        petrova = followups.filtered(lambda f: f.student_id == self.s_petrova)
        self.assertEqual((petrova.reason, petrova.teacher_id), ("mark_2", self.teacher_math))
        sidorov = followups.filtered(lambda f: f.student_id == self.s_sidorov)
        self.assertEqual(sidorov.reason, "not_attested")
        # who sees them
        self.assertEqual(Followup.with_user(self.user_parent).search([]), petrova)
        self.assertFalse(Followup.with_user(self.user_other_parent).search([]))
        self.assertEqual(Followup.with_user(self.class_teacher).search([]), followups)
        self.assertEqual(Followup.with_user(self.user_deputy).search([]), followups)
        self.assertEqual(Followup.with_user(self.teacher_math).search([]), followups)
        self.assertFalse(Followup.with_user(self.teacher_other).search([]))
        # a corrected mark cancels a follow-up not yet worked on
        with freeze_time("2026-10-20 10:00:00"):
            rows[self.s_petrova].with_user(self.teacher_math).write({"value": 3})
        self.assertEqual(petrova.state, "cancelled")

    def test_plan_retake_and_result(self):
        self._set_q1()
        followup = self.env["school.followup"].search([("student_id", "=", self.s_petrova.id)])
        mine = followup.with_user(self.teacher_math)
        with self.assertRaises(ValidationError):
            mine.write({"retake_date": date(2026, 10, 20)})
        with self.assertRaises(ValidationError):
            mine.write({"result": "failed"})
        mine.write({"plan": "Консультации по вторникам", "retake_date": date(2026, 11, 12)})
        with self.assertRaises(ValidationError):
            mine.write({"result": "passed", "result_value": 2})
        with self.assertRaises(UserError):
            mine.write({"state": "done"})
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            followup.with_user(self.user_parent).write({"plan": "x"})
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            followup.with_user(self.teacher_other).write({"plan": "x"})
        mine.write({"result": "passed", "result_value": 4})
        self.assertEqual(followup.state, "done")
        with self.assertRaises(UserError):
            mine.write({"plan": "ещё"})


class TestForecasts(PeriodMarkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lesson = cls._lesson(cls.class_5a, cls.math, cls.teacher_math, date(2026, 11, 10))
        cls._marks(lesson, {cls.s_petrova: [2, 2, 3], cls.s_ivanov: [5], cls.s_sidorov: [4, 4, 5]})

    def test_forecasts_published_ten_days_before_the_end(self):
        Risk = self.env["school.forecast.risk"]
        self.assertFalse(Risk._cron_publish_forecasts(date=date(2026, 12, 17)))
        risks = Risk._cron_publish_forecasts(date=date(2026, 12, 18))
        math = {
            r.student_id: r.risk for r in risks if r.subject_id == self.math and r.class_id == self.class_5a
        }
        self.assertEqual(math, {self.s_petrova: "mark_2", self.s_ivanov: "not_attested"})
        # English is taught in a subgroup: Sidorov is not in it
        english = risks.filtered(lambda r: r.subject_id == self.english)
        self.assertEqual(english.student_id, self.s_ivanov | self.s_petrova)
        # published once
        self.assertFalse(Risk._cron_publish_forecasts(date=date(2026, 12, 19)))
        # the guardian got a notice, the class teacher the list
        petrova = risks.filtered(lambda r: r.student_id == self.s_petrova and r.subject_id == self.math)
        notices = self.env["mail.message"].search(
            [("model", "=", "school.forecast.risk"), ("partner_ids", "in", self.user_parent.partner_id.ids)]
        )
        self.assertIn(petrova.id, notices.mapped("res_id"))
        lists = self.env["mail.message"].search(
            [("model", "=", "school.forecast.risk"), ("partner_ids", "in", self.class_teacher.partner_id.ids)]
        )
        self.assertTrue(lists)
        # the class teacher and the deputy read the list, the subject's teachers its rows of
        # their subject (S teacher 3: the forecast is theirs to make); a teacher without a
        # teaching load and parents do not
        self.assertEqual(
            Risk.with_user(self.class_teacher).search([]),
            risks.filtered(lambda r: r.class_id == self.class_5a),
        )
        self.assertEqual(Risk.with_user(self.user_deputy).search([]), risks)
        self.assertEqual(
            Risk.with_user(self.teacher_math).search([]),
            risks.filtered(lambda r: r.class_id == self.class_5a and r.subject_id == self.math),
        )
        self.assertEqual(Risk.with_user(self.teacher_english).search([]), english)
        other = Risk.with_user(self.teacher_other).search([])
        self.assertEqual(
            other, risks.filtered(lambda r: r.class_id == self.class_5b and r.subject_id == self.math)
        )
        self.assertEqual(other.student_id, self.s_kuznetsov)
        self.assertFalse(Risk.with_user(self.teacher_idle).search([]))
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            Risk.with_user(self.user_parent).search([])

    def test_lead_time_is_a_setting(self):
        self.school.school_forecast_days = 20
        self.assertTrue(self.env["school.forecast.risk"]._cron_publish_forecasts(date=date(2026, 12, 8)))
