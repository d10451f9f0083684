"""The demo journal of the demo school: lessons, topics, marks, attendance and the change log.

Moved from school_ejournal's test_journal_wizards with the demo generator (issue 16); the
school of ``JournalWizardsCommon`` (SchoolCommon plus a week of timetable slots) is reused.
"""

from collections import Counter
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.test_journal_wizards import JournalWizardsCommon


@tagged("post_install", "-at_install")
class TestDemoJournal(JournalWizardsCommon):
    def test_demo_journal_tiny_school(self):
        """A tiny demo school over two weeks: conflict-free timetable, marks only in 2-11."""
        company = self.env["res.company"].create({"name": "Демо-школа (тест)"})
        self.env.user.company_ids = [Command.link(company.id)]
        date_from = self.monday
        date_to = min(self.monday + timedelta(days=13), self.today - timedelta(days=1))
        env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[company.id],
                school_demo_journal_date_from=date_from,
                school_demo_journal_date_to=date_to,
            )
        )
        summary = env["school.demo.generator"].generate(classes_per_parallel=1, students_per_class=5, seed=11)
        domain = [("company_id", "=", company.id)]
        slots = env["school.timetable.slot"].search(domain)
        lessons = env["school.lesson"].search(domain)
        marks = env["school.mark"].search(domain)
        self.assertEqual(summary["timetable_slots"], len(slots))
        self.assertEqual(summary["lessons"], len(lessons))
        self.assertEqual(summary["marks"], len(marks))
        self.assertTrue(lessons)
        self.assertTrue(all(date_from <= d <= date_to for d in lessons.mapped("date")))

        # The timetable: every curriculum hour placed, nobody twice in one slot.
        for key in ("teacher_id", "room_id"):
            groups = env["school.timetable.slot"]._read_group(
                domain + [(key, "!=", False)], [key, "weekday", "lesson_number"], ["__count"]
            )
            self.assertFalse([g for g in groups if g[-1] > 1], f"{key} twice in one slot")
        by_class = {}
        for slot in slots:
            by_class.setdefault((slot.class_id, slot.weekday, slot.lesson_number), []).append(slot)
        for same_time in by_class.values():
            if len(same_time) > 1:
                self.assertTrue(all(s.subgroup_id for s in same_time))
                self.assertEqual(len({s.subgroup_id for s in same_time}), len(same_time))
        placed = Counter((s.class_id, s.subject_id, s.subgroup_id) for s in slots)
        for line in env["school.curriculum.line"].search(domain):
            groups = line.class_id.subgroup_ids.filtered(lambda g, line=line: g.subject_id == line.subject_id)
            for group in groups if line.split_in_subgroups else [env["school.subgroup"]]:
                self.assertEqual(
                    placed[(line.class_id, line.subject_id, group)],
                    line.hours_per_week,
                    f"{line.class_id.name} {line.subject_id.name} {group.name or ''}",
                )

        # Plans of the main subjects match the curriculum.
        plans = env["school.plan"].search(domain)
        self.assertTrue(plans)
        self.assertEqual(set(plans.mapped("hours_difference")), {0})

        # Marks: only grades 2-11, mostly 4 and 5, about a third of a mark per student and lesson.
        self.assertTrue(marks)
        self.assertGreaterEqual(min(marks.mapped("class_id.grade")), 2)
        grade_1 = lessons.filtered(lambda lesson: lesson.grade == 1)
        self.assertTrue(grade_1)
        self.assertFalse(grade_1.mark_ids)
        self.assertFalse(grade_1.filtered("homework"))
        values = Counter(marks.mapped("value"))
        self.assertGreater(values[4] + values[5], values[2] + values[3])
        self.assertLess(values[2], len(marks) * 0.1)
        past = lessons.filtered(lambda lesson: lesson.grade >= 2 and lesson.subject_id.is_graded)
        places = sum(len(lesson._get_students()) for lesson in past)
        self.assertTrue(0.2 <= len(marks) / places <= 0.6, len(marks) / places)
        graded_past = past.filtered(lambda lesson: lesson.state == "done")
        self.assertGreater(len(graded_past.filtered("homework")), 0.9 * len(graded_past))
        self.assertFalse(
            lessons.filtered(
                lambda lesson: lesson.state == "done" and not lesson.topic and lesson.plan_topic_id
            )
        )

        # Attendance exceptions and the change log of every mark.
        self.assertTrue(env["school.attendance"].search_count(domain))
        self.assertEqual(
            env["school.journal.log"].search_count(domain + [("model", "=", "school.mark")]), len(marks)
        )
        # Entries are dated as made on time, apart from a few late ones.
        late_topics = env["school.entry.deadline"].search_count(domain + [("kind", "=", "topic")])
        self.assertLess(late_topics, 0.1 * len(lessons))

    def test_generate_journal_from_database(self):
        """The demo journal also fills an existing school: its timetable is kept."""
        Generator = self.env["school.demo.generator"]
        with self.assertRaises(AccessError):
            Generator.with_user(self.teacher).generate_journal()
        summary = Generator.with_user(self.user_ej_admin).generate_journal(
            date_from=self.monday, date_to=self.sunday, seed=3
        )
        self.assertEqual(summary["timetable_slots"], 0)
        self.assertEqual(summary["lessons"], 5)
        lessons = self._lessons(self.monday, self.sunday)
        self.assertEqual(set(lessons.mapped("state")), {"done"})
        self.assertTrue(lessons.mark_ids)
        self.assertTrue(all(lesson.topic for lesson in lessons))
        plan = self.env["school.plan"].search(
            [("year_id", "=", self.year.id), ("grade", "=", 5), ("subject_id", "=", self.subject_math.id)]
        )
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.hours_difference, 0)
        self.assertEqual(plan.teacher_id, self.class_teacher)
        math = lessons.filtered(lambda lesson: lesson.subject_id == self.subject_math)
        self.assertEqual(math.plan_topic_id.plan_id, plan)
        with self.assertRaises(UserError):
            Generator.with_user(self.user_ej_admin).generate_journal(seed=3)
