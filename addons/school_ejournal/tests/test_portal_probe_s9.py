"""A parent and a student probing what the e-diary does not show (ROLE-7, ROLE-8, SEC-3,
SEC-4, SEC-5, PORT-1, PORT-2).

``test_generic_paths_access`` reads other children through Odoo's generic paths and
``test_portal`` walks the diary's pages; this module probes what they leave: aggregates and
counts over the classmates, relations followed from the records a parent may read (the
class, its year, the lesson), onchanges and copies, the chatter's write paths on the journal
of the own class (a parent or a student writes nothing in the journal, P 3.12), the diary's
routes with ids that are no student's, dates out of range and a guardian link that ended or
was removed, and every printed form of the addons with another child's ids.

``parent_other`` is the mother of Petr (5А); Maria and Ivan are his classmates, Alexey is in
5Б; ``parent_ended`` was Maria's father until yesterday.
"""

import base64
import json
from datetime import timedelta

from odoo import http
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS
from .test_generic_paths_access import MUTE_HTTP, PHOTO, GenericPathsFixture

# what only the other children's records, cards and chatter hold
FOREIGN = (
    "Молодец",
    "Ивану: хорошо",
    "Старайся, Алексей",
    "Петрова Мария",
    "Иванов Иван",
    "Петров Алексей",
    "справка",
    "5Б: контрольная",
    "Десятичные дроби",
    "Экскурсия 5Б",
    "Петру: итоговая",
)
# the pages of the student's own account name him
OWN_TEXTS = {"dn_other": (), "dn_student": ("Иванов Иван", "Ивану: хорошо")}


class ProbeCase(GenericPathsFixture):
    def _call(self, user, model_name, method, *args, **kwargs):
        self.env.invalidate_all()
        return call_kw(self.env[model_name].with_user(user), method, list(args), kwargs)

    def _try(self, user, model_name, method, *args, **kwargs):
        """The answer of a call, or None when it is refused (an access or user error)."""
        try:
            with mute_logger(*MUTE_ACCESS, "odoo.models"), self.env.cr.savepoint():
                return self._call(user, model_name, method, *args, **kwargs)
        except UserError:
            return None

    def assertNothingForeign(self, answer, extra=(), own=()):
        """Nothing of ``FOREIGN`` (but the caller's ``own`` texts) nor ``extra`` in ``answer``."""
        dump = json.dumps(answer, ensure_ascii=False, default=str)
        for text in (*FOREIGN, *self.hidden_emails, *self.hidden_phones, *extra):
            if text not in own:
                self.assertNotIn(text, dump)


@tagged("post_install", "-at_install")
class TestPortalOrmProbe(ProbeCase):
    """JSON-RPC's ORM methods on the models a parent or a student reads."""

    def test_aggregates_over_the_class_count_the_own_child_only(self):
        """An average or a count grouped by lesson, class or subject is the own child's, never
        the class's (Petr has one 2 at the Math lesson; Maria a 5 and a 4, Ivan a 4)."""
        for user, own, value in (
            (self.parent_other, self.child_petr, 2),
            (self.user_student, self.child_ivan, 4),
        ):
            for groupby in ("lesson_id", "class_id", "subject_id", "work_type_id", "date:day"):
                with self.subTest(user=user.login, groupby=groupby):
                    groups = self._call(
                        user,
                        "school.mark",
                        "read_group",
                        [],
                        ["value:avg", "weight:sum"],
                        [groupby],
                        lazy=False,
                    )
                    self.assertEqual([(g["__count"], g["value"]) for g in groups], [(1, value)])
                    web = self._call(
                        user, "school.mark", "web_read_group", [], ["value:max"], [groupby], lazy=False
                    )
                    self.assertEqual([(g["__count"], g["value"]) for g in web["groups"]], [(1, value)])
            with self.subTest(user=user.login, model="attendance"):
                groups = self._call(
                    user,
                    "school.attendance",
                    "read_group",
                    [],
                    ["late_minutes:sum"],
                    ["lesson_id"],
                    lazy=False,
                )
                self.assertLessEqual(sum(g["__count"] for g in groups), 1)
                self.assertFalse(any(g["late_minutes"] for g in groups))  # Maria's 10 minutes
            with self.subTest(user=user.login, model="student"):
                groups = self._call(user, "school.student", "read_group", [], ["grade:sum"], ["class_id"])
                self.assertEqual(
                    [(g["class_id"][0], g["class_id_count"]) for g in groups], [(own.class_id.id, 1)]
                )
                self.assertEqual(
                    self._call(user, "school.class", "read", self.class_5a.ids, ["student_count"])[0][
                        "student_count"
                    ],
                    1,
                )
            with self.subTest(user=user.login, model="period mark"):
                groups = self._call(
                    user, "school.period.mark", "read_group", [], ["average:avg"], ["class_id"], lazy=False
                )
                self.assertEqual(groups, [])  # Petr's mark is not published (FINAL-3)

    def test_counts_through_relations_find_no_classmate(self):
        """A count is a leak too: domains over the readable records' relations count the own
        child's records only, or are refused."""
        user = self.parent_other
        probes = (
            ("school.mark", [("value", "=", 5)], 0),
            ("school.mark", [("value", ">=", 2)], 1),
            ("school.mark", [("lesson_id", "=", self.lesson_math.id)], 1),
            ("school.mark", [("lesson_id.class_id.name", "=", "5А")], 1),
            ("school.mark", [("comment", "ilike", "Ивану")], 0),
            ("school.attendance", [("code", "=", "late")], 0),
            ("school.attendance", [("lesson_id", "=", self.lesson_russian.id)], 1),
            ("school.student", [("class_id", "=", self.class_5a.id)], 1),
            ("school.student", [("class_id.name", "=", "5Б")], 0),
            ("school.student", [("last_name", "ilike", "Петров")], 0),
            ("school.student", [("user_id", "!=", False)], 0),
            ("school.guardian.link", [("student_id.class_id", "=", self.class_5a.id)], 1),
            ("school.guardian.link", [("electronic_access_refused", "=", True)], 0),
            ("school.class", [("name", "=", "5Б")], 0),
            ("school.academic.year", [("class_ids.name", "=", "5Б")], 0),
            ("school.academic.year", [("class_ids.class_teacher_id", "=", False)], 0),
            ("school.lesson", [("class_id", "=", self.class_5b.id)], 0),
            ("school.lesson", [("topic", "ilike", "Десятичные")], 0),
            ("school.timetable.slot", [("class_id", "=", self.class_5b.id)], 0),
            ("school.event", [("class_id.name", "=", "5Б")], 0),
            ("school.period.mark", [("student_id", "=", self.child_petr.id)], 0),
            ("school.mark.dispute", [], 0),
            ("school.followup", [], 0),
            ("school.homework.individual", [], 0),
            ("school.acknowledgement", [("student_id", "!=", self.child_petr.id)], 0),
            # x2many conditions on ids, which Odoo may match on the relation's table
            ("school.lesson", [("mark_ids", "in", self.mark_maria_5.ids)], 0),
            ("school.lesson", [("mark_ids", "=", self.mark_ivan.id)], 0),
            ("school.lesson", [("attendance_ids", "=", self.late_maria.id)], 0),
            ("school.class", [("student_ids", "=", self.child_maria.id)], 0),
            ("school.class", [("student_ids", "in", self.child_ivan.ids)], 0),
            ("school.student", [("guardian_link_ids", "in", self.link_maria_mother.ids)], 0),
            ("school.student", [("subgroup_ids", "!=", False)], 0),
            ("res.partner", [("school_guardian_link_ids", "=", self.link_maria_father.id)], 0),
            ("res.partner", [("school_student_ids", "=", self.child_maria.id)], 0),
            ("res.partner", [("school_student_ids.class_id", "=", self.class_5a.id)], 1),
            ("res.partner", [("is_school_guardian", "=", True), ("id", "!=", user.partner_id.id)], 0),
            ("res.partner", [("school_guardian_link_ids.student_id.class_id", "=", self.class_5a.id)], 1),
        )
        for model, domain, expected in probes:
            with self.subTest(model=model, domain=domain):
                count = self._try(user, model, "search_count", domain)
                if count is None:
                    continue  # refused: nothing counted
                self.assertIsNotNone(expected, f"{model} {domain} should be refused")
                self.assertEqual(count, expected)

    def test_relations_from_the_class_and_its_year(self):
        """The class and the academic year a parent reads lead to nothing of 5Б or of the
        classmates: the year's classes are the own child's class only."""
        user = self.parent_other
        specs = (
            ("school.class", self.class_5a, {"lesson_ids": {"fields": {"topic": {}, "homework": {}}}}),
            (
                "school.class",
                self.class_5a,
                {"year_id": {"fields": {"class_ids": {"fields": {"display_name": {}}}}}},
            ),
            ("school.class", self.class_5a, {"class_teacher_id": {"fields": {"display_name": {}}}}),
            ("school.class", self.class_5a, {"subgroup_ids": {"fields": {"display_name": {}}}}),
            ("school.class", self.class_5a, {"discuss_channel_id": {"fields": {"display_name": {}}}}),
            (
                "school.academic.year",
                self.year,
                {"class_ids": {"fields": {"display_name": {}, "lesson_ids": {}}}},
            ),
            ("school.academic.year", self.year, {"period_ids": {"fields": {"display_name": {}}}}),
            (
                "school.student",
                self.child_petr,
                {
                    "guardian_link_ids": {
                        "fields": {"guardian_id": {"fields": {"email": {}, "display_name": {}}}}
                    }
                },
            ),
            (
                "school.student",
                self.child_petr,
                {"class_id": {"fields": {"lesson_ids": {"fields": {"topic": {}}}}}},
            ),
            ("school.student", self.child_petr, {"enrollment_ids": {"fields": {"class_id": {}}}}),
            ("school.student", self.child_petr, {"subgroup_ids": {"fields": {"display_name": {}}}}),
            (
                "school.student",
                self.child_petr,
                {"partner_id": {"fields": {"school_guardian_link_ids": {}, "school_student_ids": {}}}},
            ),
            ("school.lesson", self.lesson_math, {"homework_attachment_ids": {"fields": {"name": {}}}}),
            ("school.lesson", self.lesson_math, {"slot_id": {"fields": {"class_id": {}, "teacher_id": {}}}}),
            ("school.lesson", self.lesson_math, {"approval_ids": {"fields": {"display_name": {}}}}),
            (
                "school.lesson",
                self.lesson_math,
                {"message_follower_ids": {"fields": {"partner_id": {"fields": {"email": {}}}}}},
            ),
            ("school.lesson", self.lesson_math, {"message_ids": {"fields": {"body": {}}}}),
            ("school.event", self.event_school, {"class_id": {"fields": {"display_name": {}}}}),
            ("school.subject", self.subject_math, {"teacher_ids": {"fields": {"display_name": {}}}}),
        )
        for model, record, spec in specs:
            with self.subTest(model=model, spec=list(spec)):
                answer = self._try(user, model, "web_read", record.ids, spec)
                self.assertNothingForeign(answer, extra=("5Б", "hw_5b"))
        # the legitimate reads: the own child's class in its year, the class's lessons
        year = self._call(user, "school.academic.year", "web_read", self.year.ids, {"class_ids": {}})
        self.assertEqual(year[0]["class_ids"], self.class_5a.ids)
        lessons = self._call(user, "school.class", "web_read", self.class_5a.ids, {"lesson_ids": {}})
        self.assertEqual(set(lessons[0]["lesson_ids"]), set((self.lesson_math | self.lesson_russian).ids))

    def test_name_search_and_search_of_names(self):
        for user in (self.parent_other, self.user_student):
            for model, name in (
                ("school.class", "5Б"),
                ("school.student", "Петров"),
                ("school.student", "Мария"),
                ("res.partner", "Петров"),
                ("res.partner", "Сидорова Галина"),
                ("school.guardian.link", "Петров"),
                ("school.lesson", "Десятичные"),
                ("school.event", "Экскурсия"),
            ):
                with self.subTest(user=user.login, model=model, name=name):
                    found = self._try(user, model, "name_search", name, limit=50) or []
                    self.assertNothingForeign(found, extra=("5Б", "Сидорова Галина"))

    def test_onchange_does_not_read_other_records(self):
        """An onchange computes a new record's fields from the values sent: values naming
        another child or another class's lesson show nothing of them."""
        user = self.parent_other
        for model, values, spec in (
            (
                "school.mark",
                {"lesson_id": self.lesson_5b.id, "student_id": self.child_alexey.id},
                {
                    "lesson_id": {"fields": {"display_name": {}}},
                    "student_id": {"fields": {"display_name": {}}},
                    "class_id": {"fields": {"display_name": {}}},
                    "date": {},
                    "subject_id": {},
                },
            ),
            (
                "school.attendance",
                {"lesson_id": self.lesson_russian.id, "student_id": self.child_maria.id},
                {"student_id": {"fields": {"display_name": {}}}, "display_name": {}},
            ),
            (
                "school.acknowledgement",
                {"student_id": self.child_maria.id},
                {
                    "student_id": {"fields": {"display_name": {}}},
                    "class_id": {"fields": {"display_name": {}}},
                    "company_id": {},
                },
            ),
            (
                "res.partner",
                {"parent_id": self.child_maria.partner_id.id},
                {"parent_id": {"fields": {"display_name": {}}}, "display_name": {}},
            ),
            (
                "school.mark.dispute",
                {"mark_id": self.mark_maria_5.id},
                {
                    "mark_value": {},
                    "student_id": {"fields": {"display_name": {}}},
                    "lesson_id": {"fields": {"display_name": {}}},
                },
            ),
        ):
            with self.subTest(model=model):
                answer = self._try(user, model, "onchange", [], values, [], spec)
                self.assertNothingForeign(answer, extra=("5Б",))
                answer = self._try(user, model, "onchange", [], values, list(values), spec)
                self.assertNothingForeign(answer, extra=("5Б",))
                answer = self._try(
                    user,
                    model,
                    "default_get",
                    list(spec),
                    context={f"default_{k}": v for k, v in values.items()},
                )
                self.assertNothingForeign(answer, extra=("5Б",))

    def test_no_write_to_the_journal_through_generic_methods(self):
        """P 3.12, SEC-4: copy, write, unlink, create and the chatter's writes on the own
        child's and the own class's journal records are refused to a parent and a student."""
        targets = (
            ("school.mark", self.mark_petr_2),
            ("school.attendance", self.absent_petr),
            ("school.lesson", self.lesson_math),
            ("school.student", self.child_petr),
            ("school.guardian.link", self.link_petr_other),
            ("school.class", self.class_5a),
            ("school.event", self.event_5a),
            ("school.timetable.slot", self.slot_math),
        )
        for user in (self.parent_other, self.user_student):
            for model, record in targets:
                with self.subTest(user=user.login, model=model):
                    before = record.sudo().read()[0]
                    for method, args, kwargs in (
                        ("copy", (record.ids,), {}),
                        ("write", (record.ids, {"write_date": "2000-01-01 00:00:00"}), {}),
                        ("unlink", (record.ids,), {}),
                        ("toggle_active", (record.ids,), {}),
                    ):
                        if method == "toggle_active" and "active" not in record._fields:
                            continue
                        self.assertIsNone(self._try(user, model, method, *args, **kwargs), method)
                    if hasattr(record, "message_post"):
                        self.assertIsNone(
                            self._try(user, model, "message_post", record.ids, body="Родитель пишет в журнал")
                        )
                        self.assertIsNone(
                            self._try(
                                user,
                                model,
                                "message_unsubscribe",
                                record.ids,
                                partner_ids=self.class_teacher.partner_id.ids,
                            )
                        )
                        self.assertIsNone(
                            self._try(
                                user,
                                model,
                                "message_subscribe",
                                record.ids,
                                partner_ids=self.guardian_father.ids,
                            )
                        )
                    self.env.invalidate_all()
                    self.assertEqual(record.sudo().read()[0], before)
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Родитель пишет в журнал")]))
        self.assertFalse(
            self.env["mail.followers"].search(
                [("partner_id", "=", self.guardian_father.id), ("res_model", "!=", "school.student")]
            )
        )

    def test_acknowledgement_create_names_own_child_only(self):
        """The only model a parent creates: never for another child, another guardian, or
        with a time of the client's."""
        Ack = "school.acknowledgement"
        monday = self.week_start
        for vals in (
            {"student_id": self.child_maria.id, "kind": "week", "week_start": str(monday)},
            {"student_id": self.child_alexey.id, "kind": "week", "week_start": str(monday)},
            {
                "student_id": self.child_petr.id,
                "guardian_id": self.guardian_granny.id,
                "kind": "week",
                "week_start": str(monday),
            },
        ):
            with self.subTest(vals=vals):
                self.assertIsNone(self._try(self.parent_other, Ack, "create", [vals]))
        self.assertIsNone(
            self._try(
                self.user_student,
                Ack,
                "create",
                [{"student_id": self.child_ivan.id, "kind": "week", "week_start": str(monday)}],
            )
        )
        self.assertIsNone(
            self._try(
                self.parent_ended,
                Ack,
                "create",
                [{"student_id": self.child_maria.id, "kind": "week", "week_start": str(monday)}],
            )
        )
        self.assertFalse(self.env[Ack].search([("student_id", "!=", self.child_petr.id)]))
        ack_ids = self._call(
            self.parent_other,
            Ack,
            "create",
            [
                {
                    "student_id": self.child_petr.id,
                    "kind": "week",
                    "week_start": str(monday),
                    "acknowledged_at": "2000-01-01 00:00:00",
                }
            ],
        )
        ack = self.env[Ack].browse(ack_ids)
        self.assertEqual(ack.guardian_id, self.parent_other.partner_id)
        self.assertGreater(ack.acknowledged_at.year, 2000)
        # an acknowledgement, once given, is not changed nor withdrawn
        self.assertIsNone(
            self._try(
                self.parent_other, Ack, "write", ack.ids, {"week_start": str(monday - timedelta(days=7))}
            )
        )
        self.assertIsNone(self._try(self.parent_other, Ack, "unlink", ack.ids))
        self.assertTrue(ack.exists())

    def test_link_archived_or_ended_shows_nothing_over_rpc(self):
        """ROLE-8: the diary's pages refuse a child whose guardian link was archived; the
        record rules must too, or JSON-RPC still reads the child's marks, attendance, card
        and the staff's notes on it."""
        self.link_maria_mother.active = False
        for user, child in ((self.parent_mother, self.child_maria), (self.parent_ended, self.child_maria)):
            with self.subTest(user=user.login):
                for model in (
                    "school.student",
                    "school.mark",
                    "school.attendance",
                    "school.guardian.link",
                    "school.mark.dispute",
                    "school.followup",
                    "school.homework.individual",
                ):
                    field = (
                        "id"
                        if model == "school.student"
                        else ("student_ids" if model == "school.homework.individual" else "student_id")
                    )
                    count = self._try(user, model, "search_count", [(field, "in", child.ids)])
                    self.assertIn(count, (None, 0), model)
                self.assertIsNone(
                    self._try(user, "school.mark", "read", self.mark_maria_5.ids, ["value", "comment"])
                )
                self.assertIsNone(self._try(user, "mail.message", "read", self.msg_maria.ids, ["body"]))
                found = self._call(user, "mail.message", "search_read", [("res_id", "=", child.id)], ["body"])
                self.assertNothingForeign(found, extra=("справка",), own=())
        # the mother keeps Alexey, whose link holds
        self.assertEqual(
            self._call(
                self.parent_mother, "school.mark", "search", [("student_id", "=", self.child_alexey.id)]
            ),
            self.mark_alexey.ids,
        )

    def test_public_methods_with_foreign_and_odd_ids(self):
        """The public methods a portal user reaches with ids of other children, of other
        models, out of range or not ids at all: refused, nothing filed."""
        Dispute = "school.mark.dispute"
        for user, mark_id in (
            (self.parent_other, self.mark_maria_5.id),
            (self.parent_other, self.mark_alexey.id),
            (self.parent_ended, self.mark_maria_5.id),
            (self.user_student, self.mark_petr_2.id),
            (self.parent_other, self.absent_petr.id),
            (self.parent_other, 2**31),
            (self.parent_other, -1),
            (self.parent_other, "1; DROP TABLE school_mark"),
            (self.parent_other, [self.mark_petr_2.id]),
            (self.parent_other, {"id": self.mark_petr_2.id}),
        ):
            with self.subTest(user=user.login, mark_id=mark_id):
                self.assertIsNone(self._try(user, Dispute, "file_dispute", mark_id, "Не согласен"))
        self.assertFalse(self.env[Dispute].search([]))
        # lesson ids are no mark ids: a lesson of the own class with the id of a mark of
        # another child files nothing about the other child
        self.assertIsNone(self._try(self.parent_other, Dispute, "file_dispute", self.mark_petr_2.id, ["x"]))


@tagged("post_install", "-at_install")
class TestPortalHttpProbe(ProbeCase, HttpCase):
    """The same users over HTTP: the chatter's routes on the own class's journal, the diary's
    routes with odd ids and ended links, every printed form with another child's ids."""

    def _json(self, route, params):
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                route,
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        return response

    def _get(self, url):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(url, allow_redirects=False)

    def _post(self, url, data=None, files=None):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(
                url,
                data=dict(data or {}, csrf_token=http.Request.csrf_token(self)),
                files=files,
                allow_redirects=False,
            )

    def assertRefusedJson(self, response):
        """A JSON-RPC answer that is an error, or a result without any message or record."""
        self.assertIn(response.status_code, (200, 403, 404))
        if response.status_code == 200:
            answer = response.json()
            if "error" not in answer:
                self.assertFalse(answer["result"].get("messages"), answer)
                self.assertFalse(answer["result"].get("data"), answer)
        self.assertNothingForeign(response.text)

    def test_chatter_writes_on_the_own_class_journal_refused(self):
        """P 3.12: a parent or a student posts, uploads, reacts, edits and hides nothing on
        the journal's records of the own class, even those he reads."""
        messages_before = self.env["mail.message"].search_count([])
        for user in (self.parent_other, self.user_student):
            self.authenticate(user.login, user.login)
            for model, record in (
                ("school.lesson", self.lesson_math),
                ("school.student", self.child_ivan if user == self.user_student else self.child_petr),
                ("school.period.mark", self.pmark_hidden),
            ):
                with self.subTest(user=user.login, model=model):
                    self.assertRefusedJson(
                        self._json(
                            "/mail/message/post",
                            {
                                "thread_model": model,
                                "thread_id": record.id,
                                "post_data": {"body": "Запись родителя", "message_type": "comment"},
                            },
                        )
                    )
                    response = self._post(
                        "/mail/attachment/upload",
                        {"thread_id": record.id, "thread_model": model},
                        files={"ufile": ("parent.txt", b"uploaded by a parent", "text/plain")},
                    )
                    self.assertNotEqual(response.status_code, 200)
            # the teacher's message on the lesson of the own class: readable, not writable
            for route, params in (
                ("/mail/message/reaction", {"message_id": self.msg_5a.id, "content": "👎", "action": "add"}),
                (
                    "/mail/message/update_content",
                    {"message_id": self.msg_5a.id, "body": "Исправлено родителем", "attachment_ids": []},
                ),
                ("/mail/update_is_internal", {"message_id": self.msg_5a.id, "is_internal": True}),
                (
                    "/mail/attachment/delete",
                    {"attachment_id": self.file_5a.id, "access_token": self.file_5a_token},
                ),
                (
                    "/portal/attachment/remove",
                    {"attachment_id": self.file_5a.id, "access_token": self.file_5a_token},
                ),
            ):
                with self.subTest(user=user.login, route=route):
                    self.assertRefusedJson(self._json(route, params))
        self.env.invalidate_all()
        self.assertEqual(self.env["mail.message"].search_count([]), messages_before)
        self.assertIn("повторить дроби", self.msg_5a.body)
        self.assertFalse(self.msg_5a.is_internal)
        self.assertFalse(self.msg_5a.reaction_ids)
        self.assertTrue(self.file_5a.exists())
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "parent.txt")]))

    def test_chatter_reads_of_other_classes_and_hidden_records(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        follower = self.child_maria.message_follower_ids.filtered(
            lambda f: f.partner_id == self.parent_mother.partner_id
        )
        for route, params in (
            ("/mail/thread/messages", {"thread_model": "school.lesson", "thread_id": self.lesson_5b.id}),
            (
                "/mail/thread/messages",
                {"thread_model": "school.period.mark", "thread_id": self.pmark_hidden.id},
            ),
            (
                "/mail/thread/data",
                {
                    "thread_model": "school.lesson",
                    "thread_id": self.lesson_5b.id,
                    "request_list": ["followers", "attachments", "activities", "suggestedRecipients"],
                },
            ),
            (
                "/mail/thread/data",
                {
                    "thread_model": "school.period.mark",
                    "thread_id": self.pmark_hidden.id,
                    "request_list": ["followers", "attachments"],
                },
            ),
            ("/mail/chatter_fetch", {"thread_model": "school.student", "thread_id": self.child_maria.id}),
            ("/mail/chatter_fetch", {"thread_model": "school.lesson", "thread_id": self.lesson_5b.id}),
            ("/portal/chatter_init", {"thread_model": "school.student", "thread_id": self.child_maria.id}),
            ("/mail/read_subscription_data", {"follower_id": follower.id}),
        ):
            with self.subTest(route=route, params=params):
                response = self._json(route, params)
                self.assertNothingForeign(response.text, extra=("hw_5b", self.parent_mother.partner_id.email))
        response = self._post(
            "/mail/attachment/zip",
            {"file_ids": f"{self.file_5b.id},{self.file_maria.id}", "zip_name": "x.zip"},
        )
        self.assertNotIn(b"secret", response.content)
        self.assertNotIn(b"Maria", response.content)
        for url in (
            f"/mail/message/{self.msg_maria.id}",
            f"/mail/message/{self.msg_5b.id}",
            f"/mail/view?model=school.student&res_id={self.child_maria.id}",
            f"/odoo/school.student/{self.child_maria.id}",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertNothingForeign(response.text)

    def test_diary_routes_with_odd_ids_and_dates(self):
        """Ids of other models, out of PostgreSQL's range or of another child, dates out of
        the calendar: 404 or the own child's page, never a server error nor foreign data."""
        self.authenticate(self.parent_other.login, self.parent_other.login)
        petr = f"/my/diary/{self.child_petr.id}"
        # ids of other models, unless one happens to be Petr's id too
        others = {self.lesson_5b.id, self.child_alexey.partner_id.id, self.link_maria_mother.id} - {
            self.child_petr.id
        }
        for url in (
            "/my/diary/0",
            f"/my/diary/{2**31}",
            f"/my/diary/{10**20}/marks",
            *(f"/my/diary/{other}/attendance" for other in others),
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNothingForeign(response.text)
        for url in (
            f"{petr}?date=9999-12-31",
            f"{petr}?date=0001-01-01",
            f"{petr}?date=2026-02-30",
            f"{petr}?date=-1",
            f"{petr}/marks?period_id={2**40}",
            f"{petr}/marks?period_id=abc",
            f"{petr}/attendance?period_id={self.term.id}x",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("Сидоров", response.text)
                self.assertNothingForeign(response.text)
        # POSTs with another child's mark, a mark id out of range, a teacher of another class
        for url, data in (
            (f"{petr}/dispute/{self.mark_maria_5.id}", {"reason": "Чужая"}),
            (f"{petr}/dispute/{10**20}", {"reason": "Огромный"}),
            (f"{petr}/dispute/{self.absent_petr.id}", {"reason": "Не оценка"}),
            (f"{petr}/teachers", {"teacher_id": self.teacher_5b.id, "body": "Чужому учителю"}),
            (f"{petr}/teachers", {"teacher_id": "1 OR 1=1", "body": "Чужому учителю"}),
            (f"{petr}/acknowledge", {"kind": "period_mark", "period_id": self.term.id}),
            (f"{petr}/acknowledge", {"kind": "week", "week_start": "9999-12-31"}),
        ):
            with self.subTest(url=url, data=data):
                response = self._post(url, data)
                self.assertIn(response.status_code, (303, 400, 403, 404))
                self.assertNothingForeign(response.text)
        self.assertFalse(self.env["school.mark.dispute"].search([]))
        self.assertFalse(
            self.env["discuss.channel"].search(
                [
                    ("channel_member_ids.partner_id", "=", self.teacher_5b.partner_id.id),
                    ("channel_type", "=", "chat"),
                ]
            )
        )

    def test_ended_and_removed_links(self):
        """A guardian whose link ended yesterday, was archived or deleted gets 404 on every
        route of the former child, his JSON summary, disputes, messages and digest."""
        link_alexey = self.link_alexey_mother
        link_maria = self.link_maria_mother
        cases = [(self.parent_ended, self.child_maria, self.link_maria_ended, self.mark_maria_5)]
        for user, child, link, mark in cases + [
            (self.parent_mother, self.child_alexey, link_alexey, self.mark_alexey),
            (self.parent_mother, self.child_maria, link_maria, self.mark_maria_5),
        ]:
            if user == self.parent_mother and child == self.child_alexey:
                link.unlink()
            elif user == self.parent_mother:
                link.active = False
            self.authenticate(user.login, user.login)
            base = f"/my/diary/{child.id}"
            with self.subTest(user=user.login, child=child.name):
                for url in (
                    base,
                    f"{base}/marks",
                    f"{base}/attendance",
                    f"{base}/events",
                    f"{base}/message",
                    f"{base}/disputes",
                    f"{base}/teachers",
                ):
                    response = self._get(url)
                    self.assertEqual(response.status_code, 404, url)
                    self.assertNothingForeign(response.text)
                self.assertRefusedJson(self._json(f"{base}/summary", {}))
                for url, data in (
                    (f"{base}/message", {"body": "После окончания связи"}),
                    (f"{base}/dispute/{mark.id}", {"reason": "После окончания связи"}),
                    (f"{base}/acknowledge", {"kind": "week", "week_start": str(self.week_start)}),
                    (
                        f"{base}/teachers",
                        {"teacher_id": self.class_teacher.id, "body": "После окончания связи"},
                    ),
                ):
                    response = self._post(url, data)
                    self.assertEqual(response.status_code, 404, url)
                response = self._get(f"/report/pdf/school_ejournal.report_guardian_digest/{link.id}")
                self.assertNotEqual(response.status_code, 200)
                self.assertRefusedJson(
                    self._json(
                        "/mail/thread/messages", {"thread_model": "school.student", "thread_id": child.id}
                    )
                )
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "После окончания связи")]))
        self.assertFalse(self.env["school.mark.dispute"].search([]))
        self.assertFalse(self.env["school.acknowledgement"].search([]))

    def test_every_printed_form_with_other_childrens_ids(self):
        """Every report of the addons, as a parent and as a student, with ids of other
        children, their guardian links and their class: no page with their data."""
        reports = self.env["ir.actions.report"].search([("report_name", "=like", "school_ejournal%")])
        self.assertGreater(len(reports), 3)
        targets = {
            "school.guardian.link": self.link_maria_mother | self.link_alexey_mother,
            "school.student": self.child_maria | self.child_alexey,
            "school.class": self.class_5a | self.class_5b,
        }
        options = json.dumps(
            {
                "class_id": self.class_5a.id,
                "student_id": self.child_maria.id,
                "period_id": self.term.id,
                "date_from": str(self.week_start),
                "date_to": str(self.week_start + timedelta(days=6)),
            }
        )
        for user in (self.parent_other, self.user_student):
            self.authenticate(user.login, user.login)
            for report in reports:
                records = targets.get(report.model, self.child_maria)
                own = self.link_petr_other if report.model == "school.guardian.link" else self.child_petr
                for ids in (records.ids, [*own.ids, *records.ids]):
                    for converter in ("html", "pdf"):
                        url = f"/report/{converter}/{report.report_name}/{','.join(map(str, ids))}"
                        with self.subTest(user=user.login, url=url):
                            response = self._get(f"{url}?options={options}")
                            self.assertNotEqual(response.status_code, 200)
                            self.assertNothingForeign(response.text, own=OWN_TEXTS[user.login])

    def test_credentials_notice_not_printed_by_portal_users(self):
        """REP-11, SEC-1: the credentials notice is the administration's form; a parent or a
        student does not print the school's notice with a text of his own."""
        forged = {
            "notices": [
                {
                    "school": self.school.name,
                    "name": "Петрова Елена Викторовна",
                    "login": "dn_mother",
                    "password": "ПОДДЕЛКА-123",
                    "role": "Родитель",
                    "class_name": "5А",
                    "url": "http://evil.example.com",
                }
            ]
        }
        for user in (self.parent_other, self.user_student):
            self.authenticate(user.login, user.login)
            for converter in ("html", "pdf"):
                with self.subTest(user=user.login, converter=converter):
                    response = self._get(
                        f"/report/{converter}/school_ejournal.report_credentials_notice/{user.id}"
                        f"?options={json.dumps(forged)}"
                    )
                    self.assertNotEqual(response.status_code, 200)
                    self.assertNotIn("ПОДДЕЛКА", response.text)


@tagged("post_install", "-at_install")
class TestPortalChatterRpcProbe(ProbeCase):
    """The chatter's public methods over JSON-RPC: a guardian follows the child's card (he
    wrote to the class teacher from the diary), which Odoo's messages take for a right to
    write there; the diary's own form is the only way a parent or a student writes."""

    def test_message_post_on_followed_records_refused(self):
        teacher_partner = self.class_teacher.partner_id
        for user, record in (
            (self.parent_other, self.child_petr),
            (self.user_student, self.child_ivan),
            (self.parent_other, self.link_petr_other),
        ):
            record.message_subscribe(partner_ids=user.partner_id.ids)
            for kwargs in (
                {"body": "Пишу в карточку", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"},
                # as the class teacher, to another class's parent, as an internal note
                {"body": "Пишу в карточку", "author_id": teacher_partner.id},
                {"body": "Пишу в карточку", "partner_ids": self.parent_mother.partner_id.ids},
                {"body": "Пишу в карточку", "subtype_xmlid": "mail.mt_note"},
            ):
                with self.subTest(user=user.login, model=record._name, kwargs=list(kwargs)):
                    self.assertIsNone(self._try(user, record._name, "message_post", record.ids, **kwargs))
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Пишу в карточку")]))

    def test_message_notify_on_school_records_refused(self):
        """A notification sent "from" the class teacher, about another child, to the caller
        or to another child's mother: refused, nothing sent, no name of the child leaked."""
        teacher_partner = self.class_teacher.partner_id
        for user in (self.parent_other, self.user_student):
            for record in (self.child_maria, self.child_petr, self.lesson_5b, self.mark_maria_5):
                for partners in (user.partner_id, self.parent_mother.partner_id) * hasattr(
                    record, "message_notify"
                ):
                    with self.subTest(user=user.login, model=record._name, partner=partners.name):
                        answer = self._try(
                            user,
                            record._name,
                            "message_notify",
                            record.ids,
                            body="Уведомление от имени учителя",
                            author_id=teacher_partner.id,
                            partner_ids=partners.ids,
                        )
                        self.assertIsNone(answer)
                # Odoo's own form of the call: on the abstract thread, naming the document
                answer = self._try(
                    user,
                    "mail.thread",
                    "message_notify",
                    [],
                    model=record._name,
                    res_id=record.id,
                    body="Уведомление от имени учителя",
                    partner_ids=user.partner_id.ids,
                )
                self.assertIsNone(answer)
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Уведомление от имени учителя")]))


@tagged("post_install", "-at_install")
class TestPortalMoreProbes(ProbeCase, HttpCase):
    """Homework given to several children, chats opened by id, avatars."""

    def test_individual_homework_of_several_children(self):
        """S 1.10: homework given to Petr and Maria together: Petr's parent reads the
        homework, never that Maria has it too (ids, names, groups)."""
        homework = self.env["school.homework.individual"].create(
            {
                "lesson_id": self.lesson_math.id,
                "student_ids": [(6, 0, (self.child_petr | self.child_maria).ids)],
                "text": "Карточка с задачами",
            }
        )
        only_maria = self.env["school.homework.individual"].create(
            {
                "lesson_id": self.lesson_math.id,
                "student_ids": [(6, 0, self.child_maria.ids)],
                "text": "Только Марии",
            }
        )
        user = self.parent_other
        found = self._call(user, "school.homework.individual", "search_read", [], ["text"])
        self.assertEqual([r["id"] for r in found], homework.ids)
        self.assertIsNone(
            self._try(user, "school.homework.individual", "read", homework.ids, ["student_ids"])
        )
        # the diary's week shows the own child's individual homework, not Maria's alone
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/diary/{self.child_petr.id}?date={self.day1}").text
        self.assertIn("Карточка с задачами", page)
        self.assertNotIn("Только Марии", page)
        self.authenticate(self.parent_mother.login, self.parent_mother.login)
        page = self.url_open(f"/my/diary/{self.child_maria.id}?date={self.day1}").text
        self.assertIn("Только Марии", page)
        self.assertIn("Карточка с задачами", page)
        self.assertTrue(only_maria)
        web = self._try(
            user,
            "school.homework.individual",
            "web_read",
            homework.ids,
            {"student_ids": {"fields": {"display_name": {}}}},
        )
        self.assertNothingForeign(web)
        if web is not None:
            self.assertEqual([s["id"] for s in web[0]["student_ids"]], self.child_petr.ids)
        for method, args in (
            ("read_group", ([], ["lesson_id"], ["student_ids"])),
            ("web_read_group", ([], ["lesson_id"], ["student_ids"])),
        ):
            with self.subTest(method=method):
                groups = self._try(user, "school.homework.individual", method, *args, lazy=False)
                self.assertNothingForeign(groups)
                if groups is not None:
                    groups = groups["groups"] if isinstance(groups, dict) else groups
                    self.assertEqual({g["student_ids"][0] for g in groups}, set(self.child_petr.ids))
        for domain in (
            [("student_ids", "=", self.child_maria.id)],
            [("student_ids", "in", self.child_maria.ids)],
            ["|", ("id", "=", 0), ("student_ids.last_name", "=", "Петрова")],
        ):
            with self.subTest(domain=domain):
                self.assertIn(
                    self._try(user, "school.homework.individual", "search_count", domain), (None, 0)
                )

    def test_chats_by_contact_id_refused(self):
        """A parent opens no chat with a contact he may not read: the chat would name him."""
        for partners in (self.parent_mother.partner_id, self.guardian_father, self.child_maria.partner_id):
            for method, args in (("channel_get", (partners.ids,)), ("create_group", (partners.ids,))):
                with self.subTest(partner=partners.name, method=method):
                    answer = self._try(self.parent_other, "discuss.channel", method, *args)
                    self.assertIsNone(answer)
        self.assertFalse(
            self.env["discuss.channel"].search(
                [
                    ("channel_member_ids.partner_id", "=", self.parent_other.partner_id.id),
                    ("channel_type", "!=", "group"),
                ]
            )
        )

    def test_avatars_of_other_children(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        photo = base64.b64decode(PHOTO)
        for url in (
            f"/web/image/res.partner/{self.child_maria.partner_id.id}/avatar_128",
            f"/web/image/res.partner/{self.child_maria.partner_id.id}/avatar_1920",
            f"/web/image/school.student/{self.child_maria.id}/avatar_128",
            f"/web/image/school.student/{self.child_maria.id}/image_1920",
            f"/web/image?model=res.partner&id={self.child_maria.partner_id.id}&field=image_512",
            f"/web/image/res.partner/{self.child_maria.partner_id.id}/image_1920?unique=1",
            f"/mail/avatar/mail.message/{self.msg_maria.id}/author_avatar/50x50",
        ):
            with self.subTest(url=url), mute_logger(*MUTE_HTTP):
                response = self.url_open(url, allow_redirects=False)
                self.assertNotEqual(response.content, photo)


@tagged("post_install", "-at_install")
class TestPortalAccountProbe(ProbeCase, HttpCase):
    """Odoo's /my/account writes the user's own contact as superuser: a student's contact is
    his card in the school's contingent (SETUP-5), which he never writes (SEC-4, P 3.12)."""

    def test_student_does_not_rewrite_his_card(self):
        # the account tools give a student the contact of his card (test_contacts_access)
        self.user_student.partner_id = self.child_ivan.partner_id
        card_before = self.child_ivan.read(["name", "last_name", "email", "street", "city"])[0]
        self.authenticate(self.user_student.login, self.user_student.login)
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                "/my/account",
                data={
                    "name": "Отличник Иван",
                    "email": "ivan@example.com",
                    "phone": "+7 900 000-00-00",
                    "street": "Улица",
                    "city": "Город",
                    "country_id": str(self.env.ref("base.ru").id),
                    "zipcode": "",
                    "csrf_token": http.Request.csrf_token(self),
                },
                allow_redirects=False,
            )
        # the page again, saying who keeps his details, and nothing saved
        self.assertEqual(response.status_code, 200)
        self.assertIn("классный руководитель", response.text)
        self.env.invalidate_all()
        self.assertEqual(
            self.child_ivan.read(["name", "last_name", "email", "street", "city"])[0], card_before
        )
        # a parent keeps his own contact current, as Odoo's portal lets him
        self.authenticate(self.parent_other.login, self.parent_other.login)
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                "/my/account",
                data={
                    "name": self.parent_other.name,
                    "email": "other@example.com",
                    "phone": "+7 900 444-55-00",
                    "street": "Улица",
                    "city": "Город",
                    "country_id": str(self.env.ref("base.ru").id),
                    "zipcode": "",
                    "csrf_token": http.Request.csrf_token(self),
                },
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.parent_other.partner_id.phone, "+7 900 444-55-00")

    def test_student_does_not_rewrite_his_card_over_json_rpc(self):
        """Odoo's res.users.write lets a user write his own name, e-mail and photo as
        superuser, on his contact: a student's is his card (SETUP-5, SEC-4, P 3.12)."""
        self.user_student.partner_id = self.child_ivan.partner_id
        card = self.child_ivan.partner_id
        card_before = card.read(["name", "email", "image_1920"])[0]
        for vals in ({"name": "Отличник Иван"}, {"email": "ivan@example.com"}, {"image_1920": PHOTO}):
            with (
                self.subTest(vals=list(vals)),
                mute_logger(*MUTE_ACCESS, "odoo.models"),
                self.assertRaises(AccessError),
                self.env.cr.savepoint(),
            ):
                self._call(self.user_student, "res.users", "write", [self.user_student.id], vals)
        self.env.invalidate_all()
        self.assertEqual(card.read(["name", "email", "image_1920"])[0], card_before)
        # his preferences are no part of the card
        self._call(self.user_student, "res.users", "write", [self.user_student.id], {"tz": "Europe/Moscow"})
        self.assertEqual(self.user_student.tz, "Europe/Moscow")
        # a parent keeps his own contact current, as on the portal's account page
        self._call(
            self.parent_other, "res.users", "write", [self.parent_other.id], {"email": "other@example.com"}
        )
        self.env.invalidate_all()
        self.assertEqual(self.parent_other.partner_id.email, "other@example.com")

    def test_account_deletion_archives_no_card_nor_guardian(self):
        """Odoo's /my/deactivate_account archives the user's contact as superuser: a student's
        card or a guardian's contact, kept by the school (SETUP-5, SEC-1, SEC-4), stay; the
        administrator closes e-diary accounts."""
        self.user_student.partner_id = self.child_ivan.partner_id
        for user, contact in (
            (self.user_student, self.child_ivan.partner_id),
            (self.parent_other, self.parent_other.partner_id),
        ):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                with mute_logger(*MUTE_HTTP, "odoo.addons.base.models.res_users"):
                    self.url_open(
                        "/my/deactivate_account",
                        data={
                            "validation": user.login,
                            "password": user.login,
                            "csrf_token": http.Request.csrf_token(self),
                        },
                        allow_redirects=False,
                    )
                self.env.invalidate_all()
                self.assertTrue(contact.active)
                self.assertTrue(user.active)
                self.assertFalse(self.env["res.users.deletion"].search([("user_id", "=", user.id)]))
        self.assertTrue(self.child_ivan.active)
        self.assertTrue(self.link_petr_other.guardian_id.active)


@tagged("post_install", "-at_install")
class TestPortalStaffProbe(ProbeCase):
    """The staff behind the records a parent reads: the class teacher's and the teachers'
    accounts give the diary their names, not their logins nor private contacts (SEC-5)."""

    def test_teachers_accounts_behind_the_class_and_lessons(self):
        self.class_teacher.partner_id.phone = "+7 900 123-45-67"
        secrets = (self.class_teacher.login, self.teacher_russian.login, "+7 900 123-45-67")
        spec_user = {
            "fields": {"login": {}, "email": {}, "phone": {}, "partner_id": {"fields": {"phone": {}}}}
        }
        for user in (self.parent_other, self.user_student):
            for model, record, spec in (
                ("school.class", self.class_5a, {"class_teacher_id": spec_user}),
                (
                    "school.lesson",
                    self.lesson_russian,
                    {"teacher_id": spec_user, "planned_teacher_id": spec_user},
                ),
                ("school.mark", self.mark_petr_2 | self.mark_ivan, {"author_id": spec_user}),
                ("school.subject", self.subject_math, {"teacher_ids": spec_user}),
            ):
                with self.subTest(user=user.login, model=model):
                    for rec in record:
                        answer = self._try(user, model, "web_read", rec.ids, spec)
                        self.assertNothingForeign(answer, extra=secrets, own=OWN_TEXTS[user.login])
            for login in (self.class_teacher.login, self.teacher_5b.login):
                with self.subTest(user=user.login, login=login):
                    count = self._try(user, "res.users", "search_count", [("login", "=", login)])
                    self.assertIn(count, (None, 0))


class TestStaffOnchangeProbe(ProbeCase):
    """A teacher's onchange names only records the teacher reads (SEC-3, ROLE-5): the related
    fields of a new record are read as the superuser."""

    def test_onchange_with_another_class_mark_is_refused(self):
        spec = {
            "mark_value": {},
            "student_id": {"fields": {"display_name": {}}},
            "lesson_id": {"fields": {"display_name": {}}},
        }
        # the 5Б teacher with a mark of 5А: refused, nothing of Maria's mark answered
        for field_names in ([], ["mark_id"]):
            with self.subTest(field_names=field_names):
                answer = self._try(
                    self.teacher_5b,
                    "school.mark.dispute",
                    "onchange",
                    [],
                    {"mark_id": self.mark_maria_5.id},
                    field_names,
                    spec,
                )
                self.assertIsNone(answer)
        # the own class's mark: the form is filled
        answer = self._call(
            self.teacher_5b,
            "school.mark.dispute",
            "onchange",
            [],
            {"mark_id": self.mark_alexey.id},
            ["mark_id"],
            spec,
        )
        self.assertEqual(answer["value"]["mark_value"], self.mark_alexey.value)
        self.assertEqual(answer["value"]["student_id"]["id"], self.child_alexey.id)

    def test_onchange_with_another_class_mark_as_default_is_refused(self):
        """The same mark given as the new form's default (``default_mark_id`` in the context)
        is refused as the value is: nothing of Maria's mark answered; the own class's mark as
        a default fills the form."""
        spec = {
            "mark_value": {},
            "student_id": {"fields": {"display_name": {}}},
            "mark_id": {"fields": {"display_name": {}}},
        }
        answer = self._try(
            self.teacher_5b,
            "school.mark.dispute",
            "onchange",
            [],
            {},
            [],
            spec,
            context={"default_mark_id": self.mark_maria_5.id},
        )
        self.assertIsNone(answer)
        answer = self._call(
            self.teacher_5b,
            "school.mark.dispute",
            "onchange",
            [],
            {},
            [],
            spec,
            context={"default_mark_id": self.mark_alexey.id},
        )
        self.assertEqual(answer["value"]["student_id"]["id"], self.child_alexey.id)


@tagged("post_install", "-at_install")
class TestPortalFollowersProbe(ProbeCase, HttpCase):
    def test_co_guardians_not_named_by_the_chatter(self):
        """SEC-5: a parent reads the own guardian link only, not the other guardians' links of
        the child: the followers of the child's card do not name them either."""
        self.child_maria.message_subscribe(partner_ids=self.guardian_father.ids)
        self.authenticate(self.parent_mother.login, self.parent_mother.login)
        response = self.url_open(
            "/mail/thread/data",
            data=json.dumps(
                {
                    "id": 0,
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "thread_model": "school.student",
                        "thread_id": self.child_maria.id,
                        "request_list": ["followers", "suggestedRecipients"],
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertNotIn(self.guardian_father.email, response.text)
        self.assertNotIn("Петров Андрей", response.text)
        answer = self._try(
            self.parent_mother, "school.student", "message_get_followers", self.child_maria.ids
        )
        self.assertNothingForeign(
            answer, extra=("Петров Андрей", self.guardian_father.email), own=("Петрова Мария",)
        )
