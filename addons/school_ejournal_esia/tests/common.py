"""Fixtures of the Gosuslugi tests: the e-diary school of school_ejournal's portal tests
(``DiaryFixtures``) with SNILS recorded, and the in-process OpenID Connect provider."""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.school_ejournal.tests.test_portal import DiaryFixtures

SNILS_MOTHER = "112-233-445 95"
SNILS_MARIA = "123-456-789 64"
SNILS_ALEXEY = "987-654-321 00"
SNILS_IVAN = "111-222-333 44"
SNILS_OTHER_SCHOOL = "555-666-777 88"


class EsiaFixtures(DiaryFixtures):
    @classmethod
    def _setup_esia_school(cls):
        cls._setup_diary_school()
        cls.parent_mother.partner_id.school_snils = SNILS_MOTHER
        for student, snils in (
            (cls.child_maria, SNILS_MARIA),
            (cls.child_alexey, SNILS_ALEXEY),
            (cls.child_ivan, SNILS_IVAN),
        ):
            student.write({"consent_date": cls.year.date_start, "snils": snils})
        cls.user_ej_admin = new_test_user(
            cls.env,
            login="dn_ej_admin",
            groups="school_ejournal.group_school_admin",
            name="Администраторова Алла",
            company_id=cls.school.id,
            company_ids=[Command.set(cls.school.ids)],
        )
