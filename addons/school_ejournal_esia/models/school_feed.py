from collections import defaultdict
from datetime import UTC, datetime

from odoo import api, fields, models

from .res_partner import normalize_snils

API_KEY_SCOPE = "school_ejournal_feed"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
ITEM_TYPES = ("mark", "attendance", "homework", "timetable", "period_mark")


def iso(value):
    """Odoo's naive UTC datetime as ISO 8601 with Z, dates as ISO dates."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    return value.isoformat()


def parse_since(value):
    """``since`` of the API (ISO 8601 date or date-time, UTC if no offset) as naive UTC; ValueError if bad."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo:
        try:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        except OverflowError as error:
            # the first or last day of the calendar moved out of it (issue 11 item 10)
            raise ValueError(value) from error
    return parsed


def feed_item(item_type, record, **values):
    """An item of a student's journal in the feed: its type, id, change time and subject,
    then ``values``."""
    return {
        "type": item_type,
        "id": record.id,
        "changed_at": iso(record.write_date),
        "subject": record.subject_id.name,
        **values,
    }


# each type's own values of an item, after those of feed_item (the order of ITEM_TYPES)
ITEM_VALUES = {
    "mark": lambda mark: {
        "date": iso(mark.date),
        "value": mark.value,
        "work_type": mark.work_type_id.name,
        "weight": mark.weight,
        "comment": mark.comment or None,
    },
    "attendance": lambda entry: {
        "date": iso(entry.date),
        "lesson_number": entry.lesson_id.lesson_number,
        "code": entry.code,
        "late_minutes": entry.late_minutes or None,
    },
    "homework": lambda lesson: {
        "date": iso(lesson.date),
        "text": lesson.homework,
        "pages": lesson.homework_pages or None,
        "exercises": lesson.homework_exercises or None,
        "due_date": iso(lesson.homework_due_date),
    },
    "timetable": lambda slot: {
        "weekday": int(slot.weekday) + 1,
        "lesson_number": slot.lesson_number,
        "room": slot.room_id.name or None,
        "valid_from": iso(slot.date_from),
        "valid_to": iso(slot.date_to),
    },
    "period_mark": lambda pmark: {
        "period": pmark.period_id.name,
        "period_type": pmark.period_type,
        "value": pmark.value or None,
        "published_at": iso(pmark.published_at),
    },
}


class SchoolFeed(models.AbstractModel):
    """Data of the read API for state and regional portals (issue 17, P 1.12, S 1.12).

    Everything is read as superuser inside one school (``company``) given by the caller,
    the controller, which has established the school of the API key first. Students are
    identified by their SNILS: a student without SNILS is not in the feed. Changes are
    found by ``write_date``; deleted entries are not reported (documented in the OpenAPI
    description).
    """

    _name = "school.feed"
    _description = "State Portal Feed"

    @api.model
    def _students(self, company):
        return (
            self.env["school.student"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", company.id), ("snils", "!=", False)])
        )

    @api.model
    def _student_by_snils(self, company, snils):
        digits = normalize_snils(snils)
        if not digits:
            return self.env["school.student"]
        return self._students(company).filtered(lambda s: normalize_snils(s.snils) == digits)[:1]

    @api.model
    def _student_values(self, student):
        return {
            "snils": normalize_snils(student.snils),
            "name": student.name,
            "class": student.class_id.display_name or None,
            "status": student.state,
        }

    @api.model
    def _since_domain(self, since):
        return [("write_date", ">=", since)] if since else []

    # ------------------------------------------------------------------
    # One student's journal
    # ------------------------------------------------------------------
    @api.model
    def _journal_items(self, student, since=None):
        """Every entry of ``student`` changed since ``since``, sorted by change time, type, id."""
        student = student.sudo()

        def changed(model, domain):
            """The entries of ``model`` of the student's school matching ``domain``, changed
            since ``since``."""
            domain = domain + [("company_id", "=", student.company_id.id)] + self._since_domain(since)
            return self.env[model].sudo().search(domain)

        classes = student.enrollment_ids.class_id
        group_domain = ["|", ("subgroup_id", "=", False), ("subgroup_id", "in", student.subgroup_ids.ids)]
        lessons = changed(
            "school.lesson", [("class_id", "in", classes.ids), ("homework", "!=", False)] + group_domain
        )
        published = [("student_id", "=", student.id), ("published_at", "!=", False)]
        entries = {
            "mark": changed("school.mark", [("student_id", "=", student.id)]),
            "attendance": changed("school.attendance", [("student_id", "=", student.id)]),
            "homework": lessons.filtered(lambda lesson: student._in_class_on(lesson.class_id, lesson.date)),
            "timetable": changed(
                "school.timetable.slot", [("class_id", "in", student.class_id.ids)] + group_domain
            ),
            "period_mark": changed("school.period.mark", published),
        }
        items = [
            feed_item(item_type, record, **ITEM_VALUES[item_type](record))
            for item_type, records in entries.items()
            for record in records
        ]
        items.sort(key=lambda item: (item["changed_at"], ITEM_TYPES.index(item["type"]), item["id"]))
        return items

    # ------------------------------------------------------------------
    # Students with changes
    # ------------------------------------------------------------------
    @api.model
    def _changed_students(self, company, since=None):
        """[(student, last change)] of the school's students with SNILS, oldest change first."""
        students = self._students(company)
        if not students:
            return []
        last = defaultdict(lambda: datetime.min)
        since_domain = self._since_domain(since)
        company_domain = [("company_id", "=", company.id)]
        for model in ("school.mark", "school.attendance", "school.period.mark"):
            domain = [("student_id", "in", students.ids)] + company_domain + since_domain
            if model == "school.period.mark":
                domain.append(("published_at", "!=", False))
            for student, changed in (
                self.env[model].sudo()._read_group(domain, ["student_id"], ["write_date:max"])
            ):
                last[student.id] = max(last[student.id], changed)
        by_class = defaultdict(lambda: datetime.min)
        lesson_domain = [("homework", "!=", False)] + company_domain + since_domain
        for school_class, changed in (
            self.env["school.lesson"].sudo()._read_group(lesson_domain, ["class_id"], ["write_date:max"])
        ):
            by_class[school_class.id] = max(by_class[school_class.id], changed)
        for school_class, changed in (
            self.env["school.timetable.slot"]
            .sudo()
            ._read_group(company_domain + since_domain, ["class_id"], ["write_date:max"])
        ):
            by_class[school_class.id] = max(by_class[school_class.id], changed)
        for student in students:
            if student.class_id.id in by_class:
                last[student.id] = max(last[student.id], by_class[student.class_id.id])
        # keep the prefetch of the whole school: the callers read every student's values
        changed = [
            (students.browse(sid).with_prefetch(students._prefetch_ids), when)
            for sid, when in last.items()
            if when > datetime.min
        ]
        changed.sort(key=lambda pair: (pair[1], normalize_snils(pair[0].snils)))
        return changed

    @api.model
    def _paginate(self, rows, page, page_size):
        start = (page - 1) * page_size
        return rows[start : start + page_size]

    @api.model
    def _now(self):
        return iso(fields.Datetime.now())
