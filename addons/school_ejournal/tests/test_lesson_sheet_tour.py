"""The lesson sheet of a phone in the browser (JOUR-13): attendance and marks saved at once,
a refusal shown on the student's row (issue 16: the sheet's saves go through the shared
``useJournalGridCall`` hook of the journal grid)."""

from odoo.tests import HttpCase, tagged

from .common import JournalGridCommon


@tagged("post_install", "-at_install")
class TestLessonSheetTour(JournalGridCommon, HttpCase):
    def test_lesson_sheet_tour(self):
        self._start_journal_tour(
            "school_lesson_sheet_tour", lesson_id=self.lesson_1.id, journal_mode="lesson"
        )
        marks, attendance = self._entries(self.lesson_1, self.student_c)
        self.assertEqual(attendance.code, "late", "the absence was replaced by a late arrival")
        self.assertEqual(marks.mapped("value"), [4], "one mark: the refused one was not saved")
        self.assertEqual(marks.author_id, self.teacher)

    def test_lesson_sheet_read_only_said_once(self):
        """The deputy (ROLE-3) reads the lesson sheet: the journal's header says it is read
        only, the sheet does not say it a second time."""
        self._start_journal_tour(
            "school_lesson_sheet_readonly_tour",
            user=self.deputy,
            lesson_id=self.lesson_1.id,
            journal_mode="lesson",
        )
