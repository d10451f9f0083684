"""Control reports and the teachers' daily digest (CTRL-1..3), against a hand-built data set."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import freeze_time
from odoo.tools import SQL, mute_logger

from .common import PeriodMarkCommon

MUTE = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")


@tagged("post_install", "-at_install")
class TestControl(PeriodMarkCommon, HttpCase):
    """The first quarter of 2026, week of 5 October:

    * 5А Math (``teacher_math``): 05.10 answers Ivanov 5, Petrova 4, Sidorov a homework mark
      (weight 0: counts for nothing); 06.10 no topic; 07.10 no homework; 08.10 control work,
      Ivanov 4. Students without marks: Sidorov; with one mark: Petrova. Its plan schedules 6
      hours in September, 4 were given: 2 hours behind.
    * 5А Russian (``class_teacher``): 05.10 and 06.10, three marks each student; a parallel
      plan of 2 hours, both given.
    * 5А English, subgroup Ivanov and Petrova (``teacher_english``): 05.10, Ivanov 5; no plan.
    * 5Б Math (``teacher_other``): 05.10, Kuznetsov 5, 5, 5; no plan.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        C, M = cls.class_5a, cls.math
        cls.l_math_1 = cls._lesson(C, M, cls.teacher_math, date(2026, 10, 5))
        cls.l_math_2 = cls._lesson(C, M, cls.teacher_math, date(2026, 10, 6), topic=False)
        cls.l_math_3 = cls._lesson(C, M, cls.teacher_math, date(2026, 10, 7), homework=False)
        cls.l_math_4 = cls._lesson(
            C,
            M,
            cls.teacher_math,
            date(2026, 10, 8),
            topic="Контрольная работа № 1",
            work_type_ids=[Command.set(cls.wt_control.ids)],
        )
        cls.math_lessons = cls.l_math_1 | cls.l_math_2 | cls.l_math_3 | cls.l_math_4
        cls._marks(cls.l_math_1, {cls.s_ivanov: 5, cls.s_petrova: 4})
        cls._marks(cls.l_math_1, {cls.s_sidorov: 5}, cls.wt_homework)
        cls._marks(cls.l_math_4, {cls.s_ivanov: 4}, cls.wt_control)

        cls.l_russian_1 = cls._lesson(C, cls.russian, cls.class_teacher, date(2026, 10, 5))
        cls.l_russian_2 = cls._lesson(C, cls.russian, cls.class_teacher, date(2026, 10, 6))
        cls._marks(
            cls.l_russian_1, {cls.s_ivanov: [5, 4, 4], cls.s_petrova: [3, 3, 4], cls.s_sidorov: [4, 5, 5]}
        )

        cls.l_english = cls._lesson(
            C, cls.english, cls.teacher_english, date(2026, 10, 5), subgroup_id=cls.subgroup_english.id
        )
        cls._marks(cls.l_english, {cls.s_ivanov: 5})
        cls.l_5b = cls._lesson(cls.class_5b, M, cls.teacher_other, date(2026, 10, 5))
        cls._marks(cls.l_5b, {cls.s_kuznetsov: [5, 5, 5]})

        cls.plan_math = cls._plan(M, C, cls.teacher_math, 6)
        cls.plan_russian = cls._plan(cls.russian, None, cls.class_teacher, 2)
        cls.Report = cls.env["school.control.report"]

    @classmethod
    def _plan(cls, subject, school_class, teacher, topics):
        """A plan of grade 5 (of ``school_class`` or shared) of ``topics`` one-hour topics
        planned daily from 14.09.2026."""
        return cls.env["school.plan"].create(
            {
                "year_id": cls.year.id,
                "subject_id": subject.id,
                "class_id": school_class.id if school_class else False,
                "grade": 5,
                "teacher_id": teacher.id,
                "company_id": cls.school.id,
                "topic_ids": [
                    Command.create(
                        {
                            "name": f"Тема {n}",
                            "sequence": n,
                            "hours": 1,
                            "planned_date": date(2026, 9, 13 + n),
                        }
                    )
                    for n in range(1, topics + 1)
                ],
            }
        )

    def _q1_rows(self):
        rows = self.Report.search([("period_id", "=", self.q1.id)])
        return {(row.class_id, row.subject_id): row for row in rows}

    # ------------------------------------------------------------------
    # CTRL-1
    # ------------------------------------------------------------------
    def test_students_without_marks_match_direct_count(self):
        rows = self._q1_rows()
        self.assertEqual(len(rows), 4)
        math = rows[(self.class_5a, self.math)]
        self.assertRecordValues(
            math,
            [
                {
                    "teacher_id": self.teacher_math.id,
                    "student_count": 3,
                    "no_mark_count": 1,
                    "one_mark_count": 1,
                    "mark_count": 3,
                }
            ],
        )
        self.assertAlmostEqual(math.no_mark_share, 100 / 3, places=2)
        self.assertRecordValues(
            rows[(self.class_5a, self.english)],
            [
                {
                    "teacher_id": self.teacher_english.id,
                    "student_count": 2,
                    "no_mark_count": 1,
                    "one_mark_count": 1,
                },
            ],
        )
        self.assertRecordValues(
            rows[(self.class_5a, self.russian)], [{"no_mark_count": 0, "one_mark_count": 0}]
        )
        self.assertRecordValues(rows[(self.class_5b, self.math)], [{"student_count": 1, "no_mark_count": 0}])

        # The same, counted directly from the enrolments, subgroups and marks.
        Mark = self.env["school.mark"]
        total = 0
        for (school_class, subject), row in rows.items():
            roster = self.env["school.enrollment"].search([("class_id", "=", school_class.id)]).student_id
            if row.subgroup_id:
                roster &= row.subgroup_id.student_ids
            marked = Mark.search(
                [
                    ("student_id", "in", roster.ids),
                    ("subject_id", "=", subject.id),
                    ("weight", ">", 0),
                    ("date", ">=", self.q1.date_start),
                    ("date", "<=", self.q1.date_end),
                ]
            ).student_id
            with self.subTest(cls=school_class.name, subject=subject.name):
                self.assertEqual(row.no_mark_count, len(roster - marked))
            total += len(roster - marked)
        [(school_total,)] = self.Report._read_group(
            [("period_id", "=", self.q1.id)], [], ["no_mark_count:sum"]
        )
        self.assertEqual(school_total, total)
        self.assertEqual(total, 2)

    def test_lessons_plan_and_control_works(self):
        math = self._q1_rows()[(self.class_5a, self.math)]
        self.assertRecordValues(
            math,
            [
                {
                    "lesson_count": 4,
                    "no_topic_count": 1,
                    "no_homework_count": 1,
                    "control_work_count": 1,
                    "planned_hours": 6,
                    "given_hours": 4,
                }
            ],
        )
        self.assertAlmostEqual(math.plan_coverage, 400 / 6, places=2)
        self.assertEqual(self._q1_rows()[(self.class_5a, self.russian)].control_work_count, 0)

        coverage = {
            (r.class_id, r.subject_id): r
            for r in self.env["school.plan.coverage.report"].search([("year_id", "=", self.year.id)])
        }
        self.assertRecordValues(
            coverage[(self.class_5a, self.math)],
            [
                {
                    "plan_id": self.plan_math.id,
                    "plan_hours": 6,
                    "planned_to_date": 6,
                    "given_hours": 4,
                    "drift_hours": -2,
                }
            ],
        )
        # one definition of the plan coverage in the dashboard and the report (issue 13)
        self.assertAlmostEqual(coverage[(self.class_5a, self.math)].coverage, math.plan_coverage, places=2)
        self.assertRecordValues(
            coverage[(self.class_5a, self.russian)],
            [
                {
                    "plan_id": self.plan_russian.id,
                    "has_plan": True,
                    "given_hours": 2,
                    "drift_hours": 0,
                }
            ],
        )
        self.assertFalse(coverage[(self.class_5a, self.english)].has_plan)

    def test_late_and_missing_entries(self):
        """Late and missing entries are those of the deadline report (JOUR-9)."""
        math = self._q1_rows()[(self.class_5a, self.math)]
        if "school.entry.deadline" not in self.env:
            self.assertEqual((math.late_entry_count, math.missing_entry_count), (0, 0))
            return
        Deadline = self.env["school.entry.deadline"]
        domain = [("lesson_id", "in", self.math_lessons.ids)]
        self.assertEqual(math.late_entry_count, Deadline.search_count(domain + [("status", "=", "late")]))
        self.assertEqual(
            math.missing_entry_count, Deadline.search_count(domain + [("status", "=", "missing")])
        )
        self.assertGreaterEqual(math.missing_entry_count, 2, "the topic of 06.10 and the homework of 07.10")

    def test_objectivity(self):
        with freeze_time("2026-10-20 09:00:00"):
            # Ivanov (5 + 4*3) / 4 = 4.25 proposes 4 but gets 5; Petrova gets the proposed 4.
            self.env["school.period.mark"].with_user(self.teacher_math).save_period_mark_grid(
                self.class_5a.id, self.math.id, self.q1.id, {self.s_ivanov.id: 5, self.s_petrova.id: 4}
            )
        math = self._q1_rows()[(self.class_5a, self.math)]
        self.assertRecordValues(
            math,
            [
                {
                    "period_mark_count": 2,
                    "differs_count": 1,
                    "period_mark_missing_count": 1,
                    "late_period_mark_count": 0,
                },
            ],
        )
        Objectivity = self.env["school.objectivity.report"]
        [(count, differs, higher, lower)] = Objectivity._read_group(
            [("teacher_id", "=", self.teacher_math.id)],
            [],
            ["mark_count:sum", "differs_share:avg", "higher_count:sum", "lower_count:sum"],
        )
        self.assertEqual((count, differs, higher, lower), (2, 50.0, 1, 0))

    def test_teacher_activity(self):
        with freeze_time("2026-10-12 10:00:00"):
            lesson = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 12))
            self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 12), lesson_number=2)
            self.env["school.mark"].with_user(self.teacher_math).create(
                [
                    {
                        "lesson_id": lesson.id,
                        "student_id": s.id,
                        "value": 5,
                        "work_type_id": self.wt_answer.id,
                    }
                    for s in self.students_5a
                ]
            )
        rows = self.env["school.teacher.activity.report"].search(
            [("teacher_id", "=", self.teacher_math.id), ("day", "=", date(2026, 10, 12))]
        )
        self.assertEqual({r.kind: r.entry_count for r in rows}, {"topic": 2, "homework": 2, "mark": 3})

    def test_portal_activity(self):
        """Visits within 7 days count; the class teacher sees the own class (CTRL-1, CTRL-3)."""
        self.env.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        now = self.env.cr.fetchone()[0]
        for user, days in ((self.user_student, 2), (self.user_parent, 10), (self.user_other_parent, 1)):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO res_users_log (create_uid, create_date, write_uid, write_date)"
                    " VALUES (%s, %s, %s, %s)",
                    user.id,
                    now - timedelta(days=days),
                    user.id,
                    now - timedelta(days=days),
                )
            )
        Report = self.env["school.portal.activity.report"]
        rows = {
            r.student_id: r for r in Report.search([("class_id", "in", (self.class_5a | self.class_5b).ids)])
        }
        fields = [
            "student_login_count",
            "student_active_count",
            "guardian_login_count",
            "guardian_active_count",
            "family_active_count",
        ]
        self.assertEqual(
            [
                [rows[s][f] for f in fields]
                for s in (self.s_ivanov, self.s_petrova, self.s_sidorov, self.s_kuznetsov)
            ],
            [[1, 1, 0, 0, 1], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 1, 1]],
        )
        by_class = dict(
            Report._read_group(
                [("class_id", "in", (self.class_5a | self.class_5b).ids)],
                ["class_id"],
                ["family_active_share:avg"],
            )
        )
        self.assertAlmostEqual(by_class[self.class_5a], 100 / 3, places=2)
        self.assertEqual(by_class[self.class_5b], 100.0)
        own = Report.with_user(self.class_teacher).search([])
        self.assertEqual(own.class_id, self.class_5a)

    @mute_logger(*MUTE)
    def test_weekly_completeness_and_access(self):
        """CTRL-2: the class teacher's weekly check of the own class."""
        Completeness = self.env["school.class.completeness"]
        week = date(2026, 10, 5)
        math = Completeness.search(
            [
                ("class_id", "=", self.class_5a.id),
                ("subject_id", "=", self.math.id),
                ("week_start", "=", week),
            ]
        )
        self.assertRecordValues(
            math,
            [
                {
                    "teacher_id": self.teacher_math.id,
                    "lesson_count": 4,
                    "complete_count": 2,
                    "no_topic_count": 1,
                    "no_homework_count": 1,
                    "no_mark_lesson_count": 2,
                    "mark_count": 4,
                }
            ],
        )
        self.assertEqual(math.complete_share, 50.0)
        own = Completeness.with_user(self.class_teacher).search([])
        self.assertEqual(own.class_id, self.class_5a)
        self.assertEqual(
            set(Completeness.with_user(self.user_deputy).search([]).class_id.ids)
            >= {self.class_5a.id, self.class_5b.id},
            True,
        )
        # Control reports are the administration's (ROLE-2, ROLE-3; SEC-3).
        for model in ("school.control.report", "school.class.completeness", "school.objectivity.report"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.teacher_math).search([])
        self.assertTrue(self.Report.with_user(self.user_deputy).search([("class_id", "=", self.class_5a.id)]))

    # ------------------------------------------------------------------
    # Daily nudges
    # ------------------------------------------------------------------
    def test_one_nudge_per_teacher(self):
        Nudge = self.env["school.teacher.nudge"]
        Mail = self.env["mail.mail"]
        Activity = self.env["mail.activity"]
        teachers = (
            self.teacher_math
            | self.class_teacher
            | self.teacher_english
            | self.teacher_other
            | self.teacher_idle
        )

        with freeze_time("2026-10-15 04:00:00"):
            nudges = Nudge._cron_send_teacher_nudges().filtered(lambda n: n.teacher_id in teachers)
        self.assertEqual(nudges.teacher_id, teachers, "every teacher is handled once a day")
        by_teacher = {n.teacher_id: n for n in nudges}
        math = by_teacher[self.teacher_math]
        self.assertEqual(
            set(math.line_ids.mapped("category")), {"few_marks", "no_topic", "no_homework", "plan_drift"}
        )
        few = math.line_ids.filtered(lambda line: line.category == "few_marks")
        self.assertEqual(few.count, 2)
        self.assertIn("Петрова Мария (1)", few.details)
        self.assertIn("Сидоров Пётр (0)", few.details)
        self.assertIn("26.10.2026", few.details)
        self.assertEqual(math.line_ids.filtered(lambda line: line.category == "no_topic").details, "06.10")
        self.assertIn(
            "2 hours behind the plan",
            math.line_ids.filtered(lambda line: line.category == "plan_drift").details,
        )
        self.assertEqual(
            set(by_teacher[self.teacher_english].line_ids.mapped("category")), {"few_marks", "plan_drift"}
        )
        # Russian is in order; only the class teacher's own duties of the month are due (issue 14)
        self.assertEqual(set(by_teacher[self.class_teacher].line_ids.mapped("category")), {"school_duty"})
        self.assertFalse(by_teacher[self.teacher_idle].line_ids)

        def messages(teacher):
            mails = Mail.search(
                [
                    ("model", "=", "school.teacher.nudge"),
                    ("res_id", "in", Nudge.search([("teacher_id", "=", teacher.id)]).ids),
                ]
            )
            activities = Activity.search(
                [("res_model", "=", "school.teacher.nudge"), ("user_id", "=", teacher.id)]
            )
            return mails, activities

        for teacher in teachers:
            mails, activities = messages(teacher)
            expected = 1 if by_teacher[teacher].line_ids else 0
            with self.subTest(teacher=teacher.login):
                self.assertEqual((len(mails), len(activities)), (expected, expected))
        mails, __ = messages(self.teacher_math)
        self.assertEqual(mails.recipient_ids, self.teacher_math.partner_id)
        self.assertIn("Сидоров Пётр (0)", str(mails.body_html))
        self.assertIn("Lessons without a topic", str(mails.body_html))

        # A second run the same day sends nothing more.
        with freeze_time("2026-10-15 05:00:00"):
            again = Nudge._cron_send_teacher_nudges().filtered(lambda n: n.teacher_id in teachers)
        self.assertFalse(again)
        self.assertEqual(len(messages(self.teacher_math)[0]), 1)

        # The next day's digest replaces the activity of the day before.
        with freeze_time("2026-10-16 04:00:00"):
            Nudge._cron_send_teacher_nudges()
        mails, activities = messages(self.teacher_math)
        self.assertEqual((len(mails), len(activities)), (2, 1))
        self.assertEqual(
            activities.res_id,
            Nudge.search([("teacher_id", "=", self.teacher_math.id), ("date", "=", date(2026, 10, 16))]).id,
        )

    def test_dashboard(self):
        """The dashboard's figures are the report's, summed exactly (CTRL-1)."""
        data = self.Report.with_user(self.user_deputy).get_dashboard_data(period_id=self.q1.id)
        by_class = {line["id"]: line for line in data["classes"]}
        self.assertEqual(data["totals"]["no_mark_count"], 2)
        self.assertEqual(data["totals"]["student_count"], 9)  # 3 + 3 + 2 (English subgroup) + 1
        self.assertEqual(data["totals"]["no_mark_share"], round(200 / 9, 1))
        self.assertEqual(by_class[self.class_5a.id]["no_mark_count"], 2)
        self.assertEqual(by_class[self.class_5b.id]["no_mark_count"], 0)
        self.assertEqual(data["totals"]["control_work_count"], 1)
        only_5b = self.Report.with_user(self.user_deputy).get_dashboard_data(
            period_id=self.q1.id, class_id=self.class_5b.id
        )
        self.assertEqual([line["id"] for line in only_5b["classes"]], [self.class_5b.id])
        self.start_tour("/odoo/school-control", "school_ejournal_control_dashboard", login="pm_deputy")
