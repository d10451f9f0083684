"""A working day of every staff role clicked through in the browser, in Russian: the
actions each role is offered on its screens are the ones it may use (SEC-3)."""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SchoolCommon

ACTIONS = (
    "school_ejournal.school_class_action",
    "school_ejournal.school_student_action",
    "school_ejournal.school_subject_action",
)


@tagged("post_install", "-at_install")
class TestDayReadonlyActions(SchoolCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages("ru_RU")
        cls.readonly_users = cls.user_inspector | cls.user_director | cls.user_deputy
        (cls.readonly_users | cls.user_ej_admin).write({"lang": "ru_RU"})

    def test_active_is_readonly_without_write_right(self):
        """The field ``active`` of a directory is read-only for the readers (so the web client
        offers no "Archive"), editable for the e-journal administrator (ROLE-1)."""
        for model in ("school.class", "school.student", "school.subject", "school.room"):
            for user in self.readonly_users:
                with self.subTest(model=model, user=user.login):
                    fields = self.env[model].with_user(user).fields_get(["active"], ["readonly"])
                    self.assertTrue(fields["active"]["readonly"])
            fields = self.env[model].with_user(self.user_ej_admin).fields_get(["active"], ["readonly"])
            self.assertFalse(fields["active"]["readonly"], model)
        # a model the user may write keeps its own definition
        fields = self.env["res.partner"].with_user(self.user_inspector).fields_get(["active"], ["readonly"])
        self.assertFalse(fields["active"]["readonly"])

    def test_only_the_administrator_archives_a_student(self):
        """The class teacher keeps her students' data current (ROLE-4) but is not offered
        "Archive" on them, and a write of ``active`` is refused: a student leaves by a
        movement order; the e-journal administrator archives and restores (ROLE-1)."""
        student = self.student_petrova
        teacher_student = student.with_user(self.class_teacher)
        fields = teacher_student.fields_get(["active"], ["readonly"])
        self.assertTrue(fields["active"]["readonly"])
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaisesRegex(AccessError, "movement order"),
        ):
            teacher_student.write({"active": False})
        self.assertTrue(student.active)
        # her other writes stay hers: the student's data kept current
        teacher_student.write({"middle_name": "Андреевна"})
        self.assertEqual(student.middle_name, "Андреевна")
        admin_student = student.with_user(self.user_ej_admin)
        self.assertFalse(admin_student.fields_get(["active"], ["readonly"])["active"]["readonly"])
        admin_student.write({"active": False})
        self.assertFalse(student.active)
        admin_student.write({"active": True})
        self.assertTrue(student.active)

    def test_readers_are_offered_no_archive(self):
        """The inspector, the director and the deputy open classes, students and subjects:
        no "Archive" in the action menu of the list or of the form (ROLE-2, ROLE-3, ROLE-9)."""
        for user in self.readonly_users:
            for action in ACTIONS:
                with self.subTest(user=user.login, action=action):
                    self.start_tour(
                        f"/odoo/action-{action}", "school_day_readonly_actions_tour", login=user.login
                    )


@tagged("post_install", "-at_install")
class TestDayPlanActions(SchoolCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages("ru_RU")
        cls.teacher.lang = "ru_RU"
        plans = cls.env["school.plan"].create(
            [
                {
                    "year_id": cls.year.id,
                    "subject_id": cls.subject_math.id,
                    "grade": 5,
                    "class_id": cls.class_5a.id,
                    "teacher_id": teacher.id,
                }
                for teacher in (cls.teacher, cls.teacher_english)
            ]
        )
        cls.own_plan, cls.colleague_plan = plans

    def test_import_offered_on_own_plan_only(self):
        """The teacher may import topics into the own plan; on a colleague's plan, which the
        teacher reads but may not change, the import is not offered (ROLE-5, PLAN-2)."""
        self.assertTrue(self.own_plan.with_user(self.teacher).can_edit)
        self.assertFalse(self.colleague_plan.with_user(self.teacher).can_edit)
        self.assertTrue(self.colleague_plan.with_user(self.user_deputy).can_edit)
        url = "/odoo/action-school_ejournal.school_plan_action/%s"
        self.start_tour(url % self.own_plan.id, "school_day_plan_own_tour", login=self.teacher.login)
        self.start_tour(
            url % self.colleague_plan.id, "school_day_plan_colleague_tour", login=self.teacher.login
        )


@tagged("post_install", "-at_install")
class TestDayLessonActions(SchoolCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages("ru_RU")
        (cls.teacher | cls.teacher_english | cls.class_teacher).write({"lang": "ru_RU"})
        # English in 5А, subgroup 1: the English teacher's lesson in the class teacher's class
        cls.lesson_english = cls._lesson(
            cls.class_5a,
            cls.subject_english,
            cls.teacher_english,
            subgroup_id=cls.subgroup_5a_english.id,
            state="planned",
        )
        # the class teacher's mathematics in 5А taken over by the teacher of 5Б: a substitution
        cls.lesson_taken_over = cls._lesson(
            cls.class_5a,
            cls.subject_math,
            cls.teacher,
            cls.today + timedelta(days=1),
            planned_teacher_id=cls.class_teacher.id,
            state="planned",
        )

    def _open(self, lesson, tour, user):
        self.start_tour(
            f"/odoo/action-school_ejournal.school_lesson_action/{lesson.id}", tour, login=user.login
        )

    def test_held_offered_to_who_gives_the_lesson(self):
        """The teacher and the substitute mark their lessons held; the class teacher of 5А,
        who reads the whole journal of 5А, is not offered Held on a colleague's lesson
        (ROLE-4, ROLE-5, P 4.4)."""
        self.assertTrue(self.lesson_taken_over.is_substitution)
        self.assertFalse(self.lesson_english.with_user(self.class_teacher).can_edit)
        self._open(self.lesson_english, "school_day_lesson_no_held_tour", self.class_teacher)
        self._open(self.lesson_english, "school_day_lesson_held_tour", self.teacher_english)
        self.assertEqual(self.lesson_english.state, "done")
        self._open(self.lesson_taken_over, "school_day_lesson_held_tour", self.teacher)
        self.assertEqual(self.lesson_taken_over.state, "done")

    def test_dispute_answered_by_the_lesson_teacher_only(self):
        """The student disputes an English mark: the English teacher is offered the answers,
        the class teacher of 5А reads the dispute without them (ROLE-4, ROLE-5, S 5.1)."""
        self.lesson_english.state = "done"
        mark = self._mark(self.lesson_english, self.student_ivanov, 3)
        dispute = (
            self.env["school.mark.dispute"].with_user(self.user_student).file_dispute(mark.id, "Я отвечал")
        )
        self.assertTrue(dispute.with_user(self.class_teacher).has_access("read"))
        url = f"/odoo/action-school_ejournal.school_mark_dispute_action/{dispute.id}"
        self.start_tour(url, "school_day_dispute_colleague_tour", login=self.class_teacher.login)
        self.start_tour(url, "school_day_dispute_teacher_tour", login=self.teacher_english.login)


@tagged("post_install", "-at_install")
class TestDayAdminWizards(SchoolCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages("ru_RU")
        cls.user_ej_admin.lang = "ru_RU"

    def test_movement_from_menu_and_from_selection(self):
        """The administrator opens Record Movement from its menu (no selection: no client
        error) and from the students' list with a student selected (ROLE-1, SETUP-8)."""
        login = self.user_ej_admin.login
        self.start_tour(
            "/odoo/action-school_ejournal.school_class_action", "school_day_movement_menu_tour", login=login
        )
        self.start_tour(
            "/odoo/action-school_ejournal.school_student_action",
            "school_day_movement_selection_tour",
            login=login,
        )
        Wizard = self.env["school.movement.wizard"].with_user(self.user_ej_admin)
        self.assertFalse(Wizard._default_student_ids())
        selected = Wizard.with_context(active_model="school.student", active_ids=self.student_ivanov.ids)
        self.assertEqual(selected._default_student_ids(), self.student_ivanov)
        # another model's selection is not taken for students
        other = Wizard.with_context(active_model="school.class", active_ids=self.class_5a.ids)
        self.assertFalse(other._default_student_ids())
