"""The record of a lesson closes with its marks and attendance (JOUR-8, P 4.1, S 5.2).

Once the period marks of a class's subject are set, or the period is closed for edits, the
lesson's teacher no longer changes its topic, homework (pages, exercises, files) or
individual homework, whichever path he takes: the ORM, the journal grid's header panel, the
homework records, the files. A correction request approved by the deputy director still
applies its change.
"""

import base64
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import freeze_time

from .common import PeriodMarkCommon

NOW = "2026-10-20 09:00:00"


class JournalLockCase(PeriodMarkCommon, TransactionCase):
    """Two Math lessons of 5А in the 1st quarter (15.10 and 22.10) and one of Russian, with
    their topics and homework; the clock on 20.10.2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson = cls._lesson(cls.class_5a, cls.math, cls.teacher_math, date(2026, 10, 15))
        cls.next_lesson = cls._lesson(cls.class_5a, cls.math, cls.teacher_math, date(2026, 10, 22))
        cls.russian_lesson = cls._lesson(cls.class_5a, cls.russian, cls.class_teacher, date(2026, 10, 15))

    def setUp(self):
        super().setUp()
        self.enterContext(freeze_time(NOW))

    def _teacher(self, model):
        return self._as(self.teacher_math, model)

    def _homework_file(self, name="hw.txt"):
        return self._teacher("ir.attachment").create(
            {
                "name": name,
                "datas": base64.b64encode(b"homework"),
                "res_model": "school.lesson",
                "res_id": self.lesson.id,
            }
        )

    def _individual(self, text="Карточка 5"):
        return self._teacher("school.homework.individual").create(
            {"lesson_id": self.lesson.id, "student_ids": [Command.set(self.s_ivanov.ids)], "text": text}
        )

    def _set_period_marks(self):
        self._period_mark(self.s_ivanov, self.math, self.class_5a, self.q1, 5)

    @contextmanager
    def _assert_closed(self, message="correction request"):
        """Refused with ``message``, nothing saved (the savepoint of ``assertRaises``)."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertIn(message, str(caught.exception))


@tagged("post_install", "-at_install")
class TestJournalLockS10(JournalLockCase):
    def test_teacher_keeps_the_record_of_an_open_period(self):
        lesson = self._teacher("school.lesson").browse(self.lesson.id)
        lesson.write({"topic": "Дроби", "homework": "№ 5", "homework_pages": "12", "homework_exercises": "3"})
        self._teacher("school.journal.grid").save_lesson(self.lesson.id, {"topic": "Десятичные дроби"})
        homework = self._individual()
        homework.write({"text": "Карточка 6"})
        homework_file = self._homework_file()
        lesson.write({"homework_attachment_ids": [Command.link(homework_file.id)]})
        homework_file.write({"name": "hw2.txt"})
        homework.unlink()
        self.assertEqual(self.lesson.topic, "Десятичные дроби")
        self.assertEqual(self.lesson.homework_pages, "12")
        self.assertEqual(self.lesson.homework_attachment_ids.name, "hw2.txt")

    def test_period_marks_close_the_lesson_record(self):
        homework = self._individual()
        homework_file = self._homework_file()
        self.lesson.homework_attachment_ids = [Command.link(homework_file.id)]
        self._set_period_marks()
        lesson = self._teacher("school.lesson").browse(self.lesson.id)
        for vals in (
            {"topic": "Другая тема"},
            {"homework": "№ 7"},
            {"homework_pages": "15"},
            {"homework_exercises": "4"},
            {"comment": "Повторить"},
            {"homework_attachment_ids": [Command.unlink(homework_file.id)]},
            {"work_type_ids": [Command.link(self.wt_test.id)]},
        ):
            with self.subTest(vals=vals), self._assert_closed("Period marks"):
                lesson.write(vals)
        with self._assert_closed():
            self._teacher("school.journal.grid").save_lesson(self.lesson.id, {"topic": "Другая тема"})
        with self._assert_closed():
            self._teacher("school.journal.grid").save_lesson(self.lesson.id, {"homework": "№ 7"})
        # the individual homework: given, changed, withdrawn
        with self._assert_closed():
            self._individual("Карточка 7")
        with self._assert_closed():
            homework.with_user(self.teacher_math).write({"text": "Карточка 8"})
        with self._assert_closed():
            homework.with_user(self.teacher_math).unlink()
        # the homework files: a new one linked, one changed or deleted
        other_file = self._homework_file("hw3.txt")
        with self._assert_closed():
            lesson.write({"homework_attachment_ids": [Command.link(other_file.id)]})
        with self._assert_closed():
            homework_file.with_user(self.teacher_math).write({"datas": base64.b64encode(b"changed")})
        with self._assert_closed():
            homework_file.with_user(self.teacher_math).unlink()
        # a new lesson of the period's journal
        with self._assert_closed():
            self._teacher("school.lesson").create(
                self._lesson_vals(self.class_5a, self.math, self.teacher_math, date(2026, 10, 19))
            )
        self.env.invalidate_all()
        self.assertEqual(self.lesson.topic, "Тема урока")
        self.assertEqual(self.lesson.homework, "№ 1-3")
        self.assertEqual(homework.text, "Карточка 5")
        self.assertEqual(self.lesson.homework_attachment_ids, homework_file)
        self.assertEqual(base64.b64decode(homework_file.datas), b"homework")
        # another subject of the class stays open to its teacher
        self._as(self.class_teacher, "school.lesson").browse(self.russian_lesson.id).write(
            {"topic": "Глагол"}
        )
        self.assertEqual(self.russian_lesson.topic, "Глагол")

    def test_correction_request_changes_a_closed_lesson_record(self):
        self._set_period_marks()
        request = self._teacher("school.correction.request").create(
            {
                "lesson_id": self.lesson.id,
                "kind": "lesson",
                "new_topic": "Сложение дробей",
                "new_homework": "№ 10",
                "reason": "Опечатка в теме",
            }
        )
        request.with_user(self.user_deputy).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.lesson.topic, "Сложение дробей")
        self.assertEqual(self.lesson.homework, "№ 10")
        self.q1.sudo().is_closed = True
        request = self._teacher("school.correction.request").create(
            {
                "lesson_id": self.lesson.id,
                "kind": "lesson",
                "new_topic": "Вычитание дробей",
                "reason": "Опечатка",
            }
        )
        request.with_user(self.user_deputy).action_approve()
        self.assertEqual(self.lesson.topic, "Вычитание дробей")

    def test_closed_period_closes_the_homework_records(self):
        homework = self._individual()
        homework_file = self._homework_file()
        self.lesson.homework_attachment_ids = [Command.link(homework_file.id)]
        self.q1.sudo().is_closed = True
        with self._assert_closed("closed for edits"):
            self._teacher("school.lesson").browse(self.lesson.id).write({"homework_pages": "15"})
        with self._assert_closed("closed for edits"):
            self._individual("Карточка 7")
        with self._assert_closed("closed for edits"):
            homework.with_user(self.teacher_math).write({"text": "Карточка 8"})
        with self._assert_closed("closed for edits"):
            homework.with_user(self.teacher_math).unlink()
        with self._assert_closed("closed for edits"):
            homework_file.with_user(self.teacher_math).unlink()
        self.assertTrue(homework.exists())
        self.assertTrue(homework_file.exists())
