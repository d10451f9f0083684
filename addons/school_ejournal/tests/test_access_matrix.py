"""Role x model x operation: the duties of the roles ROLE-1..9 as one matrix (SEC-3).

Each row is an operation on a real record of the journal school (``journal_common``): read,
create, write (the fields that matter), unlink; each column a role. ``Y`` means the role may,
``N`` that it is refused (AccessError, UserError or a record rule), ``-`` that the row does
not pin this role (decided by another requirement, e.g. the deputy's timetable lessons). All
operations run in a savepoint and are rolled back; every mismatch is reported at once.

Columns: ``admin`` ROLE-1, ``director`` ROLE-2, ``deputy`` ROLE-3, ``class_teacher`` ROLE-4
(5А), ``teacher`` ROLE-5 (Math in 5А), ``other_teacher`` ROLE-5 (Math in 5Б only),
``specialist`` ROLE-6 (no load in 5А), ``student`` ROLE-7 (Anna, 5А), ``parent`` ROLE-8
(Boris's mother, 5А), ``inspector`` ROLE-9.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GROUP, SchoolJournalCommon

COLUMNS = (
    "admin",
    "director",
    "deputy",
    "class_teacher",
    "teacher",
    "other_teacher",
    "specialist",
    "student",
    "parent",
    "inspector",
)

# operation: expectations in the order of COLUMNS
#                                          adm dir dep ct  tea oth spe stu par ins
MATRIX = {
    "mark: read a classmate's mark": "Y Y Y Y Y N N N Y Y",
    "mark: create in 5А Math": "N N N N Y N N N N N",
    "mark: write value": "N N N N Y N N N N N",
    "mark: unlink": "N N N N Y N N N N N",
    "mark: read a mark of 5Б": "Y Y Y N N Y N N N Y",
    "attendance: create in 5А Math": "N N N - Y N N N N N",
    "lesson: read 5Б's lesson": "Y Y Y N N Y N N N Y",
    "lesson: write topic of 5А Math": "- N - N Y N N N N N",
    "lesson: unlink": "- N - N - N N N N N",
    "period mark: prepare 5А Math": "N N N N Y N N N N N",
    "period mark: write value": "N N N N Y N N N N N",
    "period mark: read the grid of 5А Math": "Y Y Y Y Y N N N N Y",
    "student: read birthdate": "Y Y Y Y N N N N N Y",
    "student: write birthdate": "Y N N Y N N N N N N",
    "student: create": "Y N N N N N N N N N",
    "class: write room": "Y N N N N N N N N N",
    "timetable slot: create": "Y N Y N N N N N N N",
    "period: close": "Y N N N N N N N N N",
    "journal log: write": "N N N N N N N N N N",
    "journal log: unlink": "N N N N N N N N N N",
    "res.users: add base.group_system to a teacher": "N N N N N N N N N N",
    "res.users: add the teacher role to oneself": "N N N N N N N N N N",
    "res.users: give a teacher the deputy role": "Y N N N N N N N N N",
    "ir.model.access: create": "N N N N N N N N N N",
    "ir.rule: create": "N N N N N N N N N N",
    "res.company: write school settings": "Y N N N N N N N N N",
    "res.company: write name": "N N N N N N N N N N",
    "correction request: approve": "N N Y N N N N N N N",
    "personal data log: read": "Y Y N N N N N N N N",
    "account log: read": "Y Y N N N N N N N N",
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(SchoolJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.specialist = cls._new_user("jr_specialist", GROUP + "specialist", "Психолог")
        cls.mark_boris = cls._marks(cls.lesson_5a, {cls.student_boris: 4})
        cls.mark_dina = cls._marks(cls.lesson_5b, {cls.student_dina: 5})
        cls.pmark_vera = cls._period_mark(cls.student_vera, cls.subject_math, cls.class_5a, cls.quarter_2)
        cls.correction = cls.env["school.correction.request"].create(
            cls._correction_vals(cls.mark_boris, 5, "Ошибка ввода")
        )
        cls.student_boris.write({"consent_date": date(2026, 9, 1), "birthdate": date(2015, 5, 5)})
        cls.users = dict(
            zip(
                COLUMNS,
                (
                    cls.user_ej_admin,
                    cls.user_director,
                    cls.user_deputy,
                    cls.class_teacher,
                    cls.teacher_1,
                    cls.teacher_2,
                    cls.specialist,
                    cls.user_student,
                    cls.user_parent,
                    cls.user_inspector,
                ),
            )
        )

    # ------------------------------------------------------------------
    # The operations, each in the environment of the user
    # ------------------------------------------------------------------
    def _operations(self):
        def m(env, model):
            return env[model]

        return {
            "mark: read a classmate's mark": lambda env: self.mark_boris.with_env(env).read(["value"]),
            "mark: create in 5А Math": lambda env: m(env, "school.mark").create(
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_vera.id,
                    "value": 5,
                    "work_type_id": self.work_type_answer.id,
                }
            ),
            "mark: write value": lambda env: self.mark_boris.with_env(env).write({"value": 3}),
            "mark: unlink": lambda env: self.mark_boris.with_env(env).unlink(),
            "mark: read a mark of 5Б": lambda env: self.mark_dina.with_env(env).read(["value"]),
            "attendance: create in 5А Math": lambda env: m(env, "school.attendance").create(
                {"lesson_id": self.lesson_5a.id, "student_id": self.student_gleb.id, "code": "absent"}
            ),
            "lesson: read 5Б's lesson": lambda env: self.lesson_5b.with_env(env).read(["topic"]),
            "lesson: write topic of 5А Math": lambda env: self.lesson_5a.with_env(env).write(
                {"topic": "Дроби"}
            ),
            "lesson: unlink": lambda env: self.lesson_1a.with_env(env).unlink(),
            "period mark: prepare 5А Math": lambda env: m(env, "school.period.mark").action_prepare(
                self.class_5a.id, self.subject_math.id, self.quarter_2.id
            ),
            "period mark: write value": lambda env: self.pmark_vera.with_env(env).write({"value": 4}),
            "period mark: read the grid of 5А Math": lambda env: m(
                env, "school.period.mark"
            ).get_period_mark_grid(self.class_5a.id, self.subject_math.id, self.quarter_2.id),
            "student: read birthdate": lambda env: self.student_boris.with_env(env).read(["birthdate"]),
            "student: write birthdate": lambda env: self.student_boris.with_env(env).write(
                {"birthdate": date(2015, 6, 6)}
            ),
            "student: create": lambda env: m(env, "school.student").create(
                {"last_name": "Новенький", "first_name": "Никита", "company_id": self.school.id}
            ),
            "class: write room": lambda env: self.class_5b.with_env(env).write({"room_id": self.room_21.id}),
            "timetable slot: create": lambda env: m(env, "school.timetable.slot").create(
                {
                    "class_id": self.class_5b.id,
                    "subject_id": self.subject_math.id,
                    "teacher_id": self.teacher_2.id,
                    "weekday": "4",
                    "lesson_number": 5,
                    "date_from": date(2026, 11, 1),
                    "date_to": date(2026, 12, 25),
                }
            ),
            "period: close": lambda env: self.quarter_1.with_env(env).action_close(),
            "journal log: write": lambda env: self._log_entry().with_env(env).write({"old_value": "x"}),
            "journal log: unlink": lambda env: self._log_entry().with_env(env).unlink(),
            "res.users: add base.group_system to a teacher": lambda env: self.teacher_2.with_env(env).write(
                {"groups_id": [Command.link(self.env.ref("base.group_system").id)]}
            ),
            "res.users: add the teacher role to oneself": lambda env: env["res.users"]
            .browse(env.uid)
            .write({"groups_id": [Command.link(self.env.ref("school_ejournal.group_school_teacher").id)]}),
            "res.users: give a teacher the deputy role": lambda env: self.teacher_2.with_env(
                env
            ).school_set_roles(
                (
                    self.env.ref("school_ejournal.group_school_teacher")
                    | self.env.ref("school_ejournal.group_school_deputy")
                ).ids
            ),
            "ir.model.access: create": lambda env: m(env, "ir.model.access").create(
                {
                    "name": "x",
                    "model_id": self.env.ref("school_ejournal.model_school_mark").id,
                    "perm_write": True,
                }
            ),
            "ir.rule: create": lambda env: m(env, "ir.rule").create(
                {"name": "x", "model_id": self.env.ref("school_ejournal.model_school_mark").id}
            ),
            "res.company: write school settings": lambda env: self.school.with_env(env).write(
                {"school_min_marks": 4}
            ),
            "correction request: approve": lambda env: self.correction.with_env(env).action_approve(),
            "personal data log: read": lambda env: env["school.personal.data.log"].search_read(
                [], ["user_id"]
            ),
            "account log: read": lambda env: env["school.account.log"].search_read([], ["actor_id"]),
            "res.company: write name": lambda env: self.school.with_env(env).write({"name": "Другая"}),
        }

    def _log_entry(self):
        entry = self.env["school.journal.log"].search([], limit=1)
        if not entry:
            raise AssertionError("the fixture has no change-log entry")
        return entry

    def _may(self, user, operation):
        env = self.env(user=user)
        try:
            with self.env.cr.savepoint():
                env.invalidate_all()
                operation(env)
                env.flush_all()
                raise _Allowed
        except _Allowed:
            return True
        except UserError:  # AccessError, ValidationError, MissingError
            return False
        finally:
            self.env.invalidate_all()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_matrix(self):
        operations = self._operations()
        self.assertEqual(set(operations), set(MATRIX), "every row of the matrix has its operation")
        mismatches = []
        for name, row in MATRIX.items():
            expected = dict(zip(COLUMNS, row.split(), strict=True))
            for column, want in expected.items():
                if want == "-":
                    continue
                got = self._may(self.users[column], operations[name])
                if got != (want == "Y"):
                    mismatches.append(f"{name} / {column}: expected {want}, got {'Y' if got else 'N'}")
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))


class _Allowed(Exception):
    """Leaves the savepoint of an allowed operation, so that nothing of it stays."""
