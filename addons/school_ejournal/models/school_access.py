"""One access layer for the public methods of the e-journal (SEC-3, ROLE-1..9, issue 11).

Every public method of a school model can be called over JSON-RPC by any logged-in user,
portal users included. These pure-Python helpers take the caller's own environment and
refuse with an AccessError BEFORE the method reads anything as superuser; methods then use
sudo only for a narrow, commented read of what the check allowed.

- ``check_staff``: the school's staff only (no portal user, no internal user without a school
  role); the diary's portal pages use their own methods (``school.diary``).
- ``in_groups`` / ``check_groups``: one of the named school groups (e.g. the e-journal
  administrator), or the superuser.
- ``check_not_read_only``: refuses the read-only roles (ROLE-1, 2, 3, 9 without a teaching role)
  for methods that write journal records.
- ``taught_students`` / ``check_subject_teacher``: the teacher of a subject in a class, whole
  class (``True``) or the students of the own subgroups (a set of ids);
  ``taught_students_by_pair`` the same for several classes and subjects at once.
- ``check_journal_reader``: who may read a class's journal of a subject: its subject teacher
  (subgroup's students only), the class teacher, the readers (administration, inspector).
- ``check_readable``: ``check_access("read")`` with the record rules as one SQL query, which
  also fetches the fields the caller reads next (issue 15).
"""

from odoo.exceptions import AccessError
from odoo.osv import expression

GROUP_TEACHER = "school_ejournal.group_school_teacher"
GROUP_CLASS_TEACHER = "school_ejournal.group_school_class_teacher"
GROUP_READER = "school_ejournal.group_school_reader"
GROUP_ADMIN = "school_ejournal.group_school_admin"
GROUP_DEPUTY = "school_ejournal.group_school_deputy"
GROUP_DIRECTOR = "school_ejournal.group_school_director"
GROUP_INSPECTOR = "school_ejournal.group_school_inspector"
STAFF_GROUPS = (GROUP_TEACHER, GROUP_READER)
# what the journal's methods read of a class once its access is checked (fetched with the check)
CLASS_FIELDS = ("name", "grade", "class_teacher_id", "year_id", "period_scheme", "company_id")


def _speaking(env):
    """``env`` in the user's language when its context names none: a call over JSON-RPC without
    a context is refused in the user's language, like ``_()`` does."""
    return env if env.lang else env(context=dict(env.context, lang=env.user.lang))


def is_staff(env):
    """The superuser, or an internal user holding a school staff role."""
    if env.su:
        return True
    user = env.user
    # an internal user (``share`` is "not in base.group_user"), from the cached groups rather
    # than the user's row: no query (issue 15)
    return user._has_group("base.group_user") and any(user._has_group(group) for group in STAFF_GROUPS)


def check_staff(env):
    """Refuse portal users and internal users without a school role (ROLE-7, ROLE-8)."""
    if not is_staff(env):
        raise AccessError(_speaking(env)._("This function is reserved to the school's staff."))


def in_groups(env, *groups):
    """The superuser, or a user holding one of ``groups`` (xml ids)."""
    return env.su or any(env.user.has_group(group) for group in groups)


def check_groups(env, *groups):
    """Refuse unless the caller holds one of ``groups`` (xml ids)."""
    check_staff(env)
    if in_groups(env, *groups):
        return
    raise AccessError(_speaking(env)._("Your school role does not allow this action."))


def is_teacher(env):
    return env.su or env.user.has_group(GROUP_TEACHER)


def check_readable(records, fnames=()):
    """Refuse unless the caller may read every record of ``records``, as ``check_access("read")``
    does (access rights and record rules), in one query that also fetches ``fnames`` (issue 15).

    ``check_access`` evaluates the record rules in Python, reading what they reach (a class's
    teaching assignments and lessons: four queries for one lesson); this runs them as SQL.
    On a refusal, ``check_access`` itself raises its usual error.
    """
    if records.env.su or not records:
        return records
    found = records.with_context(active_test=False).search_fetch(
        [("id", "in", records.ids)], list(fnames), order="id"
    )
    if len(found) != len(set(records.ids)):
        records.check_access("read")
        raise AccessError(_speaking(records.env)._("You may not read these records."))
    return records


def check_not_read_only(env):
    """Read-only roles (director, deputy, inspector, administrator without a teaching role)
    never cause writes in the journal (ROLE-1, 2, 3, 9)."""
    check_staff(env)
    if not is_teacher(env):
        raise AccessError(_speaking(env)._("Your school role reads the journal but does not write it."))


def taught_students_by_pair(env, classes, subjects):
    """What the caller teaches of ``subjects`` in ``classes``: ``{(class_id, subject_id): True}``
    for the whole class, or the set of the student ids of the own subgroups; a pair the
    caller does not teach is missing. A whole-class assignment wins over subgroups."""
    if not classes or not subjects:
        return {}
    # sudo: the caller's own teaching assignments only (``teacher_id`` is the caller), read
    # to learn what the caller teaches whatever the record rules let the caller read of them
    assignments = (
        env["school.teaching.assignment"]
        .sudo()
        .search_fetch(
            [
                ("teacher_id", "=", env.uid),
                ("class_id", "in", classes.ids),
                ("subject_id", "in", subjects.ids),
            ],
            ["class_id", "subject_id", "subgroup_id"],
            order="id",
        )
    )
    taught = {}
    for assignment in assignments:
        key = (assignment.class_id.id, assignment.subject_id.id)
        if not assignment.subgroup_id:
            taught[key] = True
        elif taught.get(key) is not True:
            taught.setdefault(key, set()).update(assignment.subgroup_id.student_ids.ids)
    return taught


def taught_students(env, school_class, subject):
    """``True`` if the caller teaches ``subject`` to the whole ``school_class``, the set of
    the student ids of the own subgroups, or ``None`` if the caller does not teach it."""
    if not school_class or not subject:
        return None
    return taught_students_by_pair(env, school_class, subject).get((school_class.id, subject.id))


def check_subject_teacher(env, school_class, subject):
    """The caller teaches ``subject`` in ``school_class`` (ROLE-5, S 3.4): returns what
    :func:`taught_students` returns; refuses everybody else, the read-only roles included."""
    check_staff(env)
    check_readable(school_class, CLASS_FIELDS)
    if env.su:
        return True
    taught = taught_students(env, school_class, subject)
    if taught is None:
        raise AccessError(
            _speaking(env)._(
                "Only the teacher of %(subject)s in %(cls)s does this.",
                subject=subject.sudo().name or "-",
                cls=school_class.sudo().name or "-",
            )
        )
    return taught


def check_journal_reader(env, school_class, subject=None):
    """Who reads the journal of ``subject`` in ``school_class`` (SEC-3): the readers
    (administration, inspector) and the class teacher read the whole class (``True``), the
    subject's teacher the whole class or the students of the own subgroups (a set of ids).
    Everybody else, portal users included, gets an AccessError."""
    check_staff(env)
    check_readable(school_class, CLASS_FIELDS)
    if env.su or env.user.has_group(GROUP_READER):
        return True
    # sudo: the class teacher of this one class, to compare with the caller
    if school_class.sudo().class_teacher_id == env.user:
        return True
    taught = taught_students(env, school_class, subject) if subject else None
    if taught is None:
        raise AccessError(
            _speaking(env)._(
                "You may not open the journal of this class: it is neither taught nor led by you."
            )
        )
    return taught


def chatter_models(env):
    """The school's models with a chatter (``school.*`` inheriting ``mail.thread``)."""
    return sorted(
        name
        for name, model in env.registry.items()
        if name.startswith("school.")
        and not model._abstract
        and not model._transient
        and "message_follower_ids" in model._fields
    )


def readable_documents_domain(env, model_fname, res_id_fname, models):
    """A domain on records that point to a document (``model_fname``, ``res_id_fname``): those
    of ``models`` the user of ``env`` reads, with the user's own rights and record rules as
    subqueries, and any document of another model (SEC-5).

    For the search methods of the record rules of Odoo's mail models: the rules are evaluated
    as superuser, so the documents are searched as the user the rule is applied for.
    """
    env = env(user=env.uid, su=False, context=dict(env.context, active_test=False))
    domains = [[(model_fname, "not in", list(models))]]
    for name in models:
        if env[name].has_access("read"):
            domains.append([(model_fname, "=", name), (res_id_fname, "in", env[name]._search([]))])
    return expression.OR(domains)
