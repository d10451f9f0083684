"""Every public method called by a teacher of another class (ROLE-4, ROLE-5, SEC-3).

The generic probe of ``test_access_public_methods`` calls every public method of the addons
as a student, a parent, the inspector and the director. Here the same calls, aimed at 5Б and
its records (Dina, her mark, period mark, plan, notification, correction request), are made
by the Math teacher of 5А (``teacher_1``) and by the class teacher of 5А: each call is refused
or named below with the reason, and an allowed call writes nothing of the journal.
"""

import base64

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from . import test_access_public_methods as generic

ROLES = ("teacher", "class_teacher")
_OWN = "answers with the caller's own classes, subjects or lessons only"
_LIST = "returns an action only; the record rules filter what it opens"
ALLOWED = {
    ("school.journal.grid", "get_options"): dict.fromkeys(ROLES, _OWN),
    ("school.journal.grid", "get_day_options"): dict.fromkeys(ROLES, _OWN),
    ("school.period.mark", "get_grid_options"): dict.fromkeys(ROLES, _OWN),
    ("school.class", "action_view_students"): dict.fromkeys(ROLES, _LIST),
    ("school.plan", "action_open_import_wizard"): dict.fromkeys(
        ROLES, "returns the wizard's action only; the import itself checks the plan's write access"
    ),
}

# the public methods that write the journal's entries: never the administration's
JOURNAL_WRITES = (
    ("school.journal.grid", "save_cell"),
    ("school.journal.grid", "save_attendance"),
    ("school.journal.grid", "save_lesson"),
    ("school.period.mark", "action_prepare"),
    ("school.period.mark", "save_period_mark_grid"),
    ("school.period.mark", "action_fill_proposed"),
    ("school.period.mark", "action_refresh"),
    ("school.mark.dispute", "action_answer"),
    ("school.mark.dispute", "action_request_correction"),
    ("school.mark.dispute", "file_dispute"),
)


class TestStaffPublicMethods(generic.TestAccessPublicMethods):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {"teacher": cls.teacher_1, "class_teacher": cls.class_teacher}
        # the records of 5Б's teacher the other teachers aim at: an inspection of his journal
        # and a disputed mark of his lesson
        cls.inspection_5b = cls.env["school.inspection"].create(
            {
                "class_id": cls.class_5b.id,
                "subject_id": cls.subject_math.id,
                "teacher_id": cls.teacher_2.id,
                "findings": "Не заполнены темы уроков",
                "fix_deadline": cls.today,
                "state": "sent",
            }
        )
        cls.dispute_dina = cls.env["school.mark.dispute"].create(
            {"mark_id": cls.mark_dina.id, "reason": "Не согласна с оценкой", "proposed_value": 5}
        )

    def _targets(self):
        return dict(
            super()._targets(),
            **{"school.inspection": self.inspection_5b, "school.mark.dispute": self.dispute_dina},
        )

    def _wizard_vals(self, model):
        if model == "school.plan.import.wizard":
            return {
                "plan_id": self.plan_5b.id,
                "file": base64.b64encode(b"not a workbook"),
                "filename": "x.xlsx",
            }
        return super()._wizard_vals(model)

    @mute_logger(
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
        "odoo.models",
        "odoo.models.unlink",
        "odoo.http",
    )
    def test_every_public_method_refused_or_allowed(self):
        methods = {
            (m, f) for m, f in generic.public_methods(self.env.registry) if f not in generic.ORM_METHODS
        }
        self.assertGreater(len(methods), 40)
        for key in ALLOWED:
            self.assertIn(key, methods, f"{key} is allowed but no longer exists")
        self._aim("5b")
        for model, method in sorted(methods):
            for role in ROLES:
                with self.subTest(method=f"{model}.{method}", role=role):
                    try:
                        result = self._call(self.users[role], model, method)
                    except TypeError as error:
                        self.fail(f"{model}.{method}: no call known ({error})")
                    reason = ALLOWED.get((model, method), {}).get(role)
                    if result == "refused":
                        self.assertFalse(reason, f"{model}.{method} is allowed to the {role} but refused")
                        continue
                    self.assertTrue(
                        reason,
                        f"{model}.{method} called by the {role} with 5Б's ids was not refused "
                        "and is not in the allow-list",
                    )
                    self.assertFalse(
                        result - generic.WRITES_IGNORED - {model if self.env[model]._transient else ""},
                        f"{model}.{method} called by the {role} wrote these models",
                    )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_administration_writes_no_journal_entry(self):
        """The administrator and the deputy read every journal (ROLE-1, ROLE-3): the public
        methods that enter marks, attendance, lesson content, period marks and the answers to
        disputed marks are refused to them, and change nothing."""
        self._aim("5b")
        for user in (self.user_ej_admin, self.user_deputy):
            for key in JOURNAL_WRITES:
                with self.subTest(user=user.login, method=".".join(key)):
                    self.assertEqual(self._call(user, *key), "refused")
        self.assertEqual((self.mark_dina.value, self.pmark_dina.value), (5, 0))
        self.assertFalse(self.lesson_5b.topic)
        self.assertEqual(self.dispute_dina.state, "open")

    def test_allowed_reads_carry_no_other_child(self):
        """The grids and forecasts of 5Б are neither teacher's: refused, not emptied."""
        PeriodMark = self.env["school.period.mark"]
        args = (self.class_5b.id, self.subject_math.id, self.quarter_2.id)
        for role in ROLES:
            for method in ("get_period_mark_grid", "get_class_forecasts", "save_period_mark_grid"):
                call_args = (*args, {str(self.student_dina.id): 2}) if method.startswith("save") else args
                with self.subTest(role=role, method=method), mute_logger("odoo.addons.base.models.ir_rule"):
                    with self.assertRaises(UserError):
                        getattr(PeriodMark.with_user(self.users[role]), method)(*call_args)
        self.assertFalse(self.pmark_dina.value)
        self.assertEqual((self.inspection_5b.state, self.dispute_dina.state), ("sent", "open"))
