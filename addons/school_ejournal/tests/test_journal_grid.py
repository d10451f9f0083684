"""The journal grid: its server API and the browser client (JOUR-1..6, JOUR-13)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import JournalGridCommon


@tagged("post_install", "-at_install")
class TestJournalGrid(JournalGridCommon):
    """``school.journal.grid``: what the grid shows and what a cell accepts (JOUR-1..8)."""

    def _grid(self, user, school_class=None):
        return (
            self.env["school.journal.grid"]
            .with_user(user)
            .get_grid((school_class or self.class_5a).id, self.subject_math.id, self.period.id)
        )

    def _save(self, user, lesson, student, text):
        return self.env["school.journal.grid"].with_user(user).save_cell(lesson.id, student.id, text)

    def _cell(self, lesson, student):
        marks = self.env["school.mark"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)], order="id"
        )
        absence = self.env["school.attendance"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        )
        return marks.mapped("value"), absence.code

    # ------------------------------------------------------------------
    # get_grid
    # ------------------------------------------------------------------
    def test_get_grid_content(self):
        grid = self._grid(self.teacher)
        self.assertEqual(grid["class"], {"id": self.class_5a.id, "name": "5А", "grade": 5})
        self.assertEqual(grid["period"]["id"], self.period.id)
        self.assertFalse(grid["period"]["closed"])
        self.assertTrue(grid["graded"])
        self.assertEqual(
            grid["students"],
            [
                {"id": self.student_a.id, "name": "Алексеев Артём"},
                {"id": self.student_b.id, "name": "Борисова Вера"},
                {"id": self.student_c.id, "name": "Васильев Глеб"},
            ],
        )
        lessons = grid["lessons"]
        self.assertEqual(
            [lesson["id"] for lesson in lessons], [self.lesson_1.id, self.lesson_2.id, self.lesson_3.id]
        )
        self.assertEqual(lessons[0]["label"], self.day_before.strftime("%d.%m"))
        self.assertEqual(lessons[1]["work_types"], [self.work_type_control.name])
        self.assertEqual(lessons[1]["topic"], "Контрольная работа № 1")
        self.assertEqual([lesson["editable"] for lesson in lessons], [True, True, False])
        self.assertEqual([lesson["is_substitution"] for lesson in lessons], [False, False, True])
        self.assertEqual(lessons[2]["teacher"], "Заменова Зинаида")
        self.assertEqual(lessons[2]["planned_teacher"], "Учителева Ульяна")
        self.assertEqual(
            grid["cells"],
            {
                f"{self.lesson_1.id}-{self.student_a.id}": {
                    "marks": [
                        {
                            "id": self.lesson_1.mark_ids.id,
                            "value": 5,
                            "work_type": self.work_type_answer.name,
                            "weight": 1.0,
                            "comment": "",
                        }
                    ],
                    "attendance": False,
                },
                f"{self.lesson_2.id}-{self.student_a.id}": {
                    "marks": [
                        {
                            "id": self.lesson_2.mark_ids.id,
                            "value": 3,
                            "work_type": self.work_type_control.name,
                            "weight": 3.0,
                            "comment": "",
                        }
                    ],
                    "attendance": False,
                },
                f"{self.lesson_1.id}-{self.student_b.id}": {"marks": [], "attendance": "Н"},
            },
        )
        # (5 * 1 + 3 * 3) / (1 + 3)
        self.assertEqual(grid["averages"], {self.student_a.id: 3.5})

    def test_get_grid_readers_and_closed_period_read_only(self):
        grid = self._grid(self.deputy)
        self.assertEqual(len(grid["lessons"]), 3)
        self.assertFalse(any(lesson["editable"] for lesson in grid["lessons"]))
        self.period.action_close()
        grid = self._grid(self.teacher)
        self.assertTrue(grid["period"]["closed"])
        self.assertFalse(any(lesson["editable"] for lesson in grid["lessons"]))
        with self.assertRaises(UserError):
            self._save(self.teacher, self.lesson_1, self.student_c, "4")
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], False))

    def test_get_grid_subgroup(self):
        subgroup = self.env["school.subgroup"].create(
            {
                "name": "Группа 1",
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "student_ids": [Command.set((self.student_b | self.student_c).ids)],
            }
        )
        lesson = self.env["school.lesson"].create(
            self._lesson_values(self.class_5a, self.lesson_day, 3, subgroup_id=subgroup.id)
        )
        grid = (
            self.env["school.journal.grid"]
            .with_user(self.teacher)
            .get_grid(self.class_5a.id, self.subject_math.id, self.period.id, subgroup.id)
        )
        self.assertEqual([s["id"] for s in grid["students"]], (self.student_b | self.student_c).ids)
        self.assertEqual([lesson["id"] for lesson in grid["lessons"]], lesson.ids)

    # ------------------------------------------------------------------
    # save_cell
    # ------------------------------------------------------------------
    def test_save_cell_parses_marks_and_codes(self):
        result = self._save(self.teacher, self.lesson_1, self.student_c, "5 4")
        self.assertEqual([m["value"] for m in result["cell"]["marks"]], [5, 4])
        self.assertFalse(result["cell"]["attendance"])
        self.assertEqual(result["average"], 4.5)
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([5, 4], False))
        marks = self.lesson_1.mark_ids.filtered(lambda m: m.student_id == self.student_c)
        self.assertEqual(marks.author_id, self.teacher, "saved through the ORM as the teacher")
        self.assertEqual(marks.work_type_id, self.work_type_answer)

        result = self._save(self.teacher, self.lesson_1, self.student_c, "н")
        self.assertEqual(result["cell"], {"marks": [], "attendance": "Н"})
        self.assertFalse(result["average"])
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], "absent"))

        result = self._save(self.teacher, self.lesson_1, self.student_c, "УП")
        self.assertEqual(result["cell"]["attendance"], "УП")
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], "excused"))

        result = self._save(self.teacher, self.lesson_1, self.student_c, "ОП 4")
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([4], "late"))
        self.assertEqual(result["cell"]["attendance"], "ОП")

        result = self._save(self.teacher, self.lesson_1, self.student_c, "")
        self.assertEqual(result["cell"], {"marks": [], "attendance": False})
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], False))

    def test_save_cell_mark_weight_and_average(self):
        """A new mark of a control-work lesson weighs 3; the average covers the period."""
        result = self._save(self.teacher, self.lesson_2, self.student_b, "4")
        self.assertEqual(result["cell"]["marks"][0]["weight"], 3.0)
        self.assertEqual(result["average"], 4.0)
        result = self._save(self.teacher, self.lesson_2, self.student_a, "5")
        # (5 * 1 + 5 * 3) / 4
        self.assertEqual(result["average"], 5.0)
        self.assertEqual(self._cell(self.lesson_2, self.student_a), ([5], False))

    def test_save_cell_refusals(self):
        for text, error in (
            ("осв", UserError),
            ("7", ValidationError),
            ("Н 5", UserError),
            ("Н Б", UserError),
        ):
            with self.subTest(text=text), self.assertRaises(error):
                self._save(self.teacher, self.lesson_1, self.student_c, text)
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], False))

    def test_save_cell_grade_one(self):
        class_1a = self._new_class("А", grade=1)
        student = self._new_students(class_1a, ["Первоклассникова Ада"])
        self._assign((self.teacher, self.subject_math, class_1a))
        lesson = self.env["school.lesson"].create(self._lesson_values(class_1a, self.lesson_day, 1))
        with self.assertRaises(ValidationError):
            self._save(self.teacher, lesson, student, "5")
        self._save(self.teacher, lesson, student, "Б")
        self.assertEqual(self._cell(lesson, student), ([], "ill"))
        self.assertFalse(self._grid(self.teacher, class_1a)["graded"])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_save_cell_other_teachers_lesson(self):
        for user, lesson, text in (
            (self.teacher, self.lesson_3, "5"),
            (self.teacher_2, self.lesson_1, "Н"),
            (self.deputy, self.lesson_1, "5"),
        ):
            with self.subTest(user=user.login, lesson=lesson.lesson_number), self.assertRaises(AccessError):
                self._save(user, lesson, self.student_c, text)
        self.assertEqual(self._cell(self.lesson_3, self.student_c), ([], False))
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], False))
        # the substitute writes the lesson taken over (ROLE-5, R 2.1)
        self._save(self.teacher_2, self.lesson_3, self.student_c, "4")
        self.assertEqual(self._cell(self.lesson_3, self.student_c), ([4], False))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_save_refused_on_a_lesson_not_read(self):
        """A teacher of another class saves nothing into this class's lesson, a mark or an
        attendance entry: refused by the lock, which checks that the caller reads the lesson
        (issue 15), with the access error of a read, and the lesson is left unwritten (no new
        version of its row in this transaction)."""
        stranger = self._new_user("grid_stranger", "school_ejournal.group_school_teacher", "Чужакова Вера")
        class_6a = self._new_class("А", grade=6)
        self._assign((stranger, self.subject_math, class_6a))
        self.env.flush_all()
        self.env.cr.execute("SELECT xmin::text FROM school_lesson WHERE id = %s", [self.lesson_1.id])
        (version,) = self.env.cr.fetchone()
        Grid = self.env["school.journal.grid"].with_user(stranger)
        for save in (
            lambda: Grid.save_cell(self.lesson_1.id, self.student_c.id, "5"),
            lambda: Grid.save_attendance(self.lesson_1.id, {str(self.student_c.id): "absent"}),
        ):
            with self.subTest(save=save), self.assertRaises(AccessError):
                save()
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], False))
        self.env.cr.execute("SELECT xmin::text FROM school_lesson WHERE id = %s", [self.lesson_1.id])
        self.assertEqual(self.env.cr.fetchone()[0], version)

    # ------------------------------------------------------------------
    # Lesson header, lesson sheet, attendance, entry point
    # ------------------------------------------------------------------
    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_save_lesson(self):
        Grid = self.env["school.journal.grid"]
        values = Grid.with_user(self.teacher).save_lesson(
            self.lesson_1.id,
            {
                "topic": " Сложение натуральных чисел ",
                "homework": "№ 12, 15",
                "work_type_ids": self.work_type_answer.ids,
            },
        )
        self.assertEqual(values["topic"], "Сложение натуральных чисел")
        self.assertEqual(values["work_type_ids"], self.work_type_answer.ids)
        self.assertEqual(self.lesson_1.homework, "№ 12, 15")
        self.assertTrue(self.lesson_1.homework_entered_at)
        with self.assertRaises(UserError):
            Grid.with_user(self.teacher).save_lesson(self.lesson_1.id, {"teacher_id": self.teacher_2.id})
        with self.assertRaises(AccessError):
            Grid.with_user(self.teacher).save_lesson(self.lesson_3.id, {"topic": "Чужой урок"})
        with self.assertRaises(AccessError):
            Grid.with_user(self.deputy).save_lesson(self.lesson_1.id, {"topic": "Завуч пишет"})
        with self.assertRaises(ValidationError):
            Grid.with_user(self.teacher).save_lesson(self.lesson_2.id, {"topic": ""})
        self.assertEqual(self.lesson_1.topic, "Сложение натуральных чисел")
        self.assertFalse(self.lesson_3.topic)

    def test_lesson_sheet_and_attendance(self):
        Grid = self.env["school.journal.grid"].with_user(self.teacher)
        sheet = Grid.get_lesson_sheet(self.lesson_1.id)
        self.assertEqual(sheet["lesson"]["id"], self.lesson_1.id)
        self.assertTrue(sheet["lesson"]["editable"])
        self.assertEqual(
            [s["id"] for s in sheet["students"]], (self.student_a | self.student_b | self.student_c).ids
        )
        self.assertEqual(sheet["cells"][f"{self.lesson_1.id}-{self.student_b.id}"]["attendance"], "Н")

        Grid.save_attendance(self.lesson_1.id, {str(self.student_b.id): False, str(self.student_c.id): "ОП"})
        self.assertEqual(self._cell(self.lesson_1, self.student_b), ([], False))
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], "late"))
        with self.assertRaises(UserError):
            Grid.save_attendance(self.lesson_1.id, {str(self.student_a.id): "absent"})
        with self.assertRaises(UserError):
            Grid.save_attendance(self.lesson_1.id, {str(self.student_c.id): "осв"})
        self.assertEqual(self._cell(self.lesson_1, self.student_a), ([5], False))
        self.assertEqual(self._cell(self.lesson_1, self.student_c), ([], "late"))

    def test_get_options(self):
        class_5b = self._new_class("Б")
        self.env["school.curriculum.line"].create(
            {"class_id": class_5b.id, "subject_id": self.subject_math.id}
        )
        Grid = self.env["school.journal.grid"]
        options = Grid.with_user(self.teacher).get_options()
        self.assertEqual([c["id"] for c in options["classes"]], self.class_5a.ids, "only the classes taught")
        class_options = options["classes"][0]
        self.assertEqual(
            class_options["subjects"],
            [{"id": self.subject_math.id, "name": "Математика", "whole_class": True, "subgroups": []}],
        )
        self.assertEqual(class_options["default_period_id"], self.period.id)
        self.assertEqual(
            [p["id"] for p in class_options["periods"]],
            self.year.period_ids.filtered(lambda p: p.period_type == "quarter").sorted("date_start").ids,
        )
        self.assertEqual(
            options["default"],
            {
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "subgroup_id": False,
                "period_id": self.period.id,
            },
            "opens on the teacher's last lesson",
        )
        # the deputy opens every class of the school
        reader_classes = [c["id"] for c in Grid.with_user(self.deputy).get_options()["classes"]]
        self.assertEqual(reader_classes, (self.class_5a | class_5b).ids)
        self.assertEqual(Grid.with_user(self.deputy).get_options()["default"], {})

    def test_get_options_subgroups_and_class_teacher(self):
        """A subgroup teacher opens only the subgroup; the class teacher the whole class (JOUR-12, ROLE-4)."""
        class_5b = self._new_class("Б")
        class_5b.class_teacher_id = self.teacher_2
        subject_english = self.env["school.subject"].create(
            {"name": "Английский язык", "code": "ENG", "company_id": self.school.id}
        )
        group_1, group_2 = self.env["school.subgroup"].create(
            [
                {"name": "Группа 1", "class_id": class_5b.id, "subject_id": subject_english.id},
                {"name": "Группа 2", "class_id": class_5b.id, "subject_id": subject_english.id},
            ]
        )
        self._assign((self.teacher, subject_english, class_5b, {"subgroup_id": group_2.id}))
        Grid = self.env["school.journal.grid"]

        def subjects_of_5b(user):
            classes = {c["id"]: c for c in Grid.with_user(user).get_options()["classes"]}
            # both read 5А: the teacher teaches Math there, teacher_2 took a lesson over (JOUR-10)
            self.assertEqual(set(classes), {self.class_5a.id, class_5b.id})
            return classes[class_5b.id]["subjects"]

        english = {"id": subject_english.id, "name": "Английский язык"}
        self.assertEqual(
            subjects_of_5b(self.teacher),
            [dict(english, whole_class=False, subgroups=[{"id": group_2.id, "name": "Группа 2"}])],
        )
        self.assertEqual(
            subjects_of_5b(self.teacher_2),
            [
                dict(
                    english,
                    whole_class=True,
                    subgroups=[
                        {"id": group_1.id, "name": "Группа 1"},
                        {"id": group_2.id, "name": "Группа 2"},
                    ],
                )
            ],
        )

    # ------------------------------------------------------------------
    # Speed: a fixed number of queries whatever the size of the class (issue 15)
    # ------------------------------------------------------------------
    def test_get_grid_query_count_is_flat(self):
        classes = {size: self._filled_class(letter, size)[0] for letter, size in (("В", 10), ("Г", 30))}
        self.env.invalidate_all()
        self._grid(self.teacher, classes[10])  # warm the caches of rules and access rights
        for size, school_class in classes.items():
            self.env.invalidate_all()
            # flat in the class size; the period-mark column adds its own reads (issue 13)
            with self.assertQueryCount(25):
                grid = self._grid(self.teacher, school_class)
            self.assertEqual(len(grid["students"]), size)
            self.assertEqual(len(grid["cells"]), size * 4)


@tagged("post_install", "-at_install")
class TestJournalGridTour(JournalGridCommon, HttpCase):
    """The teacher types in the browser, with the keyboard only (JOUR-13)."""

    def test_journal_grid_tour(self):
        self._start_journal_tour("school_ejournal_journal_grid")
        mark, __ = self._entries(self.lesson_1, self.student_c)
        self.assertEqual(mark.value, 5)
        self.assertEqual(mark.author_id, self.teacher)
        __, absence = self._entries(self.lesson_2, self.student_b)
        self.assertEqual(absence.code, "absent")
        self.assertEqual(absence.create_uid, self.teacher)
