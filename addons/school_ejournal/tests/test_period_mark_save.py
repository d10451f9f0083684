"""The period-mark grid's save in one statement (issue 15): what write() of each row did before.

The save inserts the rows still to be made with their marks and updates the others in one
UPDATE; these tests pin that it checks, stamps, logs and follows up as ``write({"value": ...})``
does (FINAL-1, FINAL-3, JOUR-7, JOUR-8, ROLE-5, P 4.4), and that the forecast's shortcut past
the rounding proposes what ``_propose`` proposes (FINAL-2).
"""

import random
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from .common import PeriodMarkCommon

MUTE = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")


@tagged("post_install", "-at_install")
class TestPeriodMarkSave(PeriodMarkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lesson = cls._lesson(cls.class_5a, cls.math, cls.teacher_math, date(2026, 10, 5))
        cls._marks(lesson, {cls.s_ivanov: [5, 5, 5], cls.s_petrova: [4, 4, 5], cls.s_sidorov: [2, 2, 3]})
        cls.Grid = cls.PeriodMark.with_user(cls.teacher_math)

    def _save(self, values):
        return self.Grid.save_period_mark_grid(
            self.class_5a.id, self.math.id, self.q1.id, {str(s.id): v for s, v in values.items()}
        )

    def _rows(self):
        rows = self.PeriodMark.search([("class_id", "=", self.class_5a.id), ("period_id", "=", self.q1.id)])
        return {row.student_id: row for row in rows}

    def _log(self, row):
        return self.env["school.journal.log"].search(
            [("model", "=", "school.period.mark"), ("res_id", "=", row.id)], order="sequence"
        )

    def test_new_rows_get_their_marks_stamps_log_and_followups(self):
        with freeze_time("2026-10-20 09:00:00"):
            grid = self._save({self.s_ivanov: 5, self.s_petrova: 3, self.s_sidorov: 2})
        self.assertEqual([r["value"] for r in grid["rows"]], [5, 3, 2])
        rows = self._rows()
        self.assertEqual(len(rows), 3)
        moment = datetime(2026, 10, 20, 9, 0)
        for student, value in ((self.s_ivanov, 5), (self.s_petrova, 3), (self.s_sidorov, 2)):
            row = rows[student]
            self.assertEqual(row.value, value)
            self.assertEqual(row.set_by_id, self.teacher_math)
            self.assertEqual((row.set_at, row.published_at), (moment, moment))
            self.assertFalse(row.is_late, "set before the deadline of 24.10")
            self.assertTrue(row.is_attested)
            log = self._log(row)
            self.assertEqual(len(log), 1)
            self.assertEqual((log.action, log.user_id, log.old_value), ("create", self.teacher_math, ""))
            self.assertIn(f"value={value}", log.new_value)
        # Petrova's proposal is 4 (average 4.33): a 3 differs from it, Ivanov's 5 does not
        self.assertTrue(rows[self.s_petrova].differs_from_proposed)
        self.assertFalse(rows[self.s_ivanov].differs_from_proposed)
        # the 2 opens a follow-up (P 4.4), the others none
        followups = self.env["school.followup"].search(
            [("period_mark_id", "in", [r.id for r in rows.values()])]
        )
        self.assertEqual(followups.period_mark_id, rows[self.s_sidorov])
        self.assertEqual((followups.reason, followups.teacher_id), ("mark_2", self.teacher_math))
        # the change log is the record: no chatter message on the rows
        self.env.cr.flush()
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "school.period.mark"), ("res_id", "in", [r.id for r in rows.values()])]
            )
        )
        # what the rows read back from the database is what the save left in the cache
        values = {s: (r.value, r.set_by_id, r.set_at, r.is_late, r.published_at) for s, r in rows.items()}
        self.env.invalidate_all()
        self.assertEqual(
            {s: (r.value, r.set_by_id, r.set_at, r.is_late, r.published_at) for s, r in self._rows().items()},
            values,
        )

    def test_changed_and_cleared_marks(self):
        with freeze_time("2026-10-20 09:00:00"):
            self._save({self.s_ivanov: 5, self.s_petrova: 3, self.s_sidorov: 2})
        with freeze_time("2026-10-25 08:00:00"):
            # past the deadline: a changed mark is late; a cleared one loses its stamps
            grid = self._save({self.s_ivanov: 5, self.s_petrova: 4, self.s_sidorov: 0})
        self.assertEqual([r["value"] for r in grid["rows"]], [5, 4, 0])
        self.env.invalidate_all()
        rows = self._rows()
        ivanov, petrova, sidorov = rows[self.s_ivanov], rows[self.s_petrova], rows[self.s_sidorov]
        # unchanged: not written again, its stamps stay
        self.assertEqual(ivanov.set_at, datetime(2026, 10, 20, 9, 0))
        self.assertEqual(len(self._log(ivanov)), 1)
        # changed: stamped again and late, visible since the first time
        self.assertEqual(petrova.value, 4)
        self.assertFalse(petrova.differs_from_proposed)
        self.assertEqual(petrova.set_at, datetime(2026, 10, 25, 8, 0))
        self.assertTrue(petrova.is_late)
        self.assertEqual(petrova.published_at, datetime(2026, 10, 20, 9, 0))
        log = self._log(petrova)[-1]
        self.assertEqual(log.action, "write")
        self.assertIn("value=3", log.old_value)
        self.assertIn("value=4", log.new_value)
        # cleared: no stamp, no longer visible, the follow-up of its 2 cancelled
        self.assertEqual(sidorov.value, 0)
        self.assertFalse(sidorov.set_by_id or sidorov.set_at or sidorov.is_late or sidorov.published_at)
        log = self._log(sidorov)[-1]
        self.assertEqual((log.action, log.new_value), ("write", ""))
        self.assertIn("value=2", log.old_value)
        followup = self.env["school.followup"].search([("period_mark_id", "=", sidorov.id)])
        self.assertEqual(followup.state, "cancelled")

    @mute_logger(*MUTE)
    def test_refusals_change_nothing(self):
        with freeze_time("2026-10-20 09:00:00"):
            self._save({self.s_ivanov: 4})
        # a mark off the scale, for a new row and for an existing one
        for values in ({self.s_petrova: 7}, {self.s_ivanov: 1}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self._save(values)
        # another teacher, the class teacher, the deputy: not the subject's teacher (ROLE-5)
        for user in (self.teacher_other, self.class_teacher, self.user_deputy):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.PeriodMark.with_user(user).save_period_mark_grid(
                    self.class_5a.id, self.math.id, self.q1.id, {str(self.s_petrova.id): 5}
                )
        # a closed period (JOUR-8), for a new row and for an existing one
        self.q1.is_closed = True
        for values in ({self.s_petrova: 5}, {self.s_ivanov: 5}):
            with self.subTest(values=values), self.assertRaises(UserError):
                self._save(values)
        self.env.invalidate_all()
        rows = self._rows()
        self.assertEqual({s: r.value for s, r in rows.items() if r.value}, {self.s_ivanov: 4})
        self.assertEqual(len(self._log(rows[self.s_ivanov])), 1)

    def test_subgroup_teacher_sets_own_students_only(self):
        """A subgroup's teacher: the own students' marks, the others' ignored (JOUR-12)."""
        with freeze_time("2026-10-20 09:00:00"):
            self.PeriodMark.with_user(self.teacher_english).save_period_mark_grid(
                self.class_5a.id,
                self.english.id,
                self.q1.id,
                {str(self.s_ivanov.id): 5, str(self.s_sidorov.id): 4},
            )
        rows = self.PeriodMark.search(
            [("class_id", "=", self.class_5a.id), ("subject_id", "=", self.english.id)]
        )
        self.assertEqual({r.student_id: r.value for r in rows}, {self.s_ivanov: 5})

    def test_forecast_shortcut_proposes_as_propose(self):
        """``_proposed`` (the forecast's shortcut) proposes what ``_propose`` does, at the rounding
        bounds of the thresholds too (4.595 proposes 5 under 4.6, 4.5949... proposes 4)."""
        PeriodMark = self.PeriodMark
        for policy in (self.policy, self.policy_2027):
            rule = PeriodMark._get_rule(policy)
            cases = []
            for bound in rule["bounds"].values():
                for delta in (-1e-6, -1e-10, 0.0, 1e-10, 1e-6):
                    cases += [((bound + delta) * weight, weight) for weight in (1.0, 3.0, 7.5, 20.0)]
            generator = random.Random(15)
            for __ in range(3000):
                weight_sum = generator.choice((1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 20, 33)) * 0.5
                cases.append(
                    (round(generator.uniform(2, 5) * weight_sum, generator.choice((1, 2, 3))), weight_sum)
                )
            for weighted_sum, weight_sum in cases:
                self.assertEqual(
                    PeriodMark._proposed(rule, weighted_sum, weight_sum),
                    PeriodMark._propose(policy, weighted_sum, weight_sum)[1],
                    f"{weighted_sum} / {weight_sum}",
                )
        self.assertEqual(PeriodMark._proposed(PeriodMark._get_rule(self.policy), 4.595, 1), 5)
        self.assertEqual(PeriodMark._proposed(PeriodMark._get_rule(self.policy), 4.5949, 1), 4)

    def test_policy_weights_follow_their_changes(self):
        """The grid's weights are cached per policy and follow every change of a weight."""
        PeriodMark = self.PeriodMark

        def expected(policy):
            return sorted(set(policy.weight_ids.mapped("weight")) - {0.0})

        self.assertEqual(PeriodMark._get_policy_weights(self.policy), expected(self.policy))
        self.assertNotIn(7.5, PeriodMark._get_policy_weights(self.policy))
        control = self.policy.weight_ids.filtered(lambda w: w.work_type_id == self.wt_control)
        control.weight = 7.5
        self.assertIn(7.5, PeriodMark._get_policy_weights(self.policy))
        self.assertEqual(PeriodMark._get_policy_weights(self.policy), expected(self.policy))
        control.unlink()
        self.assertNotIn(7.5, PeriodMark._get_policy_weights(self.policy))
        self.env["school.grading.policy.weight"].create(
            {"policy_id": self.policy.id, "work_type_id": self.wt_control.id, "weight": 6.5}
        )
        self.assertIn(6.5, PeriodMark._get_policy_weights(self.policy))
        self.assertEqual(PeriodMark._get_policy_weights(self.policy), expected(self.policy))
        # the other policy keeps its own
        self.assertEqual(PeriodMark._get_policy_weights(self.policy_2027), expected(self.policy_2027))
        self.assertNotIn(6.5, PeriodMark._get_policy_weights(self.policy_2027))
