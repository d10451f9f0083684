"""Numbers that agree, whatever the size of the class: the summary sheet of marks (REP-1) is
built with grouped reads, so a class of 30 costs the queries of a class of 10."""

from datetime import date

from odoo.tests import freeze_time, tagged

from odoo.addons.school_ejournal.tests.common import SchoolCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-11-18 10:00:00")
class TestReportQueries(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.action_load_work_types()
        cls.quarter_1 = cls.quarters[0]
        cls.class_7a = cls._make_class("А", 10)
        cls.class_7b = cls._make_class("Б", 30)

    @classmethod
    def _make_class(cls, letter, size):
        """Class 7<letter> of ``size`` students with Math and Russian lessons, marks, absences
        and period marks of the 1st quarter."""
        school_class = cls._create_class(7, letter, class_teacher_id=cls.class_teacher.id)
        students = cls._new_students(school_class, [f"Ученик{letter}{n:02d} Тест" for n in range(size)])
        subjects = cls.subject_math | cls.subject_russian
        cls.env["school.curriculum.line"].create(
            [{"class_id": school_class.id, "subject_id": s.id, "hours_per_week": 4} for s in subjects]
        )
        marks, absences, period_marks = [], [], []
        for subject in subjects:
            lessons = cls.env["school.lesson"].create(
                [
                    cls._lesson_vals(school_class, subject, cls.class_teacher, day, topic=f"Тема {day}")
                    for day in (date(2026, 9, 10), date(2026, 9, 17), date(2026, 10, 1))
                ]
            )
            for n, student in enumerate(students):
                marks += [
                    cls._mark_vals(
                        lesson, student, 2 + (n + i) % 4, cls.work_type_control if i == 2 else None
                    )
                    for i, lesson in enumerate(lessons[:2] if n % 3 else lessons)
                ]
                if n % 4 == 0:
                    absences.append({"lesson_id": lessons[-1].id, "student_id": student.id, "code": "ill"})
                period_marks.append(
                    {
                        "period_id": cls.quarter_1.id,
                        "class_id": school_class.id,
                        "subject_id": subject.id,
                        "student_id": student.id,
                        "value": 2 + n % 4 if n % 5 else 0,
                        "is_attested": bool(n % 5),
                    }
                )
        cls.env["school.mark"].create(marks)
        cls.env["school.attendance"].create(absences)
        cls.env["school.period.mark"].create(period_marks)
        return school_class

    def _build(self, school_class, user):
        """Build the summary sheet with a cold cache; return it and the number of queries."""
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.cr.sql_log_count
        document = (
            self.env["school.report.service"]
            .with_user(user)
            ._build_marks_summary(school_class, self.quarter_1)
        )
        return document, self.cr.sql_log_count - start

    def test_marks_summary_query_count_is_flat(self):
        for user in (self.user_deputy, self.class_teacher):
            with self.subTest(user=user.login):
                self._build(self.class_7a, user)  # warm the caches of access rights and rules
                small, queries = self._build(self.class_7a, user)
                self.assertEqual(len(small["sections"][0]["rows"]), 10)
                self.env.invalidate_all()
                with self.assertQueryCount(queries):
                    large, _count = self._build(self.class_7b, user)
                self.assertEqual(len(large["sections"][0]["rows"]), 30)
                self.assertEqual(_count, queries, "a class of 30 costs the queries of a class of 10")
                # the not attested students are shown as such
                self.assertIn("n/a", large["sections"][0]["rows"][0])
