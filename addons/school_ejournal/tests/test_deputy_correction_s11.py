"""Correction requests in a school with one deputy director (JOUR-6, JOUR-8, P 1.6, P 4.2).

The deputy director decides on the teachers' requests; the director, who controls the
deputy's work and answers for the journal (S director 10), decides on a deputy director's
own request; nobody decides on own, and when nobody else may decide the deputy is told so.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import GROUP, MUTE_ACCESS, SchoolJournalCommon


class DeputyRequestCase(SchoolJournalCommon):
    def _deputy_request(self):
        self.user_deputy.groups_id |= self.env.ref(GROUP + "teacher")
        self._assign((self.user_deputy, self.subject_russian, self.class_5a))
        lesson = self._lesson(self.class_5a, self.subject_russian, self.user_deputy, lesson_number=6)
        mark = self._marks(lesson, {self.student_gleb: 2})
        request = self._as(self.user_deputy, "school.correction.request").create(
            self._correction_vals(mark, 4, "Ошибка ввода")
        )
        return request, mark


@tagged("post_install", "-at_install")
class TestDeputyCorrection(DeputyRequestCase):
    def test_director_decides_on_the_only_deputys_request(self):
        request, mark = self._deputy_request()
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        as_director = self._as(self.user_director, "school.correction.request").browse(request.id)
        self.assertTrue(as_director.school_can_decide)
        as_director.action_approve()
        self.assertEqual(
            (request.state, request.decided_by_id, mark.value), ("approved", self.user_director, 4)
        )

    def test_director_rejects_with_a_note_and_leaves_teachers_to_the_deputy(self):
        request, __ = self._deputy_request()
        as_director = self._as(self.user_director, "school.correction.request").browse(request.id)
        as_director.decision_note = "Отметка верна"
        as_director.action_reject()
        self.assertEqual((request.state, request.decision_note), ("rejected", "Отметка верна"))
        # a teacher's request is the deputy's decision
        mark = self._marks(self.lesson_5a, {self.student_vera: 3})
        teacher_request = self._as(self.teacher_1, "school.correction.request").create(
            self._correction_vals(mark, 5, "Пересчёт")
        )
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self._as(self.user_director, "school.correction.request").browse(
                teacher_request.id
            ).action_approve()
        self._as(self.user_deputy, "school.correction.request").browse(teacher_request.id).action_approve()
        self.assertEqual(teacher_request.state, "approved")
        with self.assertRaises(UserError):
            self._as(self.user_deputy, "school.correction.request").browse(
                teacher_request.id
            ).action_approve()

    def test_nobody_to_decide_is_said(self):
        self.user_director.active = False
        request, mark = self._deputy_request()
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError) as refused:
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        self.assertIn("nobody else in the school may decide", str(refused.exception))
        self.assertEqual((request.state, mark.value), ("submitted", 2))

    def test_other_schools_deputy_does_not_decide(self):
        """A deputy director of another school of the database sends the request's id over
        JSON-RPC: refused, nothing applied (SEC-3)."""
        request, mark = self._deputy_request()
        other_school = self.env["res.company"].create({"name": "Другая школа (тест)"})
        other_deputy = self._new_user(
            "jr_deputy_other", GROUP + "deputy", "Завуч Другой", company=other_school
        )
        for method in ("action_approve", "action_reject"):
            with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
                getattr(self._as(other_deputy, "school.correction.request").browse(request.id), method)()
        self.assertEqual((request.state, mark.value), ("submitted", 2))


@tagged("post_install", "-at_install")
class TestDeputyCorrectionTour(DeputyRequestCase, HttpCase):
    """The director decides on the deputy's own request in the browser: the list of requests,
    the form's decision buttons and the reason the rejection needs (JOUR-6)."""

    def test_director_rejects_the_deputys_request_in_the_browser(self):
        request, mark = self._deputy_request()
        self.user_director.lang = "ru_RU"
        self.start_tour(
            "/odoo/action-school_ejournal.school_correction_request_action",
            "school_correction_decision_tour",
            login=self.user_director.login,
        )
        self.assertEqual(
            (request.state, request.decided_by_id, request.decision_note, mark.value),
            ("rejected", self.user_director, "Исправление не подтверждено тетрадью", 2),
        )
