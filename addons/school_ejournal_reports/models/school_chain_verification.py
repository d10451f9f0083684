from odoo import api, models


class SchoolChainVerification(models.Model):
    _inherit = "school.chain.verification"

    @api.model
    def _verify_school(self, company, values, findings):
        """The archive register too: its chain, anchors and both copies (ARCH-2, ARCH-3)."""
        res = super()._verify_school(company, values, findings)
        Archive = self.env["school.archive.entry"].sudo()
        # the anchors are read once, for the verification and for the count
        anchors = self.env["school.chain.anchor"].sudo()._anchors_of(Archive._name, company.id)
        count, problems = Archive._verify(company, anchors)
        values.update(archive_count=count, anchor_count=values.get("anchor_count", 0) + len(anchors))
        findings += [
            self.env._("Archive register No. %(number)s: %(problem)s", number=number, problem=problem)
            for number, problem in problems
        ]
        return res
