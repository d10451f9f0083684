"""The record rules of the school's models compiled once (issue 15, SEC-3): the same SQL as
Odoo compiles at every search, for every role, model and mode; a new teaching assignment, a
rule changed or a group left holds at the next search, without the compiled SQL to clear; the
teachers' pairs the SQL is kept by are kept across requests and cleared when they change.
"""

from unittest.mock import patch

from odoo import Command, models
from odoo.tests import tagged
from odoo.tools.query import Query

from ..models import school_rule_sql
from ..models.res_users import PAIRS_CHANGED
from .common import GROUP, JournalGridCommon, SchoolCommon

MODES = ("read", "write", "create", "unlink")

# the models a teacher's day reads at every opening of the journal and every save
HOT_MODELS = (
    "school.mark",
    "school.attendance",
    "school.period.mark",
    "school.lesson",
    "school.student",
    "school.class",
    "school.enrollment",
)


def odoo_query(model, mode):
    """The query of ``model``'s table with the rules Odoo itself adds for ``mode``."""
    query = Query(model.env, model._table, model._table_sql)
    models.BaseModel._apply_ir_rules(model, query, mode)
    return query


def school_query(model, mode):
    query = Query(model.env, model._table, model._table_sql)
    model._apply_ir_rules(query, mode)
    return query


@tagged("post_install", "-at_install")
class TestRuleSqlEveryRole(SchoolCommon):
    def _users(self):
        return (
            self.user_ej_admin,
            self.user_director,
            self.user_deputy,
            self.user_inspector,
            self.class_teacher,
            self.teacher,
            self.psychologist,
            self.user_parent,
            self.user_student,
        )

    def _school_models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("school.") and not model._abstract and model._auto
        )

    def test_same_sql_as_odoo_for_every_role_model_and_mode(self):
        compared = kept = 0
        for user in self._users():
            for name in self._school_models():
                model = self.env[name].with_user(user).with_context(active_test=False)
                for mode in MODES:
                    expected = odoo_query(model, mode)
                    # twice: compiled, then from the cache
                    for __ in range(2):
                        actual = school_query(model, mode)
                        self.assertEqual(
                            (actual.where_clause.code, actual.where_clause.params),
                            (expected.where_clause.code, expected.where_clause.params),
                            f"{name} {mode} as {user.login}",
                        )
                        self.assertEqual(actual._joins, expected._joins, f"{name} {mode} as {user.login}")
                        compared += 1
                    domain = self.env["ir.rule"].with_user(user)._compute_domain(name, mode)
                    if domain and school_rule_sql.cache_key(model, mode, domain) is not None:
                        kept += 1
        self.assertGreater(compared, 1000)
        self.assertGreater(kept, 200)

    def test_the_teachers_hot_models_are_kept(self):
        for user in (self.teacher, self.class_teacher):
            for name in HOT_MODELS:
                model = self.env[name].with_user(user)
                domain = self.env["ir.rule"].with_user(user)._compute_domain(name, "read")
                self.assertTrue(domain, name)
                self.assertIsNotNone(school_rule_sql.cache_key(model, "read", domain), f"{name} {user.login}")

    def test_a_domain_read_from_data_is_compiled_every_time(self):
        Student = self.env["school.student"].with_user(self.teacher)
        # a name searched on a relation, a field computed and searched by a method
        self.assertIsNone(school_rule_sql.cache_key(Student, "read", [("class_id", "=", "5А")]))
        self.assertIsNone(school_rule_sql.cache_key(Student, "read", [("subgroup_ids", "=", 1)]))
        self.assertIsNotNone(school_rule_sql.cache_key(Student, "read", [("class_id", "=", 1)]))
        self.assertIsNone(school_rule_sql.cache_key(Student, "read", [("company_id", "child_of", [False])]))
        # a company's parents never change (Odoo refuses it); its branches may be added
        parents = school_rule_sql.cache_key(Student, "read", [("company_id", "parent_of", self.school.ids)])
        children = school_rule_sql.cache_key(Student, "read", [("company_id", "child_of", self.school.ids)])
        self.assertEqual(parents[-1], ())
        self.assertEqual(
            children[-1],
            (("hierarchy", "res.company", "child_of", tuple(self.school.ids), (self.school.parent_path,)),),
        )


@tagged("post_install", "-at_install")
class TestRuleSqlChanges(JournalGridCommon):
    def _marks_seen(self, user):
        return self.env["school.mark"].with_user(user).search([("class_id", "=", self.class_5a.id)])

    def test_a_new_assignment_holds_at_the_next_search(self):
        newcomer = self._new_user("grid_newcomer", GROUP + "teacher", "Новикова Нина")
        self.assertFalse(self._marks_seen(newcomer))
        assignment = self._assign((newcomer, self.subject_math, self.class_5a))
        marks = self.env["school.mark"].search([("class_id", "=", self.class_5a.id)])
        self.assertEqual(len(marks), 2)
        self.assertEqual(self._marks_seen(newcomer), marks)
        assignment.unlink()
        self.assertFalse(self._marks_seen(newcomer))

    def test_a_rule_changed_holds_at_the_next_search(self):
        fives = self.env["school.mark"].search([("class_id", "=", self.class_5a.id), ("value", "=", 5)])
        self.assertEqual(len(fives), 1)
        self.assertIn(fives, self._marks_seen(self.teacher))
        rule = self.env["ir.rule"].create(
            {
                "name": "test: no fives",
                "model_id": self.env["ir.model"]._get_id("school.mark"),
                "domain_force": "[('value', '!=', 5)]",
            }
        )
        self.assertNotIn(fives, self._marks_seen(self.teacher))
        self.assertEqual(len(self._marks_seen(self.teacher)), 1)
        rule.domain_force = "[('value', '!=', 3)]"
        self.assertEqual(self._marks_seen(self.teacher), fives)
        rule.unlink()
        self.assertEqual(len(self._marks_seen(self.teacher)), 2)

    def test_a_group_left_holds_at_the_next_search(self):
        self.assertEqual(len(self._marks_seen(self.teacher)), 2)
        self.assertEqual(len(self._marks_seen(self.deputy)), 2)
        # the deputy, no longer of the administration, reads no marks of a class he does not teach
        self.deputy.write({"groups_id": [Command.set(self.env.ref(GROUP + "teacher").ids)]})
        self.assertFalse(self.deputy.has_group(GROUP + "reader"))
        self.assertFalse(self._marks_seen(self.deputy))


@tagged("post_install", "-at_install")
class TestTaughtPairsCache(JournalGridCommon):
    """The (class, subject) pairs a teacher teaches, which the rules of marks, attendance and
    period marks read, are kept across requests in the registry's cache (issue 15, SEC-3): a
    change clears it; a transaction that changed them neither reads them from it nor fills it,
    so a change undone by a savepoint's rollback leaves no pair behind."""

    def _marks_seen(self, user):
        return self.env["school.mark"].with_user(user).search([("class_id", "=", self.class_5a.id)])

    def _next_request(self):
        """What a request after this transaction's end starts from: the record cache empty, and
        the transaction's mark of a change of the pairs gone (its commit or rollback)."""
        self.env.invalidate_all()
        self.env.cr.cache.pop(PAIRS_CHANGED, None)

    def _assigned_untold(self, teacher, subject):
        """A teaching assignment made with no cache cleared: it shows whether the pairs are
        read from the cache or from the table."""
        with patch.object(type(self.env["res.users"]), "_school_pairs_changed", lambda users: None):
            self._assign((teacher, subject, self.class_5a))

    def test_the_pairs_are_kept_across_requests(self):
        newcomer = self._new_user("pairs_kept", GROUP + "teacher", "Новикова Нина")
        self._next_request()
        self.assertFalse(self._marks_seen(newcomer))
        self._assigned_untold(newcomer, self.subject_math)
        self._next_request()
        # read from the registry's cache, not from the table
        self.assertFalse(self._marks_seen(newcomer))
        self.env["res.users"]._school_pairs_changed()
        self.assertEqual(len(self._marks_seen(newcomer)), 2)

    def test_a_change_rolled_back_leaves_no_pair(self):
        newcomer = self._new_user("pairs_rolled_back", GROUP + "teacher", "Новикова Нина")
        self._next_request()
        self.assertFalse(self._marks_seen(newcomer))
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            self._assign((newcomer, self.subject_math, self.class_5a))
            self.assertEqual(len(self._marks_seen(newcomer)), 2)
            raise RuntimeError("rolled back")
        self.env.invalidate_all()
        self.assertFalse(self._marks_seen(newcomer))
        self._next_request()
        self.assertFalse(self._marks_seen(newcomer))
        self.assertEqual(self.env["res.users"]._school_pairs_of(newcomer.id), ((), ()))

    def test_the_commit_clears_what_others_kept_meanwhile(self):
        newcomer = self._new_user("pairs_committed", GROUP + "teacher", "Новикова Нина")
        self._next_request()
        self._assign((newcomer, self.subject_math, self.class_5a))
        self.assertTrue(self.env.cr.cache.get(PAIRS_CHANGED))
        # another request fills the cache meanwhile; what it missed stands for this transaction's
        # change, not committed when it read
        self.env["res.users"]._school_pairs_of(newcomer.id)
        russian = self.env["school.subject"].create({"name": "Русский язык", "company_id": self.school.id})
        self._assigned_untold(newcomer, russian)
        self.env.cr.postcommit.run()
        self.assertFalse(self.env.cr.cache.get(PAIRS_CHANGED))
        taught, __ = self.env["res.users"]._school_pairs_of(newcomer.id)
        self.assertEqual(len(taught), 2)
