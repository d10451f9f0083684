"""Every public method of the e-journal holds for every role (SEC-3, ROLE-1..9, issue 11).

Generated from the registry: every method without a leading underscore that the addons
``school_ejournal*`` define, on their own models (``school.*``, wizards included) and on the
Odoo models they extend (``res.users``, ``res.company``, ...), is called over the same path
as JSON-RPC (``call_kw``) by a student, a parent, the inspector and the director, with
arguments pointing at another child's class (5Б). Each call must be refused (AccessError or
UserError) or be named in ``ALLOWED`` with the reason; an allowed call must not write
anything a read-only role may not cause (``WRITES_IGNORED``). A new public method fails this
test until it has a call in ``CALLS`` (or the default call works) and is refused or allowed.

ORM methods the addons override (``create``, ``write``, ``read``...) are not called here: the
role x model x operation table of ``test_access_matrix`` covers them; they are listed in
``ORM_METHODS``. Inherited methods of Odoo itself (``message_post``...) keep Odoo's checks.
"""

import inspect
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GROUP, SchoolJournalCommon

ADDON_MODULES = ("odoo.addons.school_ejournal", "odoo.addons.school_ejournal_reports")
ORM_METHODS = {
    "create",
    "write",
    "unlink",
    "read",
    "search_read",
    "web_read",
    "web_search_read",
    "export_data",
    "default_get",
    "copy",
    "init",
}
ROLES = ("student", "parent", "inspector", "director")
READERS = ("inspector", "director")
# Models a read-only role's allowed call may write: the personal-data and account logs kept
# by the system, a download's attachment, the caller's own wizard records, and the records of
# an integrity check (issue 12: a verification run is a record of the check, written by the
# system, never a write on the checked records).
WRITES_IGNORED = {
    "school.personal.data.log",
    "school.account.log",
    "school.chain.verification",
    "ir.attachment",
    "bus.bus",
}

# (model, method): {role: reason}. Everything not named here must be refused.
_READ = "the administration and the inspector read every journal and report (ROLE-1, 2, 3, 9)"
ALLOWED = {
    ("school.journal.grid", "get_options"): dict.fromkeys(READERS, _READ),
    ("school.journal.grid", "get_grid"): dict.fromkeys(READERS, _READ),
    ("school.journal.grid", "get_lesson_sheet"): dict.fromkeys(READERS, _READ),
    ("school.journal.grid", "get_day_options"): dict.fromkeys(READERS, _READ),
    ("school.approval", "action_approve"): {
        "director": "the director approves the curriculum, the load and the timetable (ROLE-2)"
    },
    ("school.journal.grid", "get_day_sheet"): dict.fromkeys(READERS, _READ),
    ("school.period.mark", "get_grid_options"): dict.fromkeys(READERS, _READ),
    ("school.period.mark", "get_period_mark_grid"): dict.fromkeys(READERS, _READ),
    ("school.period.mark", "get_class_forecasts"): dict.fromkeys(READERS, _READ),
    ("school.period.mark", "get_class_matrix"): dict.fromkeys(READERS, _READ),
    ("school.period.mark", "action_refresh"): {},  # refused: action_prepare is the teacher's
    ("school.control.report", "get_dashboard_data"): dict.fromkeys(READERS, _READ),
    ("school.class", "action_view_students"): dict.fromkeys(READERS, "opens the list; the rules filter it"),
    ("school.compromise.notice", "action_print_act"): dict.fromkeys(READERS, _READ),
    ("school.plan", "action_export_xlsx"): dict.fromkeys(READERS, _READ + "; the file is the caller's"),
    ("school.plan", "action_open_import_wizard"): dict.fromkeys(
        READERS, "returns the wizard's action only; the import itself checks the plan's write access"
    ),
    ("school.journal.log", "action_verify_chain"): dict.fromkeys(
        READERS, "verifies the change log read-only"
    ),
    ("school.archive.entry", "action_verify"): dict.fromkeys(
        READERS, "verifies the archive register (ARCH-1); writes only the record of the run"
    ),
    ("school.chain.verification", "action_run_now"): dict.fromkeys(
        READERS, "verifies the change log and the archive now; writes only the record of the run"
    ),
    ("school.report.wizard", "action_print_pdf"): dict.fromkeys(READERS, _READ),
    ("school.report.wizard", "action_export_xlsx"): dict.fromkeys(READERS, _READ),
}
# allowed calls that still write on the records they check: none (issue 12)
WRITES_PENDING = set()


def public_methods(registry):
    """{(model, method)} of every public method the addons define, from the registry."""
    found = set()
    for name in registry:
        cls = registry[name]
        # Odoo's own methods that an addon only extends (report_action, session_info, ...)
        # keep Odoo's own access checks; the addons' extensions are tested where they are
        odoo_own = {
            attr
            for klass in cls.__mro__
            if not (klass.__module__ or "").startswith(ADDON_MODULES)
            for attr in vars(klass)
        }
        for klass in cls.__mro__:
            if not (klass.__module__ or "").startswith(ADDON_MODULES):
                continue
            if klass.__module__.startswith("odoo.addons.school_ejournal_e2e"):
                continue
            for attr, value in vars(klass).items():
                if attr.startswith("_") or not inspect.isfunction(value) or attr in odoo_own:
                    continue
                found.add((name, attr))
    return found


@tagged("post_install", "-at_install")  # with school_ejournal_reports installed too
class TestAccessPublicMethods(SchoolJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two students of two classes with different parents: Boris (5А, user_parent) and
        # Dina (5Б, her own parent); the callers aim at 5Б, Dina and her records
        cls.parent_dina = cls._new_user("jr_parent_dina", GROUP + "parent", "Мама Дины")
        cls.link_dina = cls._link_guardians(
            [(cls.student_dina, cls.parent_dina.partner_id, "mother")],
            date_start=cls.year.date_start,
            consent_date=cls.year.date_start,
        )
        cls.slot_5b = cls._slots(
            (cls.class_5b, cls.subject_math, cls.teacher_2, None, 4, 5),
            date_from=cls.year.date_start,
            date_to=cls.year.date_end,
        )
        cls.mark_dina = cls._marks(cls.lesson_5b, {cls.student_dina: 5})
        cls.pmark_dina = cls._period_mark(cls.student_dina, cls.subject_math, cls.class_5b, cls.quarter_2)
        cls.plan_5b = cls.env["school.plan"].create(
            {
                "name": "КТП математика 5Б",
                "year_id": cls.year.id,
                "subject_id": cls.subject_math.id,
                "grade": 5,
                "class_id": cls.class_5b.id,
            }
        )
        cls.notice = cls.env["school.compromise.notice"].create(
            {"user_id": cls.teacher_2.id, "reported_by": "Учитель Второй"}
        )
        cls.notification = cls.env["school.notification"].create(
            {
                "name": "Новые оценки",
                "kind": "marks",
                "partner_id": cls.parent_dina.partner_id.id,
                "class_id": cls.class_5b.id,
                "state": "draft",
            }
        )
        cls.correction = cls.env["school.correction.request"].create(
            cls._correction_vals(cls.mark_dina, 4, "Ошибка ввода")
        )
        cls.users = {
            "student": cls.user_student,
            "parent": cls.user_parent,
            "inspector": cls.user_inspector,
            "director": cls.user_director,
        }
        cls.teacher_group = cls.env.ref("school_ejournal.group_school_teacher")
        cls._aim(cls, "5b")
        cls.system_group = cls.env.ref("base.group_system")

    def _aim(self, which):
        """Aim the calls at 5Б (another class, Dina's) or, for the e-diary's users, at their
        own class 5А, whose other children (Vera) are not theirs either."""
        if which == "5b":
            self.aim_class, self.aim_lesson, self.aim_student = (
                self.class_5b,
                self.lesson_5b,
                self.student_dina,
            )
        else:
            self.aim_class, self.aim_lesson, self.aim_student = (
                self.class_5a,
                self.lesson_5a,
                self.student_vera,
            )

    # ------------------------------------------------------------------
    # How each method is called: (recordset, args, kwargs) for a user's environment
    # ------------------------------------------------------------------
    def _calls(self):
        c5b, math, q2 = self.aim_class.id, self.subject_math.id, self.quarter_2.id
        lesson, student = self.aim_lesson, self.aim_student
        wizard = self._wizard
        return {
            ("school.journal.grid", "get_grid"): ("model", (c5b, math, q2), {}),
            ("school.journal.grid", "save_cell"): ("model", (lesson.id, student.id, "2"), {}),
            ("school.journal.grid", "save_attendance"): (
                "model",
                (lesson.id, {str(student.id): "Н"}),
                {},
            ),
            ("school.journal.grid", "save_lesson"): ("model", (lesson.id, {"topic": "X"}), {}),
            ("school.journal.grid", "get_lesson_sheet"): ("model", (lesson.id,), {}),
            ("school.journal.grid", "get_day_options"): ("model", (), {}),
            ("school.mark.dispute", "file_dispute"): ("model", (self.mark_dina.id, "Не согласен"), {}),
            ("school.year.deadline", "action_generate_year"): ("model", (self.year.id,), {}),
            ("school.journal.grid", "get_day_sheet"): ("model", (c5b, str(lesson.date)), {}),
            ("school.period.mark", "get_class_forecasts"): ("model", (c5b, math, q2), {}),
            ("school.period.mark", "action_prepare"): ("model", (c5b, math, q2), {}),
            ("school.period.mark", "get_period_mark_grid"): ("model", (c5b, math, q2), {}),
            ("school.period.mark", "save_period_mark_grid"): (
                "model",
                (c5b, math, q2, {str(student.id): 2}),
                {},
            ),
            ("school.period.mark", "get_class_matrix"): ("model", (c5b, q2), {}),
            ("school.control.report", "get_dashboard_data"): ("model", (), {"class_id": c5b}),
            ("res.users", "school_set_roles"): (self.teacher_2, ([self.system_group.id],), {}),
            ("res.users", "school_create_account"): (
                "model",
                ("Новый", "new_account", [self.teacher_group.id]),
                {},
            ),
            # the demo addon's methods (school_ejournal_demo, "odoo.addons.school_ejournal*"), when installed
            ("school.demo.generator", "generate"): (
                "model",
                (),
                {"classes_per_parallel": 1, "students_per_class": 2},
            ),
            ("school.demo.generator", "generate_large"): ("model", (), {"classes": 11, "students": 22}),
            ("school.archive.entry", "action_archive_period_now"): ("empty", (), {"active_id": q2}),
            ("school.credential.wizard", "action_issue"): (
                wizard(
                    "school.credential.wizard",
                    {"target": "users", "user_ids": [Command.set(self.teacher_2.ids)]},
                ),
                (),
                {},
            ),
            ("school.report.wizard", "action_print_pdf"): (
                wizard("school.report.wizard", self._report_wizard_vals()),
                (),
                {},
            ),
            ("school.report.wizard", "action_export_xlsx"): (
                wizard("school.report.wizard", self._report_wizard_vals()),
                (),
                {},
            ),
        }

    def _report_wizard_vals(self):
        Wizard = self.env["school.report.wizard"]
        code = Wizard._fields["report_code"].get_values(self.env)[0]
        return {"report_code": code, "class_id": self.class_5b.id, "period_id": self.quarter_2.id}

    def _wizard(self, model, vals):
        """A wizard made by the caller itself, as the web client makes it."""
        return ("wizard", model, vals)

    def _targets(self):
        """The record a method of each model is called on: another child's, of 5Б."""
        return {
            "res.users": self.teacher_2,
            "res.company": self.school,
            "school.academic.year": self.year,
            "school.class": self.aim_class,
            "school.compromise.notice": self.notice,
            "school.grading.policy": self.policy,
            "school.lesson": self.aim_lesson,
            "school.notification": self.notification,
            "school.period": self.quarter_2,
            "school.period.mark": self.pmark_dina,
            "school.plan": self.plan_5b,
            "school.correction.request": self.correction,
            "school.student": self.aim_student,
            "school.mark": self.mark_dina,
            "school.guardian.link": self.link_dina,
            "school.subgroup": self.subgroup_english,
            "school.timetable.slot": self.slot_5b,
            "school.subject": self.subject_math,
        }

    def _wizard_vals(self, model):
        return {
            "school.contingent.import.wizard": {},
            "school.demo.wizard": {},
            "school.lesson.generate.wizard": {"date_from": self.today, "date_to": self.today},
            "school.movement.wizard": {},
            "school.period.close.wizard": {"period_ids": [Command.set(self.quarter_2.ids)]},
            "school.plan.import.wizard": {"plan_id": self.plan_5b.id},
            "school.year.rollover.wizard": {"year_id": self.year.id},
            "school.account.wizard": {
                "mode": "roles",
                "user_ids": [Command.set(self.teacher_2.ids)],
                "role_ids": [Command.set(self.teacher_group.ids)],
            },
        }.get(model, {})

    def _resolve(self, user, model, method):
        """(callable, args, kwargs) of ``model.method`` in the environment of ``user``."""
        env = self.env(user=user, context=dict(self.env.context))
        spec = self._calls().get((model, method))
        if spec is None:
            Model = env[model]
            func = getattr(type(Model), method)
            if getattr(func, "_api", None) == "model":
                spec = ("model", (), {})
            elif model in self._targets():
                spec = (self._targets()[model], (), {})
            elif Model._transient:
                spec = (self._wizard(model, self._wizard_vals(model)), (), {})
            else:
                spec = ("empty", (), {})
        target, args, kwargs = spec
        if isinstance(target, str) and target == "model":
            records = env[model]
        elif isinstance(target, str) and target == "empty":
            records = env[model].with_context(**kwargs)
            kwargs = {}
        elif isinstance(target, tuple) and target[0] == "wizard":
            # the caller creates its own wizard (refused by the ACL for most roles)
            records = env[target[1]].create(target[2])
        else:
            records = target.with_env(env)
        return getattr(records, method), args, kwargs

    @contextmanager
    def _record_writes(self):
        """Collect the models written (created, updated, deleted) inside the block."""
        written = set()
        base_create, base_write, base_unlink = (
            models.BaseModel._create,
            models.BaseModel._write,
            models.BaseModel.unlink,
        )

        def _create(records, data_list):
            written.add(records._name)
            return base_create(records, data_list)

        def _write(records, vals):
            written.add(records._name)
            return base_write(records, vals)

        def unlink(records):
            if records:
                written.add(records._name)
            return base_unlink(records)

        with (
            patch.object(models.BaseModel, "_create", _create),
            patch.object(models.BaseModel, "_write", _write),
            patch.object(models.BaseModel, "unlink", unlink),
        ):
            yield written

    def _call(self, user, model, method):
        """'refused', or the set of models the call wrote."""
        try:
            with self.env.cr.savepoint(), self._record_writes() as written:
                func, args, kwargs = self._resolve(user, model, method)
                func(*args, **kwargs)
                self.env.flush_all()
                raise _Done(set(written))
        except _Done as done:
            return done.written
        except UserError:  # AccessError, ValidationError, MissingError are UserErrors
            return "refused"

    @mute_logger(
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
        "odoo.models",
        "odoo.models.unlink",
        "odoo.http",
    )
    def test_every_public_method_refused_or_allowed(self):
        methods = public_methods(self.env.registry) - {
            (m, f) for m, f in public_methods(self.env.registry) if f in ORM_METHODS
        }
        # the test knows the methods it is about: a vanished method must leave the lists
        self.assertGreater(len(methods), 40)
        for key in ALLOWED:
            self.assertIn(key, methods, f"{key} is allowed but no longer exists")
        runs = [(role, "5b") for role in ROLES] + [("student", "5a"), ("parent", "5a")]
        for model, method in sorted(methods):
            for role, aim in runs:
                self._aim(aim)
                with self.subTest(method=f"{model}.{method}", role=role, aim=aim):
                    try:
                        result = self._call(self.users[role], model, method)
                    except TypeError as error:
                        self.fail(f"{model}.{method}: no call known ({error}); add it to _calls()")
                    reason = ALLOWED.get((model, method), {}).get(role)
                    if result == "refused":
                        # a permitted call works: the allow-list is not a list of wishes
                        self.assertFalse(reason, f"{model}.{method} is allowed to the {role} but refused")
                        continue
                    self.assertTrue(
                        reason,
                        f"{model}.{method} called by the {role} with another class's ids was not refused "
                        "and is not in the allow-list",
                    )
                    if (model, method) not in WRITES_PENDING:
                        self.assertFalse(
                            result - WRITES_IGNORED - {model if self.env[model]._transient else ""},
                            f"{model}.{method} called by the {role} (read-only) wrote these models",
                        )

    def test_allowed_reads_carry_no_other_child(self):
        """Readers read; a portal user gets nothing of another child whatever the path."""
        PeriodMark = self.env["school.period.mark"]
        for role in ("student", "parent"):
            user = self.users[role]
            for method, args in (
                ("get_period_mark_grid", (self.class_5a.id, self.subject_math.id, self.quarter_2.id)),
                ("get_class_forecasts", (self.class_5a.id, self.subject_math.id, self.quarter_2.id)),
                ("get_class_matrix", (self.class_5a.id, self.quarter_2.id)),
                ("get_grid_options", ()),
            ):
                with self.subTest(role=role, method=method), mute_logger("odoo.addons.base.models.ir_rule"):
                    with self.assertRaises(UserError):
                        getattr(PeriodMark.with_user(user), method)(*args)
        grid = PeriodMark.with_user(self.user_inspector).get_period_mark_grid(
            self.class_5b.id, self.subject_math.id, self.quarter_2.id
        )
        self.assertFalse(grid["editable"])
        self.assertIn(self.student_dina.id, [row["student_id"] for row in grid["rows"]])


class _Done(Exception):
    """Leaves the savepoint of an accepted call, so that nothing it did stays."""

    def __init__(self, written):
        super().__init__()
        self.written = written
