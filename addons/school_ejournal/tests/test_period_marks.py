"""Period marks: averages, proposals, forecasts, entry, closing and publication (FINAL-1..3, JOUR-8)."""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from .common import PeriodMarkCommon

MUTE = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")


@tagged("post_install", "-at_install")
class TestPeriodMarks(PeriodMarkCommon, HttpCase):
    def _prepare(self, subject=None, period=None, school_class=None):
        rows = self.PeriodMark.action_prepare(
            (school_class or self.class_5a).id, (subject or self.math).id, (period or self.q1).id
        )
        return {row.student_id: row for row in rows}

    # ------------------------------------------------------------------
    # FINAL-2: weighted average and proposed mark
    # ------------------------------------------------------------------
    def test_proposal_at_every_threshold(self):
        """The rule works on the average shown, rounded half up to hundredths."""
        cases = [
            ((0, 0), (False, False)),  # no mark at all
            ((4, 1), (4.0, 4)),  # a single mark proposes itself
            ((5, 1), (5.0, 5)),
            ((2, 1), (2.0, 2)),
            ((23, 5), (4.6, 5)),  # exactly on the threshold of 5
            ((459, 100), (4.59, 4)),
            ((18, 5), (3.6, 4)),  # exactly on the threshold of 4
            ((359, 100), (3.59, 3)),
            ((13, 5), (2.6, 3)),  # exactly on the threshold of 3
            ((259, 100), (2.59, 2)),
            ((193, 42), (4.6, 5)),  # 4.5952 is shown as 4.60: it proposes 5
            ((170, 37), (4.59, 4)),  # 4.5946 is shown as 4.59
        ]
        for (weighted_sum, weight_sum), expected in cases:
            with self.subTest(weighted_sum=weighted_sum, weight_sum=weight_sum):
                self.assertEqual(self.PeriodMark._propose(self.policy, weighted_sum, weight_sum), expected)

    def test_average_from_marks(self):
        """Weights in force count; marks without weight or outside the period do not."""
        lesson_1 = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 9, 10))
        lesson_2 = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 9, 17))
        lesson_q2 = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 11, 10))
        self._marks(lesson_1, {self.s_ivanov: 5, self.s_petrova: 4})
        control = self._marks(lesson_2, {self.s_ivanov: 4}, self.wt_control)
        homework = self._marks(lesson_1, {self.s_ivanov: 2}, self.wt_homework)
        self._marks(lesson_q2, {self.s_ivanov: 2})
        self.assertEqual((control.weight, homework.weight), (3.0, 0.0))

        rows = self._prepare()
        # Ivanov: (5*1 + 4*3) / (1 + 3) = 4.25 -> 4; the homework (weight 0) and the Q2 mark do not count
        self.assertRecordValues(
            rows[self.s_ivanov] | rows[self.s_petrova] | rows[self.s_sidorov],
            [
                {"average": 4.25, "proposed_value": 4, "marks_count": 2, "is_short": True},
                {"average": 4.0, "proposed_value": 4, "marks_count": 1, "is_short": True},
                {"average": 0.0, "proposed_value": 0, "marks_count": 0, "is_short": True},
            ],
        )
        self.assertEqual(
            set(self.PeriodMark.browse([r.id for r in rows.values()])._get_short_of_marks().student_id.ids),
            set(self.students_5a.ids),
        )
        # The second quarter counts its own marks only: a single 2.
        q2 = self._prepare(period=self.q2)
        self.assertRecordValues(q2[self.s_ivanov], [{"average": 2.0, "proposed_value": 2, "marks_count": 1}])
        # The year counts the whole year: (5 + 12 + 2) / 5 = 3.8 -> 4.
        year = self._prepare(period=self.period_year)
        self.assertRecordValues(
            year[self.s_ivanov], [{"average": 3.8, "proposed_value": 4, "marks_count": 3}]
        )
        # A mark entered later updates the averages on the next preparation.
        self._marks(lesson_2, {self.s_petrova: [5, 5]})
        rows = self._prepare()
        self.assertRecordValues(
            rows[self.s_petrova],
            [{"average": 4.67, "proposed_value": 5, "marks_count": 3, "is_short": False}],
        )

    # ------------------------------------------------------------------
    # FINAL-2: the forecast shows its working
    # ------------------------------------------------------------------
    def _assert_forecast_consistent(self, weighted_sum, weight_sum, forecast):
        """Each count of the forecast is the smallest one: one mark less does not suffice."""

        def proposed(mark, weight, count):
            return self.PeriodMark._propose(
                self.policy, weighted_sum + mark * weight * count, weight_sum + weight * count
            )[1]

        # fives up to the next mark (one five less stays below it), twos down to a lower
        # one (one two less keeps the proposal)
        for key, mark, reached, one_less, target in (
            ("to_next", 5, self.assertGreaterEqual, self.assertLess, forecast["next"]),
            ("to_lose", 2, self.assertLess, self.assertEqual, forecast["proposed"]),
        ):
            for weight, count in forecast[key].items():
                reached(proposed(mark, weight, count), target)
                if count > 1:
                    one_less(proposed(mark, weight, count - 1), target)

    def test_forecast_marks_needed(self):
        """Hand-computed: how many fives raise the proposal, how many twos lose it."""
        weights = (1.0, 3.0)
        # (weighted sum, sum of weights, average, proposed, next, to_next, to_lose)
        cases = [
            # marks 4, 4, 5: 13 / 3 = 4.33 -> 4.
            # two fives of weight 1: 23 / 5 = 4.60; one of weight 3: 28 / 6 = 4.67.
            # one 2 of weight 1 keeps it: 15 / 4 = 3.75; two lose it: 17 / 5 = 3.40;
            # one of weight 3: 19 / 6 = 3.17.
            (13, 3, 4.33, 4, 5, {1.0: 2, 3.0: 1}, {1.0: 2, 3.0: 1}),
            # marks 5, 5, 4, 4: 18 / 4 = 4.50 -> 4. One five: 23 / 5 = 4.60.
            # twos of weight 1: 22 / 6 = 3.67 keeps, 24 / 7 = 3.43 loses: three; one of weight 3: 24 / 7.
            (18, 4, 4.5, 4, 5, {1.0: 1, 3.0: 1}, {1.0: 3, 3.0: 1}),
            # marks 2, 2, 3: 7 / 3 = 2.33 -> 2. One five gives 12 / 4 = 3.00; the lowest mark cannot be lost.
            (7, 3, 2.33, 2, 3, {1.0: 1, 3.0: 1}, {}),
            # marks 5, 5: the top mark; one 2 of any weight brings it to 12 / 3 = 4.00 or 16 / 5 = 3.20.
            (10, 2, 5.0, 5, False, {}, {1.0: 1, 3.0: 1}),
            # ten 4s: 4.00. Fives of weight 1: 14 give 110 / 24 = 4.58, 15 give 115 / 25 = 4.60;
            # of weight 3: 4 give 100 / 22 = 4.55, 5 give 115 / 25 = 4.60.
            # Twos of weight 1: 2 give 44 / 12 = 3.67, 3 give 46 / 13 = 3.54; one of weight 3: 46 / 13.
            (40, 10, 4.0, 4, 5, {1.0: 15, 3.0: 5}, {1.0: 3, 3.0: 1}),
        ]
        for weighted_sum, weight_sum, *values in cases:
            expected = dict(zip(("average", "proposed", "next", "to_next", "to_lose"), values))
            with self.subTest(weighted_sum=weighted_sum, weight_sum=weight_sum):
                forecast = self.PeriodMark._forecast(self.policy, weighted_sum, weight_sum, weights)
                self.assertEqual({k: forecast[k] for k in expected}, expected)
                self._assert_forecast_consistent(weighted_sum, weight_sum, forecast)
        empty = self.PeriodMark._forecast(self.policy, 0, 0, weights)
        self.assertEqual((empty["average"], empty["proposed"], empty["to_next"]), (False, False, {}))
        # The lists for JSON clients say the same.
        forecast = self.PeriodMark._forecast(self.policy, 13, 3, weights)
        self.assertEqual(
            forecast["to_next_list"],
            [{"weight": 1.0, "count": 2, "mark": 5}, {"weight": 3.0, "count": 1, "mark": 5}],
        )
        self.assertEqual((forecast["threshold_next"], forecast["threshold_current"]), (4.6, 3.6))

    def test_forecast_same_for_teacher_student_parent(self):
        """The grid, the class forecasts and the e-diary give the same numbers (FINAL-2, FINAL-3)."""
        lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 9, 10))
        self._marks(lesson, {self.s_petrova: [4, 4, 5], self.s_ivanov: [5]})
        keys = ("average", "proposed", "next", "to_next_list", "to_lose_list")
        teacher_forecasts = self.PeriodMark.with_user(self.teacher_math).get_class_forecasts(
            self.class_5a.id, self.math.id, self.q1.id
        )
        teacher = {k: teacher_forecasts[self.s_petrova.id][k] for k in keys}
        grid = self.PeriodMark.with_user(self.teacher_math).get_period_mark_grid(
            self.class_5a.id, self.math.id, self.q1.id
        )
        row = next(r for r in grid["rows"] if r["student_id"] == self.s_petrova.id)
        from_grid = {
            "average": row["average"],
            "proposed": row["proposed"],
            "next": row["forecast"]["next"],
            "to_next_list": row["forecast"]["to_next_list"],
            "to_lose_list": row["forecast"]["to_lose_list"],
        }
        diary = self.PeriodMark.with_user(self.user_parent)._get_student_forecasts(
            self.s_petrova.with_user(self.user_parent), self.q1
        )
        math = next(d for d in diary if d["subject_id"] == self.math.id)
        self.assertEqual(teacher, from_grid)
        self.assertEqual(teacher, {k: math[k] for k in keys})
        # 13 / 3 = 4.33 -> 4; the policy's weights are 1, 2 and 3: two fives of weight 1,
        # one of weight 2 (23 / 5 = 4.60) or one of weight 3.
        self.assertEqual(
            (math["average"], math["proposed"], math["count"], math["short"]), (4.33, 4, 3, False)
        )
        self.assertEqual(
            [(n["weight"], n["count"]) for n in math["to_next_list"]], [(1.0, 2), (2.0, 1), (3.0, 1)]
        )
        # Every subject of the class's curriculum is listed, marked or not.
        self.assertEqual([d["subject_id"] for d in diary], (self.math | self.russian | self.english).ids)
        own = self.PeriodMark.with_user(self.user_student)._get_student_forecasts(
            self.s_ivanov.with_user(self.user_student), self.q1
        )
        self.assertEqual(next(d for d in own if d["subject_id"] == self.math.id)["average"], 5.0)
        with mute_logger(*MUTE), self.assertRaises(AccessError):
            self.PeriodMark.with_user(self.user_parent)._get_student_forecasts(
                self.s_ivanov.with_user(self.user_parent), self.q1
            )
        with mute_logger(*MUTE), self.assertRaises(AccessError):
            self.PeriodMark.with_user(self.user_student)._get_student_forecasts(
                self.s_petrova.with_user(self.user_student), self.q1
            )

    def test_policy_versions_by_date(self):
        """Each period proposes by the policy in force at its end (rules as dated data)."""
        autumn = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 9, 10))
        winter = self._lesson(self.class_5a, self.math, self.teacher_math, date(2027, 1, 20))
        self._marks(autumn, {self.s_petrova: [5, 4]})
        self._marks(winter, {self.s_petrova: [5, 4]})
        # 4.5 is a 4 under the 2026 policy (4.6 for a 5), a 5 under the 2027 one (4.5).
        self.assertEqual(self._prepare()[self.s_petrova].proposed_value, 4)
        self.assertEqual(self._prepare(period=self.q3)[self.s_petrova].proposed_value, 5)
        # Changing the policy that starts after the first quarter leaves the quarter alone.
        self.policy_2027.write({"threshold_5": 4.55})
        self.assertEqual(self._prepare()[self.s_petrova].proposed_value, 4)
        self.assertEqual(self._prepare(period=self.q3)[self.s_petrova].proposed_value, 4)
        self.policy_2027.write({"threshold_5": 4.4, "threshold_4": 3.4})
        self.assertEqual(self._prepare()[self.s_petrova].proposed_value, 4)
        self.assertEqual(self._prepare(period=self.q3)[self.s_petrova].proposed_value, 5)
        # Weights are those in force on the lesson's date.
        self.policy_2027.weight_ids.filtered(lambda w: w.work_type_id == self.wt_answer).weight = 2
        later = self._marks(winter, {self.s_ivanov: 5})
        self.assertEqual(later.weight, 2.0)
        self.assertEqual(set(autumn.mark_ids.mapped("weight")), {1.0})

    # ------------------------------------------------------------------
    # FINAL-1: entry by the subject teacher, in a grid
    # ------------------------------------------------------------------
    @mute_logger(*MUTE)
    def test_set_only_by_subject_teacher(self):
        rows = self._prepare()
        english = self._prepare(subject=self.english)
        with freeze_time("2026-10-20 09:00:00"):
            rows[self.s_petrova].with_user(self.teacher_math).write({"value": 4})
            self.assertEqual(rows[self.s_petrova].set_by_id, self.teacher_math)
            for user in (self.class_teacher, self.teacher_english, self.teacher_other, self.user_deputy):
                with self.subTest(user=user.login), self.assertRaises(UserError):
                    rows[self.s_ivanov].with_user(user).write({"value": 5})
            with self.assertRaises(UserError):
                self.PeriodMark.with_user(self.teacher_english).create(
                    {
                        "student_id": self.s_ivanov.id,
                        "subject_id": self.math.id,
                        "class_id": self.class_5a.id,
                        "period_id": self.q2.id,
                        "value": 4,
                    }
                )
            with self.assertRaises(UserError):
                self.PeriodMark.with_user(self.class_teacher).save_period_mark_grid(
                    self.class_5a.id, self.math.id, self.q1.id, {str(self.s_ivanov.id): 5}
                )
            # A subgroup's teacher sets the marks of the subgroup's students only (JOUR-12).
            english[self.s_ivanov].with_user(self.teacher_english).write({"value": 5})
            with self.assertRaises(UserError):
                english[self.s_sidorov].with_user(self.teacher_english).write({"value": 4})
            # Grade 1 and courses without marks get no period marks.
            psychology = self.env["school.subject"].create({"name": "Психология (ИО)", "is_graded": False})
            with self.assertRaises(UserError):
                self.PeriodMark.action_prepare(self.class_5a.id, psychology.id, self.q1.id)
        self.assertEqual(rows[self.s_ivanov].value, 0)

    def test_grid_fill_and_save(self):
        lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 5))
        self._marks(lesson, {self.s_ivanov: [5, 5, 5], self.s_petrova: [4, 4, 5], self.s_sidorov: [3]})
        Grid = self.PeriodMark.with_user(self.teacher_math)
        with freeze_time("2026-10-20 09:00:00"):
            grid = Grid.get_period_mark_grid(self.class_5a.id, self.math.id, self.q1.id)
            self.assertTrue(grid["editable"])
            self.assertFalse(grid["period"]["past_deadline"])
            self.assertEqual(grid["period"]["deadline"], "2026-10-24")
            self.assertEqual([r["student_id"] for r in grid["rows"]], self.students_5a.ids)
            self.assertEqual([r["proposed"] for r in grid["rows"]], [5, 4, 3])
            self.assertEqual(grid["short_names"], [self.s_sidorov.name])
            # reading the grid writes nothing
            self.assertFalse(self.PeriodMark.search([("class_id", "=", self.class_5a.id)]))

            grid = Grid.save_period_mark_grid(
                self.class_5a.id,
                self.math.id,
                self.q1.id,
                {str(self.s_ivanov.id): 5, str(self.s_petrova.id): 0, str(self.s_sidorov.id): 0},
            )
            self.assertEqual([r["value"] for r in grid["rows"]], [5, 0, 0])
            rows = self.PeriodMark.search(
                [("class_id", "=", self.class_5a.id), ("period_id", "=", self.q1.id)]
            )
            self.assertEqual(len(rows), 3)
            rows.with_user(self.teacher_math).action_fill_proposed()
            self.assertEqual(rows.sorted(lambda r: r.student_id.id).mapped("value"), [5, 4, 3])
            grid = Grid.save_period_mark_grid(
                self.class_5a.id, self.math.id, self.q1.id, {self.s_petrova.id: 5}
            )
            petrova = rows.filtered(lambda r: r.student_id == self.s_petrova)
            self.assertTrue(petrova.differs_from_proposed)

        # The class teacher sees the grid without editing it, and the whole class in a matrix.
        grid = self.PeriodMark.with_user(self.class_teacher).get_period_mark_grid(
            self.class_5a.id, self.math.id, self.q1.id
        )
        self.assertFalse(grid["editable"])
        matrix = self.PeriodMark.with_user(self.class_teacher).get_class_matrix(self.class_5a.id, self.q1.id)
        self.assertEqual([s["id"] for s in matrix["subjects"]], (self.math | self.russian | self.english).ids)
        self.assertEqual(matrix["cells"][f"{self.s_petrova.id}-{self.math.id}"]["value"], 5)
        self.assertEqual(matrix["cells"][f"{self.s_petrova.id}-{self.math.id}"]["proposed"], 4)
        self.assertEqual(matrix["cells"][f"{self.s_ivanov.id}-{self.russian.id}"]["value"], 0)
        self.PeriodMark.with_user(self.user_deputy).get_class_matrix(self.class_5a.id, self.q1.id)
        with mute_logger(*MUTE), self.assertRaises(AccessError):
            self.PeriodMark.with_user(self.teacher_math).get_class_matrix(self.class_5a.id, self.q1.id)
        with mute_logger(*MUTE), self.assertRaises(AccessError):
            self.PeriodMark.with_user(self.teacher_other).get_period_mark_grid(
                self.class_5a.id, self.math.id, self.q1.id
            )

    # ------------------------------------------------------------------
    # JOUR-8: closing
    # ------------------------------------------------------------------
    def test_journal_closes_once_period_marks_set(self):
        with freeze_time("2026-10-20 09:00:00"):
            lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 15))
            russian = self._lesson(self.class_5a, self.russian, self.class_teacher, date(2026, 10, 15))
            mark = self._marks(lesson, {self.s_ivanov: 4})
            russian_mark = self._marks(russian, {self.s_ivanov: 4})
            mark.with_user(self.teacher_math).write({"value": 5})  # within the edit window
            rows = self._prepare()
            rows[self.s_petrova].with_user(self.teacher_math).write({"value": 4})
            with self.assertRaisesRegex(UserError, "correction request"):
                mark.with_user(self.teacher_math).write({"value": 3})
            with self.assertRaisesRegex(UserError, "correction request"):
                self.env["school.mark"].with_user(self.teacher_math).create(
                    {
                        "lesson_id": lesson.id,
                        "student_id": self.s_sidorov.id,
                        "value": 4,
                        "work_type_id": self.wt_answer.id,
                    }
                )
            # Other subjects stay open.
            russian_mark.with_user(self.class_teacher).write({"value": 5})
        self.assertEqual(mark.value, 5)

    @mute_logger(*MUTE)
    def test_administrator_closes_and_reopens_period(self):
        with freeze_time("2026-10-20 09:00:00"):
            lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 15))
            mark = self._marks(lesson, {self.s_ivanov: 4})
            rows = self._prepare()
            with self.assertRaises(AccessError):
                self.q1.with_user(self.teacher_math).action_close()
            self.q1.with_user(self.user_admin).action_close()
            self.assertTrue(self.q1.is_closed)
            with self.assertRaises(UserError):
                rows[self.s_ivanov].with_user(self.teacher_math).write({"value": 4})
            with self.assertRaises(UserError):
                mark.with_user(self.teacher_math).write({"value": 5})
            with self.assertRaises(UserError):
                lesson.with_user(self.teacher_math).write({"topic": "Новая тема"})
            self.q1.with_user(self.user_admin).action_reopen()
            self.assertFalse(self.q1.is_closed)
            mark.with_user(self.teacher_math).write({"value": 5})
            rows[self.s_ivanov].with_user(self.teacher_math).write({"value": 4})
            self.assertEqual(rows[self.s_ivanov].value, 4)

            # Closing several periods at once, after a look at what is missing.
            wizard = (
                self.env["school.period.close.wizard"]
                .with_user(self.user_admin)
                .with_context(active_model="school.period", active_ids=(self.q1 | self.q2).ids)
                .create({})
            )
            self.assertEqual(wizard.period_ids, self.q1 | self.q2)
            self.assertIn("Missing", wizard.summary)
            self.assertIn(self.q1.display_name, wizard.summary)
            # the summary is a QWeb template (issue 16 item 4), in the user's language
            self.assertTrue(self.env["res.lang"]._activate_lang("ru_RU"))
            self.env["ir.module.module"]._load_module_terms(["school_ejournal"], ["ru_RU"])
            wizard_ru = wizard.with_context(lang="ru_RU")
            wizard_ru.invalidate_recordset(["summary"])
            self.assertIn("Выставлено с опозданием", wizard_ru.summary)
            wizard.action_confirm()
            self.assertTrue(self.q1.is_closed and self.q2.is_closed)
            with self.assertRaises(AccessError):
                self.env["school.period.close.wizard"].with_user(self.teacher_math).create(
                    {"period_ids": [(6, 0, self.q3.ids)]}
                )

    # ------------------------------------------------------------------
    # FINAL-1 deadline and FINAL-3 publication
    # ------------------------------------------------------------------
    def test_late_flag(self):
        """Set no later than 2 days before the period ends (26.10): the 24th is on time."""
        rows = self._prepare()
        self.assertEqual(rows[self.s_ivanov].deadline, date(2026, 10, 24))
        with freeze_time("2026-10-24 15:00:00"):
            rows[self.s_ivanov].with_user(self.teacher_math).write({"value": 4})
        with freeze_time("2026-10-25 08:00:00"):
            rows[self.s_petrova].with_user(self.teacher_math).write({"value": 4})
            grid = self.PeriodMark.with_user(self.teacher_math).get_period_mark_grid(
                self.class_5a.id, self.math.id, self.q1.id
            )
        self.assertFalse(rows[self.s_ivanov].is_late)
        self.assertTrue(rows[self.s_petrova].is_late)
        # The stamps are the journal's: nobody clears them by hand.
        for vals in ({"is_late": False}, {"published_at": False}, {"proposed_value": 4}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                rows[self.s_petrova].with_user(self.teacher_math).write(vals)
        self.assertTrue(grid["period"]["past_deadline"])
        self.assertEqual(rows[self.s_petrova].set_at, datetime(2026, 10, 25, 8, 0))
        # Saving the same mark again is no change: the stamp stays.
        with freeze_time("2026-10-26 08:00:00"):
            self.PeriodMark.with_user(self.teacher_math).save_period_mark_grid(
                self.class_5a.id, self.math.id, self.q1.id, {self.s_ivanov.id: 4}
            )
        self.assertFalse(rows[self.s_ivanov].is_late)

    @mute_logger(*MUTE)
    def test_publication_and_visibility(self):
        """Visible to the student and own guardians at once, to nobody else (FINAL-3, ROLE-7, 8)."""
        rows = self._prepare()
        petrova, ivanov = rows[self.s_petrova], rows[self.s_ivanov]
        ForParent = self.PeriodMark.with_user(self.user_parent)
        self.assertFalse(ForParent.search([]), "nothing is visible before it is set")
        self.assertFalse(petrova.published_at)
        with freeze_time("2026-10-20 08:30:00"):
            (petrova | ivanov).with_user(self.teacher_math).write({"value": 5})
        self.assertEqual(petrova.published_at, datetime(2026, 10, 20, 8, 30))
        self.assertEqual(ForParent.search([]), petrova)
        self.assertEqual(self.PeriodMark.with_user(self.user_student).search([]), ivanov)
        self.assertFalse(self.PeriodMark.with_user(self.user_other_parent).search([]))
        with self.assertRaises(AccessError):
            petrova.with_user(self.user_student).read(["value"])
        with self.assertRaises(AccessError):
            ivanov.with_user(self.user_parent).read(["value"])
        diary = ForParent._get_student_forecasts(self.s_petrova.with_user(self.user_parent), self.q1)
        self.assertEqual(next(d for d in diary if d["subject_id"] == self.math.id)["value"], 5)
        # A change keeps the first moment of visibility; a cleared mark is hidden again.
        with freeze_time("2026-10-21 10:00:00"):
            petrova.with_user(self.teacher_math).write({"value": 4})
        self.assertEqual(petrova.published_at, datetime(2026, 10, 20, 8, 30))
        self.assertEqual(petrova.set_at, datetime(2026, 10, 21, 10, 0))
        with freeze_time("2026-10-21 11:00:00"):
            petrova.with_user(self.teacher_math).write({"value": 0})
        self.assertFalse(petrova.published_at)
        self.assertFalse(ForParent.search([]))
        with self.assertRaises(AccessError):
            petrova.with_user(self.user_parent).write({"value": 5})

    # ------------------------------------------------------------------
    # In the browser
    # ------------------------------------------------------------------
    def test_period_marks_tour(self):
        """The teacher fills the proposed marks in the grid and saves (FINAL-1)."""
        lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 5))
        self._marks(lesson, {self.s_ivanov: [5, 5, 5], self.s_petrova: [4, 4, 5], self.s_sidorov: [3]})
        self.start_tour(
            f"/odoo/school-period-marks?class_id={self.class_5a.id}&subject_id={self.math.id}&period_id={self.q1.id}",
            "school_ejournal_period_marks",
            login="pm_teacher_math",
        )
        rows = self.PeriodMark.search([("class_id", "=", self.class_5a.id), ("period_id", "=", self.q1.id)])
        self.assertEqual(
            {r.student_id: r.value for r in rows}, {self.s_ivanov: 5, self.s_petrova: 4, self.s_sidorov: 3}
        )
        self.assertEqual(rows.set_by_id, self.teacher_math)
        self.assertTrue(all(rows.mapped("published_at")))
