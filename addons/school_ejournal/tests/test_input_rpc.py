"""Wrong-typed arguments of the public methods the web client calls over JSON-RPC (issue 11
item 10): a string for an id, None, a list, a negative or huge id, a dict where a list is
expected, an id of a deleted student. Each call is refused with a clear message (a UserError,
or the AccessError/MissingError of the access checks, which Odoo derives from UserError),
never a Python TypeError/KeyError or a psycopg2 DataError that the user sees as a server
error, and nothing is written.
"""

from odoo.api import call_kw
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolJournalCommon

# what a script or an old page may send instead of an id
NOT_IDS = ["abc", None, [1, 2], -1, 0, 2**31 + 5, 2**63, {"a": 1}, 1.5, True]
JOURNAL = ("school.mark", "school.attendance", "school.period.mark", "school.lesson")


@tagged("post_install", "-at_install")
class TestInputRpc(SchoolJournalCommon):
    def _counts(self):
        self.env.flush_all()
        return self._record_counts(*JOURNAL)

    def assertRefused(self, user, model, method, args):
        """The call over JSON-RPC of ``user`` is refused with a clear message."""
        with (
            self.subTest(method=method, args=args),
            mute_logger("odoo.sql_db", *MUTE_ACCESS),
            self.assertRaises(UserError),
            self.env.cr.savepoint(),
        ):
            call_kw(self.env(user=user)[model], method, args, {})

    def test_journal_grid_arguments(self):
        before = self._counts()
        grid = "school.journal.grid"
        c, s, p = self.class_5a.id, self.subject_math.id, self.quarter_1.id
        lesson, student = self.lesson_5a.id, self.student_anna.id
        for bad in NOT_IDS:
            for args in ([bad, s, p], [c, bad, p], [c, s, bad]):
                self.assertRefused(self.teacher_1, grid, "get_grid", args)
            if bad not in (None, 0):  # no subgroup
                self.assertRefused(self.teacher_1, grid, "get_grid", [c, s, p, bad])
            self.assertRefused(self.teacher_1, grid, "save_cell", [bad, student, "5"])
            self.assertRefused(self.teacher_1, grid, "save_cell", [lesson, bad, "5"])
            self.assertRefused(self.teacher_1, grid, "save_attendance", [bad, {str(student): "Н"}])
            self.assertRefused(self.teacher_1, grid, "save_attendance", [lesson, {str(bad): "Н"}])
            self.assertRefused(self.teacher_1, grid, "save_lesson", [bad, {"topic": "Дроби"}])
            self.assertRefused(self.teacher_1, grid, "get_lesson_sheet", [bad])
            self.assertRefused(self.class_teacher, grid, "get_day_sheet", [bad, "2026-09-07"])
        for bad in ({"a": 1}, [1, 2], 1.5, -1):
            self.assertRefused(self.teacher_1, grid, "save_cell", [lesson, student, bad])
            self.assertRefused(self.teacher_1, grid, "save_cell", [lesson, student, "5", bad])
            self.assertRefused(self.teacher_1, grid, "save_attendance", [lesson, bad])
            self.assertRefused(self.teacher_1, grid, "save_attendance", [lesson, {str(student): bad}])
            self.assertRefused(self.teacher_1, grid, "save_lesson", [lesson, bad])
            self.assertRefused(self.teacher_1, grid, "save_lesson", [lesson, {"topic": bad}])
        for bad in ({"a": 1}, ["abc"], 1.5, -1, [None]):
            self.assertRefused(self.teacher_1, grid, "save_lesson", [lesson, {"work_type_ids": bad}])
            self.assertRefused(
                self.teacher_1, grid, "save_lesson", [lesson, {"homework_attachment_ids": bad}]
            )
        for bad in (None, "abc", "2026-13-01", "31.02.2026", [1, 2], 17):
            self.assertRefused(self.class_teacher, grid, "get_day_sheet", [c, bad])
        # a student id that names no student (deleted meanwhile): no foreign key error
        self.assertRefused(self.teacher_1, grid, "save_cell", [lesson, 999999, "5"])
        self.assertRefused(self.teacher_1, grid, "save_attendance", [lesson, {"999999": "Н"}])
        self.assertEqual(self._counts(), before)
        # the refusal is a message to read, in Russian for a Russian user
        self.teacher_1.lang = "ru_RU"
        with self.assertRaisesRegex(UserError, "Страница передала значение"):
            call_kw(self.env(user=self.teacher_1)[grid], "save_cell", ["abc", student, "5"], {})
        # the right arguments still work, the digits of a JSON object's key included
        grid_as_teacher = self.env[grid].with_user(self.teacher_1)
        grid_as_teacher.save_attendance(lesson, {str(student): "Н"})
        self.assertEqual(self.lesson_5a.attendance_ids.student_id, self.student_anna)

    def test_period_mark_arguments(self):
        before = self._counts()
        pm = "school.period.mark"
        c, s, p = self.class_5a.id, self.subject_math.id, self.quarter_1.id
        for bad in NOT_IDS:
            for user in (self.teacher_1, self.user_deputy):
                for args in ([bad, s, p], [c, bad, p], [c, s, bad]):
                    self.assertRefused(user, pm, "get_class_forecasts", args)
                    self.assertRefused(user, pm, "get_period_mark_grid", args)
                    self.assertRefused(user, pm, "action_prepare", args)
                    self.assertRefused(user, pm, "save_period_mark_grid", [*args, {}])
                self.assertRefused(user, pm, "get_class_matrix", [bad, p])
                self.assertRefused(user, pm, "get_class_matrix", [c, bad])
            if bad is not None:  # None: every student
                self.assertRefused(self.teacher_1, pm, "action_prepare", [c, s, p, [bad]])
            self.assertRefused(self.teacher_1, pm, "save_period_mark_grid", [c, s, p, {str(bad): 5}])
        for bad in ("abc", None, [1, 2], 5):
            self.assertRefused(self.teacher_1, pm, "save_period_mark_grid", [c, s, p, bad])
        self.assertRefused(
            self.teacher_1, pm, "save_period_mark_grid", [c, s, p, {str(self.student_anna.id): {"a": 1}}]
        )
        self.assertEqual(self._counts(), before)

    def test_other_public_method_arguments(self):
        for bad in ("abc", [1, 2], -1, 2**63, {"a": 1}, 1.5):
            for user in (self.user_deputy, self.class_teacher):
                self.assertRefused(user, "school.control.report", "get_dashboard_data", [bad])
                self.assertRefused(user, "school.control.report", "get_dashboard_data", [False, bad])
            self.assertRefused(self.user_parent, "school.mark.dispute", "file_dispute", [bad, "Не та оценка"])
        for bad in ("abc", None, 0, [1, 2], {"a": 1}, True):
            self.assertRefused(self.user_deputy, "school.year.deadline", "action_generate_year", [bad])
        mark = self._mark(self.lesson_5a, self.student_anna, 5)
        for bad in ({"a": 1}, [1, 2], 5):
            self.assertRefused(self.user_parent, "school.mark.dispute", "file_dispute", [mark.id, bad])
        users = self.env["res.users"].with_context(active_test=False)
        count = users.search_count([])
        for bad in ("abc", 1.5, {"a": 1}, [-1]):
            self.assertRefused(self.user_ej_admin, "res.users", "school_set_roles", [self.teacher_2.ids, bad])
            self.assertRefused(
                self.user_ej_admin, "res.users", "school_create_account", ["Имя", "new_x", bad]
            )
        for bad in ([1, 2], {"a": 1}, 5):
            self.assertRefused(
                self.user_ej_admin,
                "res.users",
                "school_create_account",
                [bad, "new_y", self.teacher_group.ids],
            )
            self.assertRefused(
                self.user_ej_admin, "res.users", "school_create_account", ["Имя", bad, self.teacher_group.ids]
            )
        self.assertEqual(users.search_count([]), count)
        self.assertTrue(self.teacher_2.has_group("school_ejournal.group_school_teacher"))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teacher_group = cls.env.ref("school_ejournal.group_school_teacher")
