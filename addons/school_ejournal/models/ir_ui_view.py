from odoo import _, models


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def get_view_info(self):
        """Name the pivot view "Pivot table" in the view switcher (issue 13).

        Odoo's Russian for the view type "Pivot" is «Точка Вращения» (a pivot point); the
        control reports of the school are pivot tables, «Сводная таблица».
        """
        info = super().get_view_info()
        if "pivot" in info:
            info["pivot"]["display_name"] = _("Pivot table")
        return info
