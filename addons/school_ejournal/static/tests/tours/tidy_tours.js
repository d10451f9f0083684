import { registry } from "@web/core/registry";

/**
 * The control dashboard's shares in the reader's number format by Odoo's own percentage
 * formatter (CTRL-1): started by tests/test_tidy_dashboard.py for a deputy director who reads
 * Russian, so "7,3%", not "7.3%"; "—" where there is no share.
 */
registry.category("web_tour.tours").add("school_ejournal_tidy_dashboard_shares", {
    steps: () => [
        {
            content: "The dashboard is open",
            trigger: ".o_ej_control_dashboard .o_ej_dash_card",
            run() {
                const { ControlDashboard } = odoo.loader.modules.get(
                    "@school_ejournal/period_marks/control_dashboard"
                );
                const format = ControlDashboard.prototype.formatShare;
                const expected = [
                    [7.3, "7,3%"],
                    [22.2, "22,2%"],
                    [100, "100%"],
                    [12.5, "12,5%"],
                    [0, "0%"],
                    [false, "—"],
                    [null, "—"],
                ];
                for (const [value, text] of expected) {
                    if (format(value) !== text) {
                        throw new Error(`share ${value} shown as ${format(value)}, not ${text}`);
                    }
                }
                for (const hint of document.querySelectorAll(".o_ej_dash_card .small")) {
                    if (/\d\.\d%/.test(hint.textContent)) {
                        throw new Error(`a share with a decimal point: ${hint.textContent}`);
                    }
                }
            },
        },
        {
            content: "The figures are still shown",
            trigger: ".o_ej_control_dashboard .o_ej_dash_card",
        },
    ],
});
