from datetime import MAXYEAR, MINYEAR, timedelta

from odoo import api, fields, models


class ReportGuardianDigest(models.AbstractModel):
    """Weekly digest of a student for a guardian without electronic access (PORT-4, REP-7).

    A plain print for the class teacher; the official form of the reports addon reuses
    ``school.diary._get_digest_data``.
    """

    _name = "report.school_ejournal.report_guardian_digest"
    _description = "Weekly Digest for a Guardian"

    @api.model
    def _digest_day(self, value):
        """The day of the printed week, from the report's data (the URL's ``options`` too):
        today when it names no day a week can be counted around, as the diary's pages do."""
        try:
            day = fields.Date.to_date(value) if value else None
        except (TypeError, ValueError):
            day = None
        return day if day and MINYEAR < day.year < MAXYEAR else fields.Date.context_today(self)

    @api.model
    def _get_report_values(self, docids, data=None):
        links = self.env["school.guardian.link"].browse(docids)
        links.check_access("read")
        day = self._digest_day((data or {}).get("date"))
        diary = self.env["school.diary"]
        date_from = diary._get_week_start(day)
        date_to = date_from + timedelta(days=6)
        return {
            "doc_ids": links.ids,
            "doc_model": "school.guardian.link",
            "docs": links,
            "date_from": date_from,
            "date_to": date_to,
            "digests": {
                link.id: diary._get_digest_data(link.student_id, date_from, date_to) for link in links
            },
        }
