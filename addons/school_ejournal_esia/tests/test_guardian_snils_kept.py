"""A guardian's SNILS (school_snils) is kept as the student's (SEC-5, P 3.5, P 4.3, GOS-1).

The class teacher of the child's class and the administration read it; the class teacher of
another class who teaches the child reads no value, over a read, a domain probing it or an
export; a colleague's SNILS is read by the administration only.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_ejournal.tests.common import GROUP, MUTE_ACCESS

from .common import SNILS_MOTHER, EsiaFixtures

SNILS_FATHER_5B = "333-444-555 61"
SNILS_COLLEAGUE = "222-333-444 16"


@tagged("post_install", "-at_install")
class TestGuardianSnilsKept(EsiaFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the class teacher of 5А also teaches Russian in 5Б; Alexey (5Б) has a father of his own
        cls._assign((cls.class_teacher, cls.subject_russian, cls.class_5b))
        cls.father_5b = cls.env["res.partner"].create(
            {"name": "Петров Павел Олегович", "school_snils": SNILS_FATHER_5B}
        )
        cls._link_guardians([(cls.child_alexey, cls.father_5b, "father")], date_start=cls.year.date_start)
        cls.teacher_5b.partner_id.school_snils = SNILS_COLLEAGUE
        cls.env.ref("base.group_allow_export").users += cls.class_teacher

    def _partner(self, user, partner):
        self.env.invalidate_all()
        return self.env["res.partner"].with_user(user).browse(partner.id)

    def test_other_class_teacher_reads_no_snils(self):
        father = self._partner(self.class_teacher, self.father_5b)
        self.assertEqual(father.read(["name", "school_snils"])[0]["school_snils"], False)
        Partner = self.env["res.partner"].with_user(self.class_teacher)
        self.assertFalse(
            Partner.search([("id", "=", self.father_5b.id), ("school_snils", "=", SNILS_FATHER_5B)])
        )
        self.assertFalse(Partner.search([("id", "=", self.father_5b.id), ("school_snils", "!=", False)]))
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            father.export_data(["school_snils"])
        # nor a colleague's
        colleague = self._partner(self.class_teacher, self.teacher_5b.partner_id)
        self.assertEqual(colleague.read(["school_snils"])[0]["school_snils"], False)

    def test_keepers_read_the_snils(self):
        # the mother of a 5А child, for the class teacher of 5А
        mother = self._partner(self.class_teacher, self.parent_mother.partner_id)
        self.assertEqual(mother.read(["school_snils"])[0]["school_snils"], SNILS_MOTHER)
        deputy = self._new_user("dn_deputy_snils", GROUP + "deputy", "Завуч Снилсова")
        for user in (self.user_ej_admin, deputy):
            self.assertEqual(
                self._partner(user, self.father_5b).read(["school_snils"])[0]["school_snils"], SNILS_FATHER_5B
            )
            self.assertEqual(
                self._partner(user, self.teacher_5b.partner_id).read(["school_snils"])[0]["school_snils"],
                SNILS_COLLEAGUE,
            )
