"""Fixtures of the Gosuslugi tests: the e-diary school of school_ejournal's portal tests
(``DiaryFixtures``) with SNILS recorded and an e-journal administrator, and the
in-process OpenID Connect provider."""

from odoo.addons.school_ejournal.tests.common import GROUP, DiaryFixtures

SNILS_MOTHER = "112-233-445 95"
SNILS_MARIA = "123-456-789 64"
SNILS_ALEXEY = "987-654-321 83"
SNILS_IVAN = "111-222-333 72"
SNILS_OTHER_SCHOOL = "555-666-777 50"


class EsiaFixtures(DiaryFixtures):
    @classmethod
    def _setup_staff(cls):
        result = super()._setup_staff()
        cls.parent_mother.partner_id.school_snils = SNILS_MOTHER
        cls.user_ej_admin = cls._new_user("dn_ej_admin", GROUP + "admin", "Администраторова Алла")
        return result

    @classmethod
    def _setup_classes(cls):
        result = super()._setup_classes()
        for student, snils in (
            (cls.child_maria, SNILS_MARIA),
            (cls.child_alexey, SNILS_ALEXEY),
            (cls.child_ivan, SNILS_IVAN),
        ):
            student.write({"consent_date": cls.year.date_start, "snils": snils})
        return result

    @classmethod
    def _setup_esia_school(cls):
        """Nothing left to do: ``setUpClass`` builds the school (kept for older modules)."""
