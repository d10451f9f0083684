# ruff: noqa: F821
"""The users of the scale-out run (issue 15), prepared in the large school by scripts/scale.sh.

Run by ``odoo-bin shell`` (``env`` is given) against the benchmark database. Idempotent:
a second run finds the users the first one made.

- Guardians: ``SCALE_GUARDIANS`` (default 300) guardians of the school, each a legal
  representative with electronic access, get a portal login ``scale.guardian.<partner>``
  (the school's parent group), unless they have a login already.
- Teachers: every teacher with a whole-class teaching assignment in the current year and no
  password of their own (the generated staff; the demo logins keep theirs) gets the run's
  password, so that the Locust users log in as the school's own teachers.

One password hash is computed and written to all of them in one statement: hashing it for
each user would take minutes. Prints one line ``SCALE-USERS\\t<json>``: the guardians with
their children, the teachers with the class, subject and current term they teach.
"""

import json
import os

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools import SQL

GUARDIAN_PASSWORD = "scale-guardian-2026"
TEACHER_PASSWORD = "scale-teacher-2026"
count = int(os.environ.get("SCALE_GUARDIANS", "300"))
today = fields.Date.context_today(env["res.users"])
parent_group = env.ref("school_ejournal.group_school_parent")
Users = (
    env["res.users"].sudo().with_context(active_test=False, no_reset_password=True, mail_create_nolog=True)
)

# --- guardians ------------------------------------------------------------------------
links = (
    env["school.guardian.link"]
    .sudo()
    .search(
        [
            ("is_legal_representative", "=", True),
            ("electronic_access_refused", "=", False),
            ("student_id.class_id.year_id.active", "=", True),
        ],
        order="id",
    )
)
by_guardian = {}
for link in links:
    by_guardian.setdefault(link.guardian_id, []).append(link.student_id)
existing = {u.partner_id.id: u for u in Users.search([("partner_id", "in", [p.id for p in by_guardian])])}
chosen = []
for partner in by_guardian:
    user = existing.get(partner.id)
    if user and not user.login.startswith("scale.guardian."):
        continue  # the demo parent and others with their own login
    chosen.append(partner)
    if len(chosen) >= count:
        break
missing = [p for p in chosen if p.id not in existing]
if missing:
    company = missing[0].company_id or env.company
    Users.create(
        [
            {
                "login": f"scale.guardian.{partner.id}",
                "partner_id": partner.id,
                "tz": "Europe/Moscow",
                "lang": "ru_RU" if env["res.lang"]._lang_get("ru_RU") else "en_US",
                "company_id": (partner.company_id or company).id,
                "company_ids": [Command.set([(partner.company_id or company).id])],
                "groups_id": [Command.set([parent_group.id])],
            }
            for partner in missing
        ]
    )
guardian_users = Users.search([("login", "=like", "scale.guardian.%")])
crypt = Users._crypt_context()
env.cr.execute(
    SQL(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        crypt.hash(GUARDIAN_PASSWORD),
        tuple(guardian_users.ids) or (0,),
    )
)
guardians = []
for user in guardian_users.sorted("id"):
    children = by_guardian.get(user.partner_id, [])
    if children:
        guardians.append({"login": user.login, "children": [{"id": s.id, "name": s.name} for s in children]})

# --- teachers -------------------------------------------------------------------------
assignments = (
    env["school.teaching.assignment"]
    .sudo()
    .search([("class_id.year_id.active", "=", True), ("subgroup_id", "=", False)], order="id")
)
env.cr.execute(
    SQL(
        "SELECT id FROM res_users WHERE id IN %s AND password IS NULL",
        tuple(assignments.teacher_id.ids) or (0,),
    )
)
free = {row[0] for row in env.cr.fetchall()}
# those who set their password for this run before are recognised by the hash's check
teachers_by_uid = {}
checked = {}  # one check per stored hash: the run writes one hash to all its teachers
for a in assignments:
    teacher = a.teacher_id
    if not teacher.active or teacher.id in teachers_by_uid:
        continue
    env.cr.execute(SQL("SELECT password FROM res_users WHERE id = %s", teacher.id))
    stored = env.cr.fetchone()[0]
    if teacher.id not in free:
        if stored not in checked:
            checked[stored] = bool(stored) and crypt.verify(TEACHER_PASSWORD, stored)
        if not checked[stored]:
            continue
    klass = a.class_id
    if klass.grade <= 1:
        continue  # no marks in grade 1 (JOUR-4)
    period = (
        env["school.period"]
        .sudo()
        .search(
            [
                ("year_id", "=", klass.year_id.id),
                ("period_type", "=", klass.period_scheme),
                ("date_start", "<=", today),
            ],
            order="date_start desc",
            limit=1,
        )
    )
    if not period:
        continue
    teachers_by_uid[teacher.id] = {
        "login": teacher.login,
        "uid": teacher.id,
        "class_id": klass.id,
        "subject_id": a.subject_id.id,
        "period_id": period.id,
    }
new_ids = [uid for uid in teachers_by_uid if uid in free]
if new_ids:
    env.cr.execute(
        SQL("UPDATE res_users SET password = %s WHERE id IN %s", crypt.hash(TEACHER_PASSWORD), tuple(new_ids))
    )
# --- the crons: as on a server that has been running ------------------------------------
# A freshly built school has every cron overdue (the weekly digest, the archive of the
# closed quarter...): the cron worker would run them all during the measured evening. They
# are moved to their next due time, as a running server would have left them.
now = fields.Datetime.now()
for cron in env["ir.cron"].sudo().search([("active", "=", True), ("nextcall", "<", now)]):
    step = relativedelta(**{cron.interval_type: cron.interval_number})
    nextcall = cron.nextcall
    while nextcall < now:
        nextcall += step
    cron.write({"nextcall": nextcall})
env.cr.commit()
print(
    "SCALE-USERS\t"
    + json.dumps(
        {
            "guardian_password": GUARDIAN_PASSWORD,
            "teacher_password": TEACHER_PASSWORD,
            "guardians": guardians,
            "teachers": list(teachers_by_uid.values()),
        }
    )
)
