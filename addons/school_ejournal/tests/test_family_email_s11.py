"""A student's or a guardian's e-mail, region and country (SEC-5, P 3.5, P 4.3).

They are kept as the address and phones: by the class teacher of the child's class and the
administration; another teacher of the child gets no value on any path (reads, the web
client's reads, domains, groupings, a name with its e-mail, a name search by it, the
chatter's suggested recipients, followers and tracked changes, Discuss), while the system
still writes to the family and the family reads its own data.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from .common import MUTE_ACCESS, SchoolCommon

FATHER_EMAIL = "petrov.father@example.com"
HIDDEN = ["email", "email_formatted", "email_normalized", "state_id", "country_id", "country_code"]


@tagged("post_install", "-at_install")
class TestFamilyEmailKept(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._assign((cls.class_teacher, cls.subject_russian, cls.class_5b))
        cls.country_ru = cls.env.ref("base.ru")
        cls.region = cls.env["res.country.state"].create(
            {"name": "Оренбургская область (тест)", "code": "ORB-T", "country_id": cls.country_ru.id}
        )
        address = {"state_id": cls.region.id, "country_id": cls.country_ru.id}
        # the father of Petrov (5Б, no class teacher); the mother also has a daughter in 5А
        cls.guardian_petrov_father = cls.env["res.partner"].create(
            dict(address, name="Петров Иван Ильич", email=FATHER_EMAIL)
        )
        cls._link_guardians(
            [(cls.student_petrov, cls.guardian_petrov_father, "father")], date_start=cls.year_start
        )
        cls.student_petrov.partner_id.write(dict(address, email="petrov.son@example.com"))
        cls.guardian_mother.write(dict(address, email="mother@example.com"))
        cls.family = cls.guardian_petrov_father | cls.student_petrov.partner_id
        # exporting is a right of its own in Odoo: given here to see what an export would give
        cls.env.ref("base.group_allow_export").users += cls.teacher | cls.class_teacher

    def test_other_teachers_read_no_email_nor_region(self):
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                partners = self._as(user, "res.partner").browse(self.family.ids)
                rows = partners.read(["name", *HIDDEN])
                self.assertEqual(len(rows), 2)
                for row in rows:
                    for fname in HIDDEN:
                        self.assertFalse(row[fname], fname)
                rows = partners.search_read([("id", "in", self.family.ids)], HIDDEN)
                self.assertFalse([row for row in rows if any(row[f] for f in HIDDEN)])
                spec = {fname: {} for fname in ["email", "state_id", "country_id"]}
                self.assertFalse(
                    [r for r in partners.web_read(spec) if r["email"] or r["state_id"] or r["country_id"]]
                )
                # the student's card
                student = self._as(user, "school.student").browse(self.student_petrov.id)
                row = student.read(["email", "state_id", "country_id"])[0]
                self.assertEqual((row["email"], row["state_id"], row["country_id"]), (False, False, False))
                # a name with its e-mail, a name search by the e-mail
                names = partners.with_context(show_email=True).read(["display_name"])
                self.assertNotIn("example.com", str(names))
                self.assertFalse(self._as(user, "res.partner").name_search(FATHER_EMAIL))
                # the chatter and Discuss read the contacts as superuser
                data = Store(partners.sudo(), fields=["name", "email", "country"]).get_result()
                self.assertNotIn("example.com", str(data))
                self.assertNotIn(self.country_ru.name, str(data))

    def test_other_teachers_probe_no_email_nor_region(self):
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                Partner = self._as(user, "res.partner")
                Student = self._as(user, "school.student")
                base = [("id", "in", self.family.ids)]
                for probe in (
                    [("email", "=", FATHER_EMAIL)],
                    [("email", "ilike", "@")],
                    [("email_normalized", "=", FATHER_EMAIL)],
                    [("state_id", "=", self.region.id)],
                    [("state_id.name", "ilike", "Оренбург")],
                    [("country_id", "!=", False)],
                    [("country_code", "=", "RU")],
                ):
                    self.assertFalse(Partner.search(base + probe), probe)
                self.assertFalse(
                    Student.search([("id", "=", self.student_petrov.id), ("email", "ilike", "@")])
                )
                groups = Partner.read_group(base, ["country_id"], ["country_id"])
                self.assertEqual([g["country_id"] for g in groups], [False])
                with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
                    Partner.browse(self.guardian_petrov_father.id).export_data(["email"])

    def test_blacklist_tells_nothing_of_an_email_not_kept(self):
        """Whether a family's e-mail is on the blacklist (the family unsubscribed) is read and
        searched only by who keeps the e-mail; to another teacher of the child it is not."""
        self.env["mail.blacklist"].sudo()._add(FATHER_EMAIL)
        father = self.guardian_petrov_father
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                Partner = self._as(user, "res.partner")
                base = [("id", "=", father.id)]
                self.assertFalse(Partner.search(base + [("is_blacklisted", "=", True)]))
                self.assertFalse(Partner.search(base + [("is_blacklisted", "!=", False)]))
                self.assertEqual(Partner.search(base + [("is_blacklisted", "=", False)]), father)
                self.assertEqual(Partner.search(base + [("is_blacklisted", "!=", True)]), father)
                self.assertFalse(Partner.browse(father.id).read(["is_blacklisted"])[0]["is_blacklisted"])
        # the administration keeps every family's e-mail
        Partner = self._as(self.user_deputy, "res.partner")
        self.assertEqual(Partner.search([("id", "=", father.id), ("is_blacklisted", "=", True)]), father)
        self.assertTrue(Partner.browse(father.id).read(["is_blacklisted"])[0]["is_blacklisted"])

    def test_suggested_recipients_hide_the_email(self):
        """The chatter suggests the contact itself (and on a student's card the student's
        account, by the same code): with no e-mail for a teacher who does not keep it."""
        father = self._as(self.teacher, "res.partner").browse(self.guardian_petrov_father.id)
        suggested = father._message_get_suggested_recipients()
        self.assertEqual([s["partner_id"] for s in suggested], father.ids)
        self.assertNotIn("example.com", str(suggested))
        # the class teacher of the mother's daughter (5А) is suggested her e-mail
        mother = self._as(self.class_teacher, "res.partner").browse(self.guardian_mother.id)
        self.assertIn("mother@example.com", str(mother._message_get_suggested_recipients()))

    def test_followers_and_changes_hide_the_email(self):
        """The child's card is followed by the father: a teacher of the class reads the
        followers but not the father's e-mail; a change of the e-mail in the contact's
        chatter shows no value to him."""
        self.student_petrov.message_subscribe(partner_ids=self.guardian_petrov_father.ids)
        follower = self.env["mail.followers"].search(
            [
                ("res_model", "=", "school.student"),
                ("res_id", "=", self.student_petrov.id),
                ("partner_id", "=", self.guardian_petrov_father.id),
            ]
        )
        rows = follower.with_user(self.teacher).read(["email", "name"])
        self.assertEqual((rows[0]["name"], rows[0]["email"]), (self.guardian_petrov_father.name, False))
        data = Store(follower.with_user(self.teacher).sudo()).get_result()
        self.assertNotIn(FATHER_EMAIL, str(data))
        # the administration reads it
        rows = follower.with_user(self.user_deputy).read(["email"])
        self.assertEqual(rows[0]["email"], FATHER_EMAIL)
        # the change of the e-mail, as the contact's chatter tracks it
        father = self.guardian_petrov_father
        tracking = self.env["mail.tracking.value"]._create_tracking_values(
            FATHER_EMAIL, "new.father@example.com", "email", father.fields_get(["email"])["email"], father
        )
        message = father._message_log(body="", tracking_value_ids=[Command.create(tracking)])
        tracked = message.sudo().tracking_value_ids
        self.assertTrue(tracked)
        partner = father.with_user(self.teacher)
        self.assertFalse(partner._track_filter_for_display(tracked))
        shown = self.guardian_petrov_father.with_user(self.user_deputy)._track_filter_for_display(tracked)
        self.assertEqual(shown, tracked)

    def test_keepers_read_and_the_system_writes(self):
        # the class teacher of 5А keeps the mother of a 5А student, the deputy everyone
        mother = self._as(self.class_teacher, "res.partner").browse(self.guardian_mother.id)
        row = mother.read(["email", "state_id"])[0]
        self.assertEqual((row["email"], row["state_id"][0]), ("mother@example.com", self.region.id))
        self.assertEqual(
            self._as(self.class_teacher, "res.partner").name_search("mother@example.com")[0][0],
            self.guardian_mother.id,
        )
        for user in (self.user_deputy, self.user_director, self.user_ej_admin, self.user_inspector):
            father = self._as(user, "res.partner").browse(self.guardian_petrov_father.id)
            self.assertEqual(father.read(["email"])[0]["email"], FATHER_EMAIL, user.login)
        # the parent reads the own child's e-mail (e-diary); a colleague's e-mail is no family's
        child = self._as(self.user_parent, "res.partner").browse(self.student_petrov.partner_id.id)
        self.assertEqual(child.read(["email"])[0]["email"], "petrov.son@example.com")
        self.class_teacher.partner_id.email = "klavdia@example.com"
        colleague = self._as(self.teacher, "res.partner").browse(self.class_teacher.partner_id.id)
        self.assertEqual(colleague.read(["email"])[0]["email"], "klavdia@example.com")
        # the system's letters to the family read the true address in the teacher's request
        father = self.guardian_petrov_father.with_user(self.teacher)
        father.read(["email"])
        self.assertEqual(father.sudo().email, FATHER_EMAIL)
        self.assertIn(FATHER_EMAIL, father.sudo().email_formatted)
