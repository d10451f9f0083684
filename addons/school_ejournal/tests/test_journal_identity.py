"""Journal records keep their identity; the load, the periods and the deputy decide
(issue 11, items 2, 3, 5 and 8; JOUR-6, JOUR-7, ROLE-1..5, P 4.4)."""

from datetime import date

from odoo.exceptions import AccessError, UserError

from .common import TODAY, SchoolJournalCommon


class TestJournalIdentity(SchoolJournalCommon):
    def _log(self, lesson):
        return self.env["school.journal.log"].search(
            [("model", "=", "school.lesson"), ("res_id", "=", lesson.id)], order="sequence"
        )

    def _assert_each_write_refused(self, record, **changes):
        """Writing any one of ``changes`` ({field: record}) on ``record`` raises a UserError."""
        for field, value in changes.items():
            with self.subTest(model=record._name, user=record.env.user.login, field=field):
                with self.assertRaises(UserError):
                    record.write({field: value.id})

    # ------------------------------------------------------------------
    # Item 2: identity of lessons, marks and attendance; date moves; load and periods
    # ------------------------------------------------------------------

    def test_lesson_mark_attendance_keep_identity(self):
        """Issue 11, item 2: class, subject and subgroup of a lesson, and the lesson, student,
        subject, period and class of its entries never change, whoever writes."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_vera)
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        english = self._as(self.teacher_english, "school.lesson").browse(self.lesson_5a_english.id)
        for record, vals in (
            (lesson, {"class_id": self.class_5b.id}),
            (lesson, {"subject_id": self.subject_russian.id}),
            (lesson, {"subgroup_id": self.subgroup_english.id}),
            (english, {"subgroup_id": False}),
            (lesson, {"year_id": False}),
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                record.write(vals)
        # not even the system rewrites it
        with self.assertRaises(UserError):
            self.lesson_5a.write({"subject_id": self.subject_russian.id})
        changes = {
            "subject_id": self.subject_russian,
            "class_id": self.class_5b,
            "period_id": self.quarter_1,
            "student_id": self.student_boris,
            "lesson_id": self.lesson_5b,
        }
        for record, user in ((mark, self.teacher_1), (absence, self.teacher_1)):
            self._assert_each_write_refused(self._as(user, record._name).browse(record.id), **changes)
            with self.assertRaises(UserError):
                record.sudo().write({"subject_id": self.subject_russian.id})
        self.env.invalidate_all()
        self.assertRecordValues(
            self.lesson_5a,
            [{"class_id": self.class_5a.id, "subject_id": self.subject_math.id, "subgroup_id": False}],
        )
        for record in (mark, absence):
            self.assertRecordValues(
                record,
                [
                    {
                        "lesson_id": self.lesson_5a.id,
                        "subject_id": self.subject_math.id,
                        "class_id": self.class_5a.id,
                        "period_id": self.quarter_2.id,
                    }
                ],
            )
        self.assertEqual(self.lesson_5a_english.subgroup_id, self.subgroup_english)

    def test_lesson_date_moves_within_edit_window_and_is_logged(self):
        """Issue 11, item 2: a date moves only while both dates are in the edit window
        (JOUR-6), and the move enters the change log (JOUR-7)."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"date": self._days_ago(1)})
        self.assertEqual(mark.date, self._days_ago(1))
        entry = self._log(self.lesson_5a)
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "action": "write",
                    "user_id": self.teacher_1.id,
                    "lesson_id": self.lesson_5a.id,
                    "old_value": "date=2026-11-18",
                    "new_value": "date=2026-11-17",
                }
            ],
        )
        # an old lesson (the two weeks of the window are over) does not move to today...
        old = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 10, 14))
        old_mark = self.env["school.mark"].create(
            {
                "lesson_id": old.id,
                "student_id": self.student_boris.id,
                "value": 3,
                "work_type_id": self.work_type_answer.id,
            }
        )
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.lesson").browse(old.id).write({"date": TODAY})
        # ...and a fresh lesson does not move back out of the window
        with self.assertRaises(UserError):
            lesson.write({"date": date(2026, 10, 14)})
        # nor out of the study periods (the autumn holidays)
        with self.assertRaises(UserError):
            lesson.write({"date": date(2026, 11, 2)})
        self.env.invalidate_all()
        self.assertEqual(old.date, date(2026, 10, 14))
        self.assertEqual(old_mark.date, date(2026, 10, 14))
        self.assertEqual(self.lesson_5a.date, self._days_ago(1))
        self.assertEqual(len(self._log(self.lesson_5a)), 1)
        self.assertFalse(self._log(old))

    def test_lesson_number_change_is_logged(self):
        """A lesson given at another hour of its day enters the change log as a date move does
        (JOUR-7): the deputy renumbers it in the timetable, then its teacher moves it to another
        day and hour at once; writing the same number again logs nothing."""
        lesson = self._as(self.user_deputy, "school.lesson").browse(self.lesson_5a.id)
        before = self.lesson_5a.lesson_number
        lesson.write({"lesson_number": before + 3})
        lesson.write({"lesson_number": before + 3})
        self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id).write(
            {"date": self._days_ago(1), "lesson_number": before}
        )
        self.assertRecordValues(
            self._log(self.lesson_5a),
            [
                {
                    "action": "write",
                    "user_id": self.user_deputy.id,
                    "old_value": f"lesson_number={before}",
                    "new_value": f"lesson_number={before + 3}",
                },
                {
                    "action": "write",
                    "user_id": self.teacher_1.id,
                    "old_value": f"date=2026-11-18; lesson_number={before + 3}",
                    "new_value": f"date=2026-11-17; lesson_number={before}",
                },
            ],
        )
        # the log reads it with the field's label, in the reader's language
        entry = self._log(self.lesson_5a)[:1].with_context(lang="en_US")
        self.assertEqual(entry.change_description, f"Lesson No.: {before} → {before + 3}")

    def test_lessons_only_within_load_and_periods(self):
        """Issue 11, items 2 and 10: a lesson belongs to its teacher's load (or is a recorded
        substitution) and lies inside a quarter or half of the academic year."""
        Lesson = self._as(self.teacher_1, "school.lesson")
        vals = {"class_id": self.class_5a.id, "date": TODAY, "lesson_number": 6}
        # teacher_1 teaches Math in 5А, not Russian
        with self.assertRaises(UserError):
            Lesson.create(dict(vals, subject_id=self.subject_russian.id))
        # the English teacher teaches a subgroup only, not the whole class
        with self.assertRaises(UserError):
            self._as(self.teacher_english, "school.lesson").create(
                dict(vals, subject_id=self.subject_english.id)
            )
        own = Lesson.create(dict(vals, subject_id=self.subject_math.id))
        self.assertEqual(own.period_id, self.quarter_2)
        subgroup_lesson = self._as(self.teacher_english, "school.lesson").create(
            dict(
                vals,
                subject_id=self.subject_english.id,
                subgroup_id=self.subgroup_english.id,
                lesson_number=7,
            )
        )
        self.assertEqual(subgroup_lesson.teacher_id, self.teacher_english)
        # outside the academic year, and in the holidays between two quarters
        for day in (date(2027, 9, 6), date(2026, 8, 31), date(2026, 11, 2)):
            with self.subTest(day=day), self.assertRaises(UserError):
                Lesson.create(dict(vals, subject_id=self.subject_math.id, date=day))
        # the deputy records a substitution: the lesson keeps the planned teacher of the load
        Deputy = self._as(self.user_deputy, "school.lesson")
        substitution = Deputy.create(
            dict(
                vals,
                subject_id=self.subject_math.id,
                lesson_number=8,
                teacher_id=self.substitute.id,
                planned_teacher_id=self.teacher_1.id,
                substitution_reason="Болезнь",
            )
        )
        self.assertTrue(substitution.is_substitution)
        with self.assertRaises(UserError):
            Deputy.create(
                dict(vals, subject_id=self.subject_math.id, lesson_number=9, teacher_id=self.substitute.id)
            )

    # ------------------------------------------------------------------
    # Item 3: period marks
    # ------------------------------------------------------------------
    def test_period_mark_keeps_student_subject_period(self):
        """Issue 11, item 3: a set period mark never moves to another child, subject, class or
        period, whether the teacher, the class teacher or the deputy writes."""
        pmark = self.env["school.period.mark"].create(
            {
                "student_id": self.student_anna.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "period_id": self.quarter_1.id,
                "value": 5,
            }
        )
        for user in (self.teacher_1, self.class_teacher, self.user_deputy):
            record = self._as(user, "school.period.mark").browse(pmark.id)
            self._assert_each_write_refused(
                record,
                student_id=self.student_boris,
                subject_id=self.subject_russian,
                period_id=self.quarter_2,
                class_id=self.class_5b,
            )
        with self.assertRaises(UserError):
            pmark.write({"student_id": self.student_boris.id})
        self.env.invalidate_all()
        self.assertRecordValues(
            pmark,
            [
                {
                    "student_id": self.student_anna.id,
                    "subject_id": self.subject_math.id,
                    "class_id": self.class_5a.id,
                    "period_id": self.quarter_1.id,
                    "value": 5,
                }
            ],
        )
        # the mark itself is still the teacher's to change
        self._as(self.teacher_1, "school.period.mark").browse(pmark.id).write({"value": 4})
        self.assertEqual(pmark.value, 4)

    # ------------------------------------------------------------------
    # Item 5: the administration changes lessons only through decided corrections
    # ------------------------------------------------------------------
    def test_administration_changes_lessons_only_through_corrections(self):
        """Issue 11, item 5: ej_admin, deputy and director neither write a lesson's content,
        date or subject nor delete it; the deputy's approval applies a correction with its
        reason in the change log; a refusal needs a reason."""
        for user in (self.user_ej_admin, self.user_deputy, self.user_director):
            Lesson = self._as(user, "school.lesson")
            for vals in (
                {"topic": "Чужая тема"},
                {"homework": "№ 1"},
                {"date": self._days_ago(1)},
                {"subject_id": self.subject_russian.id},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                    Lesson.browse(self.lesson_5a.id).write(vals)
            with self.subTest(user=user.login, op="unlink"), self.assertRaises(UserError):
                Lesson.browse(self.lesson_5a.id).unlink()
        # timetable and substitutions stay theirs (SETUP-7, JOUR-10)
        self._as(self.user_deputy, "school.lesson").browse(self.lesson_5b.id).write(
            {"teacher_id": self.substitute.id, "substitution_reason": "Курсы"}
        )
        self.assertTrue(self.lesson_5b.is_substitution)
        self.env.invalidate_all()
        self.assertTrue(self.lesson_5a.exists())
        self.assertEqual((self.lesson_5a.topic, self.lesson_5a.date), (False, TODAY))

        Request = self._as(self.teacher_1, "school.correction.request")
        request = Request.create(
            {
                "lesson_id": self.lesson_5a.id,
                "kind": "lesson",
                "new_topic": "Обыкновенные дроби",
                "new_homework": "§ 12",
                "reason": "Тема записана не та",
            }
        )
        refused = Request.create(
            {"lesson_id": self.lesson_5a.id, "kind": "lesson", "new_topic": "Другое", "reason": "Опечатка"}
        )
        Decide = self._as(self.user_deputy, "school.correction.request")
        # the deputy decides on what was asked, without rewriting it
        with self.assertRaises(UserError):
            Decide.browse(request.id).write({"new_topic": "Тема завуча"})
        with self.assertRaises(UserError):
            Decide.browse(refused.id).action_reject()
        self.assertEqual(refused.state, "submitted")
        Decide.browse(refused.id).action_reject(reason="Тема верна по плану")
        self.assertRecordValues(
            refused,
            [
                {
                    "state": "rejected",
                    "decision_note": "Тема верна по плану",
                    "decided_by_id": self.user_deputy.id,
                }
            ],
        )
        Decide.browse(request.id).action_approve()
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertEqual((self.lesson_5a.topic, self.lesson_5a.homework), ("Обыкновенные дроби", "§ 12"))
        entry = self._log(self.lesson_5a)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.user_deputy)
        self.assertIn("Тема записана не та", entry.reason)
        self.assertIn("topic=Обыкновенные дроби", entry.new_value)
        self.assertIn("homework=§ 12", entry.new_value)
        self.assertFalse(self.env["school.journal.log"]._verify_chain())

    # ------------------------------------------------------------------
    # Item 8: plans and correction requests, server side
    # ------------------------------------------------------------------
    def test_plan_approval_and_corrections_checked_on_the_server(self):
        """Issue 11, item 8: only the deputy approves a plan (or sends it back to draft) and
        decides on corrections; a teacher files requests only for lessons he gave."""
        plan = self._as(self.teacher_1, "school.plan").create(
            {
                "year_id": self.year.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "grade": 5,
            }
        )
        self.assertEqual(plan.teacher_id, self.teacher_1)
        with self.assertRaises(AccessError):
            plan.action_approve()
        with self.assertRaises(AccessError):
            plan.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self._as(self.teacher_1, "school.plan").create(
                {"year_id": self.year.id, "subject_id": self.subject_math.id, "grade": 5, "state": "approved"}
            )
        self.assertEqual(plan.state, "draft")
        self._as(self.user_deputy, "school.plan").browse(plan.id).action_approve()
        self.assertEqual(plan.state, "approved")
        with self.assertRaises(AccessError):
            self._as(self.teacher_1, "school.plan").browse(plan.id).action_reset_draft()
        self.assertEqual(plan.state, "approved")
        self._as(self.user_deputy, "school.plan").browse(plan.id).action_reset_draft()
        self.assertEqual(plan.state, "draft")

        Request = self._as(self.teacher_1, "school.correction.request")
        vals = {
            "student_id": self.student_dina.id,
            "kind": "attendance",
            "attendance_code": "ill",
            "reason": "Справка",
        }
        # 5Б is not his class
        with self.assertRaises(AccessError):
            Request.create(dict(vals, lesson_id=self.lesson_5b.id))
        # nor a lesson of his class given by another teacher
        with self.assertRaises(AccessError):
            Request.create(dict(vals, lesson_id=self.lesson_5a_english.id, student_id=self.student_anna.id))
        # a lesson he took over as a substitute is his to correct
        self.lesson_5b.write({"teacher_id": self.teacher_1.id, "substitution_reason": "Болезнь"})
        request = Request.create(dict(vals, lesson_id=self.lesson_5b.id))
        self.assertEqual(request.requested_by_id, self.teacher_1)
        for user in (self.teacher_1, self.class_teacher, self.user_director, self.user_ej_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._as(user, "school.correction.request").browse(request.id).action_approve()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._as(user, "school.correction.request").browse(request.id).action_reject(reason="Нет")
        self.assertEqual(request.state, "submitted")
        self.assertFalse(self.env["school.attendance"].search([("lesson_id", "=", self.lesson_5b.id)]))
