"""The families' addresses and phones and a student's health data (SEC-5, P 3.5, P 4.3,
P 6.3).

The class teacher keeps the data of the own class's students and their guardians (P 4.3);
the administration and the inspector read them. Another teacher of the class (a subject
teacher, the class teacher of another class) gets no value over any path of the ORM: read,
search_read, the web client's reads, domains probing the value, groupings; an export of them
is refused. The PE teachers of a class read its students' PE medical group (P 6.3), not
their addresses.
"""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GROUP, MUTE_ACCESS, SchoolCommon

STUDENT_FIELDS = [
    "name",
    "phone",
    "mobile",
    "street",
    "city",
    "zip",
    "contact_address",
    "pe_group",
    "birthdate",
]
PARTNER_FIELDS = ["name", "phone", "mobile", "street", "city", "zip", "contact_address"]


@tagged("post_install", "-at_install")
class TestPersonalDataAccess(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the class teacher of 5А also teaches Russian in 5Б; a PE teacher in 5Б
        cls.subject_pe = cls.env["school.subject"].create(
            {"name": "Физическая культура", "physical_education": True, "company_id": cls.school.id}
        )
        cls.teacher_pe = cls._new_user("ej_teacher_pe", GROUP + "teacher", "Физкультурный Фёдор")
        cls._assign(
            (cls.class_teacher, cls.subject_russian, cls.class_5b),
            (cls.teacher_pe, cls.subject_pe, cls.class_5b),
        )
        contact = {"phone": "8 900 111-22-33", "mobile": "8 901 111-22-33", "street": "ул. Ленина, 1"}
        contact.update(city="Оренбург", zip="460000")
        cls.student_petrov.write(
            dict(
                contact,
                pe_group="special",
                consent_date=cls.year_start,
                birthdate=fields.Date.to_date("2015-03-01"),
            )
        )
        cls.guardian_mother.write(contact)
        # the father of Petrov (5Б) only; the mother also has a daughter in 5А
        cls.guardian_petrov_father = cls.env["res.partner"].create(dict(contact, name="Петров Иван Ильич"))
        cls._link_guardians(
            [(cls.student_petrov, cls.guardian_petrov_father, "father")], date_start=cls.year_start
        )
        # exporting is a right of its own in Odoo: given here to see what an export would give
        cls.env.ref("base.group_allow_export").users += (
            cls.teacher | cls.class_teacher | cls.user_ej_admin | cls.user_director | cls.user_deputy
        ) + cls.user_inspector
        cls.student_sidorov.write(dict(contact, pe_group="preparatory"))
        cls.class_teacher.partner_id.phone = "8 902 000-00-00"

    def _student(self, user, student=None):
        return self._as(user, "school.student").browse((student or self.student_petrov).id)

    def assertNoValue(self, rows, fnames):
        for row in rows:
            for fname in fnames:
                self.assertFalse(row[fname], fname)

    # ------------------------------------------------------------------
    # reads
    # ------------------------------------------------------------------
    def test_other_teachers_read_no_value(self):
        hidden = [f for f in STUDENT_FIELDS if f not in ("name", "birthdate")]
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                student = self._student(user)
                rows = student.read(STUDENT_FIELDS if user == self.class_teacher else hidden + ["name"])
                self.assertEqual(rows[0]["name"], self.student_petrov.name)
                self.assertNoValue(rows, hidden + (["birthdate"] if user == self.class_teacher else []))
                rows = student.search_read([("id", "=", student.id)], hidden)
                self.assertNoValue(rows, hidden)
                # the web client's list and form, the contact reached through the student
                spec = {fname: {} for fname in hidden}
                spec["partner_id"] = {"fields": {"phone": {}, "street": {}}}
                result = student.web_search_read([("id", "=", student.id)], spec)["records"]
                self.assertNoValue(result, hidden)
                self.assertNoValue([result[0]["partner_id"]], ["phone", "street"])
                self.assertNoValue(student.web_read(spec), hidden)
                # the guardian's and the student's contacts
                partners = self._as(user, "res.partner").browse(
                    (self.guardian_petrov_father | student.partner_id).ids
                )
                rows = partners.read(PARTNER_FIELDS)
                self.assertEqual(len(rows), 2)
                self.assertNoValue(rows, PARTNER_FIELDS[1:])
                rows = partners.search_read([("id", "in", partners.ids)], PARTNER_FIELDS[1:])
                self.assertNoValue(rows, PARTNER_FIELDS[1:])
                # an address in the display name
                names = partners.with_context(show_address=True).read(["display_name"])
                self.assertNotIn("Ленина", str(names))

    def test_other_teachers_probe_no_value(self):
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                Student = self._as(user, "school.student")
                Partner = self._as(user, "res.partner")
                base = [("id", "=", self.student_petrov.id)]
                for probe in (
                    [("phone", "=like", "8%")],
                    [("phone", "=", "8 900 111-22-33")],
                    [("mobile", "ilike", "901")],
                    [("street", "ilike", "Ленина")],
                    [("city", "=", "Оренбург")],
                    [("pe_group", "=", "special")],
                    [("pe_group", "!=", "main"), ("pe_group", "!=", False)],
                    [("partner_id.phone", "=like", "8%")],
                ):
                    self.assertFalse(Student.search(base + probe), probe)
                    self.assertFalse(Student.search_count(base + probe), probe)
                for probe in (
                    [("phone", "=like", "8%")],
                    [("street", "ilike", "Ленина")],
                    [("zip", "=", "460000")],
                ):
                    found = Partner.search(
                        [("id", "in", (self.guardian_petrov_father | self.student_petrov.partner_id).ids)]
                        + probe
                    )
                    self.assertFalse(found, probe)
                # groupings and aggregates see no value
                groups = Student.read_group([("id", "in", self.students_5b.ids)], ["pe_group"], ["pe_group"])
                self.assertEqual([g["pe_group"] for g in groups], [False])
                groups = Partner.read_group([("id", "=", self.guardian_petrov_father.id)], ["city"], ["city"])
                self.assertEqual([g["city"] for g in groups], [False])
                rows = Student._read_group(base, [], ["phone:array_agg", "pe_group:array_agg"])
                self.assertEqual(rows, [([None], [None])])
                groups = Student.web_read_group(base, ["street"], ["street"])["groups"]
                self.assertEqual([g["street"] for g in groups], [False])

    def test_other_teachers_export_refused(self):
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login):
                student = self._student(user)
                for paths in (["name", "phone"], ["pe_group"], ["partner_id/street"]):
                    with self.assertRaises(AccessError):
                        student.export_data(paths)
                with self.assertRaises(AccessError):
                    self._as(user, "res.partner").browse(self.guardian_petrov_father.id).export_data(
                        ["mobile"]
                    )
                # the rest of the card is exported
                self.assertEqual(student.export_data(["name"])["datas"], [[self.student_petrov.name]])

    # ------------------------------------------------------------------
    # who keeps the data
    # ------------------------------------------------------------------
    def test_class_teacher_reads_own_class(self):
        student = self._student(self.class_teacher, self.student_sidorov)
        row = student.read(["phone", "street", "pe_group"])[0]
        self.assertEqual(
            (row["phone"], row["street"], row["pe_group"]),
            ("8 900 111-22-33", "ул. Ленина, 1", "preparatory"),
        )
        guardian = self._as(self.class_teacher, "res.partner").browse(self.guardian_sidorova.id)
        self.assertEqual(guardian.read(["phone"])[0]["phone"], "+7 900 000-00-02")
        # the mother of a student of 5А, whatever her other children
        mother = self._as(self.class_teacher, "res.partner").browse(self.guardian_mother.id)
        self.assertEqual(mother.read(["street"])[0]["street"], "ул. Ленина, 1")
        self.assertEqual(student.search([("phone", "=like", "8 900%")]), self.student_sidorov)
        self.assertEqual(student.export_data(["phone"])["datas"], [["8 900 111-22-33"]])
        groups = student.read_group([("id", "=", student.id)], ["pe_group"], ["pe_group"])
        self.assertEqual([g["pe_group"] for g in groups], ["preparatory"])

    def test_administration_reads_everyone(self):
        for user in (self.user_ej_admin, self.user_director, self.user_deputy, self.user_inspector):
            with self.subTest(user=user.login):
                student = self._student(user)
                row = student.read(["phone", "street", "pe_group", "birthdate"])[0]
                self.assertEqual(row["phone"], "8 900 111-22-33")
                self.assertEqual(row["street"], "ул. Ленина, 1")
                self.assertEqual(row["pe_group"], "special")
                self.assertTrue(row["birthdate"])
                mother = self._as(user, "res.partner").browse(self.guardian_mother.id)
                self.assertEqual(mother.read(["city"])[0]["city"], "Оренбург")
                self.assertEqual(
                    student.search([("id", "=", student.id), ("pe_group", "=", "special")]), student
                )
                self.assertEqual(student.export_data(["phone"])["datas"], [["8 900 111-22-33"]])

    def test_pe_teacher_reads_medical_group_only(self):
        student = self._student(self.teacher_pe)
        row = student.read(["pe_group", "phone", "street"])[0]
        self.assertEqual((row["pe_group"], row["phone"], row["street"]), ("special", False, False))
        self.assertEqual(student.search([("id", "=", student.id), ("pe_group", "=", "special")]), student)
        # not a PE subject: the mathematics teacher of the class does not
        self.assertFalse(self._student(self.teacher).read(["pe_group"])[0]["pe_group"])
        # nor a PE teacher whose load is in another class
        self.env["school.teaching.assignment"].search(
            [("teacher_id", "=", self.teacher_pe.id)]
        ).class_id = self.class_10a
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self._student(self.teacher_pe).read(["pe_group"])

    def test_staff_contacts_and_portal_unchanged(self):
        # a colleague's phone is no family's data
        colleague = self._as(self.teacher, "res.partner").browse(self.class_teacher.partner_id.id)
        self.assertEqual(colleague.read(["phone"])[0]["phone"], "8 902 000-00-00")
        # the parent reads the own child's contact (e-diary)
        child = self._as(self.user_parent, "res.partner").browse(self.student_petrov.partner_id.id)
        self.assertEqual(child.read(["phone"])[0]["phone"], "8 900 111-22-33")
        # superuser code in the teacher's request reads the true values afterwards
        self._student(self.teacher).read(["phone", "pe_group"])
        self.assertEqual(self.student_petrov.with_user(self.teacher).sudo().phone, "8 900 111-22-33")
        self.assertEqual(self.student_petrov.with_user(self.teacher).sudo().pe_group, "special")
