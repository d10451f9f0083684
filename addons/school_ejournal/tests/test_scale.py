"""Flat query counts of the guardian's e-diary (issue 8, DESIGN.md "Speed").

The data of the week page and of the marks page of a child cost a fixed number of
queries, whatever the size of the child's class and the number of its lessons, marks and
absences: the child of a class of 30 with twice the lessons costs the queries of the child
of a class of 10. (The journal grid and the summary sheet have the same kind of test in
test_journal_grid.py and in school_ejournal_reports' test_report_queries.py.)
"""

from datetime import timedelta

from odoo.tests import tagged

from .common import SchoolCommon


@tagged("post_install", "-at_install")
class TestScale(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term = cls.quarters.filtered(lambda p: p.date_start <= cls.today <= p.date_end)[:1] or (
            cls.quarters.filtered(lambda p: p.date_start <= cls.today)[-1:] or cls.quarters[:1]
        )
        cls.ref_day = min(max(cls.today, cls.term.date_start), cls.term.date_end)
        cls.week_start = cls.ref_day - timedelta(days=cls.ref_day.weekday())
        cls.week_end = cls.week_start + timedelta(days=6)
        # 6А: 10 students, 2 lessons a day; 6Б: 30 students, 4 lessons a day
        cls.small = cls._make_class("А", 10, lesson_numbers=(1, 2))
        cls.large = cls._make_class("Б", 30, lesson_numbers=(3, 4, 5, 6))

    @classmethod
    def _make_class(cls, letter, size, lesson_numbers):
        """A class of ``size`` students with a week of lessons from its timetable, a mark of
        every student at every lesson, absences and lates of its first student (the child of
        a guardian with a login) and published period marks of the first quarter."""
        school_class = cls._create_class(6, letter, room_id=cls.room_12.id)
        students = cls._new_students(school_class, [f"Ученик{letter}{n:02d} Тест" for n in range(size)])
        teachers = {cls.subject_math: cls.class_teacher, cls.subject_russian: cls.teacher}
        subjects = list(teachers)
        slots = cls._slots(
            *(
                (school_class, subjects[i % 2], teachers[subjects[i % 2]], None, day, number)
                for day in range(5)
                for i, number in enumerate(lesson_numbers)
            ),
            date_from=cls.year_start,
            date_to=cls.year_end,
        )
        lessons = slots._generate_lessons(cls.week_start, cls.week_end)
        lessons.write({"state": "done", "topic": "Тема урока", "homework": "§ 5, упр. 3"})
        child = students[0]
        absent_at = lessons[:1]
        cls.env["school.attendance"].create(
            [{"lesson_id": absent_at.id, "student_id": child.id, "code": "ill"}]
            + [
                {"lesson_id": lesson.id, "student_id": child.id, "code": "late", "late_minutes": 5}
                for lesson in lessons[1:3]
            ]
        )
        cls.env["school.mark"].create(
            [
                cls._mark_vals(
                    lesson, student, 2 + (n + i) % 4, cls.work_type_control if i % 3 == 2 else None
                )
                for i, lesson in enumerate(lessons)
                for n, student in enumerate(students)
                if not (lesson == absent_at and student == child)
            ]
        )
        cls.env["school.period.mark"].create(
            [
                {
                    "period_id": cls.quarters[0].id,
                    "class_id": school_class.id,
                    "subject_id": subject.id,
                    "student_id": student.id,
                    "value": 3 + n % 3,
                }
                for subject in subjects
                for n, student in enumerate(students)
            ]
        )
        guardian = cls._new_user(
            f"ej_scale_parent_{size}", "school_ejournal.group_school_parent", f"Родитель Ученика {letter}"
        )
        cls.env["school.guardian.link"].create(
            {
                "student_id": child.id,
                "guardian_id": guardian.partner_id.id,
                "relation": "mother",
                "date_start": cls.year_start,
                "consent_date": cls.year_start,
                "consent_document": "Согласие № 2",
            }
        )
        return {"class": school_class, "child": child, "guardian": guardian, "lessons": lessons, "size": size}

    # ------------------------------------------------------------------
    # What the pages read, as the guardian
    # ------------------------------------------------------------------
    def _week_page_data(self, case):
        """The data of /my/diary/<child>: the children offered, the week's days with lessons,
        marks, absences and the timetable, and the events."""
        diary = self.env["school.diary"].with_user(case["guardian"])
        child = case["child"].with_user(case["guardian"])
        students = diary._get_portal_students()
        is_guardian = diary._is_guardian_of(child)
        days = diary._get_lessons_data(child, self.week_start, self.week_end, with_timetable=True)
        events = diary._get_events(child, self.week_start, self.week_end)
        return {"students": students, "is_guardian": is_guardian, "days": days, "events": events}

    def _marks_page_data(self, case):
        """The data of /my/diary/<child>/marks: the periods, the term's marks by subject with
        the forecast, and the published period marks."""
        diary = self.env["school.diary"].with_user(case["guardian"])
        child = case["child"].with_user(case["guardian"])
        periods = diary._get_periods(child)
        period = diary._get_default_period(child, periods, self.ref_day)
        subjects = diary._get_subjects_data(child, period)
        period_marks = diary._get_period_marks_data(child)
        return {"periods": periods, "period": period, "subjects": subjects, "period_marks": period_marks}

    def _count(self, build, case):
        """``build(case)`` with cold caches; returns its result and its number of queries."""
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.cr.sql_log_count
        result = build(case)
        return result, self.cr.sql_log_count - start

    def _assert_flat(self, build):
        # warm the caches of access rights, record rules and groups of both guardians
        build(self.small)
        build(self.large)
        small, queries = self._count(build, self.small)
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            large, large_queries = self._count(build, self.large)
        self.assertEqual(large_queries, queries, "a class of 30 costs the queries of a class of 10")
        return small, large

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_guardian_week_page_query_count_is_flat(self):
        small, large = self._assert_flat(self._week_page_data)
        for case, data in ((self.small, small), (self.large, large)):
            entries = [entry for day in data["days"] for entry in day["entries"] if not entry["planned"]]
            self.assertEqual(len(entries), len(case["lessons"]))
            self.assertTrue(data["is_guardian"])
            self.assertEqual(data["students"], case["child"])
            marks = [mark for entry in entries for mark in entry["marks"]]
            self.assertEqual(
                len(marks), len(case["lessons"]) - 1, "a mark at every lesson but the missed one"
            )
            codes = sorted(entry["attendance"]["code"] for entry in entries if entry["attendance"])
            self.assertEqual(codes, ["ill", "late", "late"])
        self.assertEqual(
            len([e for d in large["days"] for e in d["entries"]]),
            2 * len([e for d in small["days"] for e in d["entries"]]),
            "the larger class has twice the lessons",
        )

    def test_guardian_marks_page_query_count_is_flat(self):
        small, large = self._assert_flat(self._marks_page_data)
        for case, data in ((self.small, small), (self.large, large)):
            self.assertEqual(data["period"], self.term)
            lessons = case["lessons"].filtered(lambda lesson: lesson.period_id == self.term)
            missed = lessons.filtered(
                lambda lesson: lesson.attendance_ids.filtered(lambda a: a.code == "ill")
            )
            self.assertEqual(sum(len(s["marks"]) for s in data["subjects"]), len(lessons) - len(missed))
            self.assertEqual(len(data["period_marks"]["rows"]), 2)
            self.assertEqual(data["period_marks"]["periods"], self.quarters[0])

    def test_other_child_not_shown(self):
        """The guardian of the small class's child sees nothing of the large class."""
        diary = self.env["school.diary"].with_user(self.small["guardian"])
        self.assertEqual(diary._get_portal_students(), self.small["child"])
        self.assertNotIn(self.large["child"], diary._get_portal_students())
        self.assertEqual(
            self.env["school.mark"]
            .with_user(self.small["guardian"])
            .search_count([("student_id", "=", self.large["child"].id)]),
            0,
        )
