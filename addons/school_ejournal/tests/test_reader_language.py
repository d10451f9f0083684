"""Issue 16, clean-up (item 8 and the digest's language): what a user reads is written in the
user's language, dates included (``format_date``: 18.11.2026 for a Russian reader,
11/18/2026 for an English one), and the teachers' daily digest is written in each teacher's
language, not in the language of the cron's user."""

from datetime import date

from odoo.exceptions import ValidationError

from .common import TODAY, SchoolJournalCommon


class TestReaderLanguage(SchoolJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages("ru_RU", "en_US")
        cls.env["ir.module.module"]._load_module_terms(["school_ejournal"], ["ru_RU"])
        cls.teacher_1.lang = "ru_RU"
        cls.teacher_2.lang = "en_US"
        Deadline = cls.env["school.year.deadline"]
        cls.outage_1, cls.outage_2 = Deadline.create(
            [
                {
                    "year_id": cls.year.id,
                    "kind": "outage",
                    "event_date": date(2026, 11, 10),
                    "responsible_id": teacher.id,
                }
                for teacher in (cls.teacher_1, cls.teacher_2)
            ]
        )
        cls.quarter_2.attestation_date = date(2026, 11, 20)
        Deadline.action_generate_year(cls.year.id)

    def _duties(self, nudges, teacher):
        return nudges.filtered(lambda n: n.teacher_id == teacher).line_ids.filtered(
            lambda line: line.category == "school_duty"
        )

    def test_digest_in_each_teachers_language(self):
        """The cron runs in English; the Russian teacher's digest is Russian, the English
        teacher's English: the deadlines' labels, states and dates, the activity's summary."""
        Nudge = self.env["school.teacher.nudge"].with_context(lang="en_US")
        nudges = Nudge._cron_send_teacher_nudges().filtered(
            lambda n: n.teacher_id in (self.teacher_1 | self.teacher_2)
        )
        russian = self._duties(nudges, self.teacher_1).mapped("details")
        english = self._duties(nudges, self.teacher_2).mapped("details")
        self.assertIn(self.outage_1.with_context(lang="ru_RU")._describe(TODAY), russian)
        self.assertIn(self.outage_2.with_context(lang="en_US")._describe(TODAY), english)
        self.assertNotEqual(
            self.outage_1.with_context(lang="ru_RU")._describe(TODAY),
            self.outage_1.with_context(lang="en_US")._describe(TODAY),
        )
        # the attestation of the 2nd quarter reaches both, dated as each language writes dates
        self.assertTrue(any("20.11.2026" in text for text in russian), russian)
        self.assertFalse(any("11/20/2026" in text for text in russian), russian)
        self.assertTrue(any("11/20/2026" in text for text in english), english)
        self.assertFalse(any("20.11.2026" in text for text in english), english)
        # the summary of the to-do activity too
        summaries = {
            activity.user_id: activity.summary
            for activity in self.env["mail.activity"].search(
                [("res_model", "=", "school.teacher.nudge"), ("res_id", "in", nudges.ids)]
            )
        }
        self.assertTrue(summaries[self.teacher_1].startswith("Электронный журнал"), summaries)
        self.assertTrue(summaries[self.teacher_2].startswith("E-journal"), summaries)

    def test_dates_in_the_readers_format(self):
        """A refusal and a name show their dates as the reader's language writes them."""
        self.env["school.calendar.day"].create(
            {
                "name": "Праздник",
                "year_id": self.year.id,
                "kind": "holiday",
                "date_from": date(2026, 11, 4),
                "date_to": date(2026, 11, 4),
            }
        )
        Plan = self.env["school.plan"]
        # the day off, and the outage of 10.11 to be reported by 11.11
        for lang, day_off, deadline in (
            ("ru_RU", "04.11.2026", "11.11.2026"),
            ("en_US", "11/04/2026", "11/11/2026"),
        ):
            with self.subTest(lang=lang):
                plan = Plan.with_context(lang=lang).create(
                    {
                        "year_id": self.year.id,
                        "subject_id": self.subject_math.id,
                        "class_id": self.class_5a.id,
                        "grade": 5,
                        "topic_ids": [
                            (0, 0, {"name": "Дроби", "hours": 1, "planned_date": date(2026, 11, 4)})
                        ],
                    }
                )
                with self.assertRaises(ValidationError) as catcher:
                    plan.with_user(self.user_deputy).with_context(lang=lang).action_approve()
                self.assertIn(day_off, str(catcher.exception))
                self.assertIn(deadline, self.outage_1.with_context(lang=lang)._describe(date(2026, 11, 1)))

    def test_lesson_name_and_search_in_the_readers_format(self):
        """A lesson's name shows its date as the reader's language writes it, and the search
        finds the lesson by the name the reader sees (issue 13)."""
        for lang, name in (
            ("ru_RU", "5А, Математика, 18.11.2026, урок 1"),
            ("en_US", "5А, Математика, 11/18/2026, lesson 1"),
        ):
            with self.subTest(lang=lang):
                Lesson = self.env["school.lesson"].with_user(self.teacher_1).with_context(lang=lang)
                self.assertEqual(self.lesson_5a.with_context(lang=lang).display_name, name)
                found = Lesson.name_search(name.rsplit(",", 1)[0])
                self.assertEqual([lesson_id for lesson_id, __ in found], self.lesson_5a.ids)
                # the short Russian date is understood in every language
                self.assertIn(
                    self.lesson_5a.id, [lesson_id for lesson_id, __ in Lesson.name_search("5А 18.11")]
                )
                self.assertFalse(Lesson.name_search("5А, Математика, 11/19/2026"))
