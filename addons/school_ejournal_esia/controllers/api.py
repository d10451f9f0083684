"""Read API for state and regional portals, version 1 (issue 17, P 1.12, S 1.12, SEC-5).

JSON over HTTP, described in ``static/openapi.yaml``. Authentication: an Odoo API key
(``Authorization: Bearer <key>``) of a user of the group "State portal feed"; the key's
school is the company of that user, and nothing outside it exists for the caller (404).
Read-only, paginated; every call that returns a student's data is written to the personal
data access log (``school.personal.data.log``, SEC-5).
"""

import logging

from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..models.school_feed import API_KEY_SCOPE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, iso, parse_since

_logger = logging.getLogger(__name__)

FEED_GROUP = "school_ejournal_esia.group_school_feed"
LOGGED_DATA = ("api_v1", "snils", "marks", "attendance", "homework", "timetable", "period_marks")


def _feed_route(path):
    """The route of a feed endpoint: GET, authenticated by the API key, no session.

    Read-write (``readonly=False``): every answer writes the personal data access log (SEC-5).
    """
    return http.route(
        path, type="http", auth="none", methods=["GET"], csrf=False, save_session=False, readonly=False
    )


class ApiError(Exception):
    def __init__(self, status, error, message):
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


class SchoolFeedApi(http.Controller):
    def _json(self, payload, status=200, headers=None):
        return request.make_json_response(payload, headers=headers, status=status)

    def _error(self, exc):
        headers = [("WWW-Authenticate", 'Bearer realm="school_ejournal"')] if exc.status == 401 else None
        return self._json({"error": exc.error, "message": exc.message}, status=exc.status, headers=headers)

    def _feed_user(self):
        """The active user of the API key in ``Authorization``, member of the feed group."""
        header = request.httprequest.headers.get("Authorization") or ""
        scheme, _sep, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise ApiError(401, "unauthorized", "Bearer API key required")
        env = request.env(user=SUPERUSER_ID)
        uid = env["res.users.apikeys"]._check_credentials(scope=API_KEY_SCOPE, key=key.strip())
        if not uid:
            raise ApiError(401, "unauthorized", "invalid or expired API key")
        user = env["res.users"].browse(uid)
        if not user.has_group(FEED_GROUP):
            raise ApiError(403, "forbidden", "the key's user is not allowed to read the feed")
        return user

    def _paging(self, kw):
        try:
            page = int(kw.get("page") or 1)
            page_size = int(kw.get("page_size") or DEFAULT_PAGE_SIZE)
        except ValueError as exc:
            raise ApiError(400, "bad_request", "page and page_size must be integers") from exc
        if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ApiError(400, "bad_request", f"page >= 1 and 1 <= page_size <= {MAX_PAGE_SIZE}")
        try:
            since = parse_since(kw.get("since"))
        except ValueError as exc:
            raise ApiError(400, "bad_request", "since must be an ISO 8601 date or date-time") from exc
        return since, page, page_size

    def _page_payload(self, rows, since, page, page_size, until):
        return {
            "since": iso(since),
            "until": until,
            "page": page,
            "page_size": page_size,
            "total": len(rows),
            "pages": (len(rows) + page_size - 1) // page_size,
        }

    @_feed_route("/api/v1/changes")
    def changes(self, **kw):
        """Students of the key's school (by SNILS) with entries changed since ``since``."""
        try:
            user = self._feed_user()
            since, page, page_size = self._paging(kw)
        except ApiError as exc:
            return self._error(exc)
        Feed = request.env["school.feed"].with_user(user).sudo()
        until = Feed._now()
        rows = Feed._changed_students(user.company_id, since)
        page_rows = Feed._paginate(rows, page, page_size)
        students = Feed.env["school.student"].browse([student.id for student, _when in page_rows])
        if students:
            request.env["school.personal.data.log"].with_user(user)._record(students, ["api_v1", "snils"])
        payload = self._page_payload(rows, since, page, page_size, until)
        payload["students"] = [
            dict(Feed._student_values(student), changed_at=iso(when)) for student, when in page_rows
        ]
        return self._json(payload)

    @_feed_route("/api/v1/students/<string:snils>/journal")
    def student_journal(self, snils, **kw):
        """Marks, attendance, homework, timetable and period marks of one student since ``since``."""
        try:
            user = self._feed_user()
            since, page, page_size = self._paging(kw)
            Feed = request.env["school.feed"].with_user(user).sudo()
            student = Feed._student_by_snils(user.company_id, snils)
            if not student:
                _logger.info("Feed: %s asked for an unknown SNILS in %s", user.login, user.company_id.name)
                raise ApiError(404, "not_found", "no student with this SNILS in the school of the key")
        except ApiError as exc:
            return self._error(exc)
        until = Feed._now()
        items = Feed._journal_items(student, since)
        request.env["school.personal.data.log"].with_user(user)._record(student, LOGGED_DATA)
        payload = self._page_payload(items, since, page, page_size, until)
        payload["student"] = Feed._student_values(student)
        payload["items"] = Feed._paginate(items, page, page_size)
        return self._json(payload)
