import { registry } from "@web/core/registry";

/**
 * The main screens looked at on a 390 px phone (issue 13's screens, by hand): what was seen
 * wrong there is pinned here. Started by tests/test_phone_layout.py with browser_size 390x844.
 */
function assertInside(element, container, what) {
    const box = element.getBoundingClientRect();
    const frame = container.getBoundingClientRect();
    if (box.left < frame.left - 1 || box.right > frame.right + 1) {
        throw new Error(`${what} is out of sight: ${box.left}-${box.right} in ${frame.left}-${frame.right}`);
    }
}

registry.category("web_tour.tours").add("school_ejournal_phone_diary_tabs", {
    steps: () => [
        {
            content: "The events of the child: their tab, the fourth, is in sight",
            trigger: ".o_school_diary_tabs .nav-link.active[href$='/events']",
            run() {
                assertInside(this.anchor, this.anchor.closest(".o_school_diary_tabs"), "The active tab");
            },
        },
        {
            content: "The last tab, the messages",
            trigger: ".o_school_diary_tabs .nav-link[href$='/message']",
            run: "click",
        },
        {
            content: "The messages' tab is in sight once open",
            trigger: ".o_school_diary_tabs .nav-link.active[href$='/message']",
            run() {
                assertInside(this.anchor, this.anchor.closest(".o_school_diary_tabs"), "The active tab");
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_period_marks", {
    steps: () => [
        {
            content: "Save is in sight in the control panel, not folded behind a bare caret",
            trigger: ".o_control_panel .o_ej_pm_save:visible",
        },
        {
            content: "The forecast is not squeezed to a word a line: the table scrolls sideways",
            trigger: ".o_ej_pm_table tbody tr:first-child .o_ej_pm_forecast",
            run() {
                if (this.anchor.getBoundingClientRect().width < 300) {
                    throw new Error(`The forecast is ${this.anchor.getBoundingClientRect().width}px wide`);
                }
                const wrap = this.anchor.closest(".table-responsive");
                if (getComputedStyle(wrap).overflowX !== "auto") {
                    throw new Error("The table does not scroll sideways");
                }
            },
        },
        {
            content: "Averages and thresholds in the user's number format (Russian: a comma)",
            trigger: ".o_ej_pm_table tbody tr:first-child td:nth-child(4):contains(',')",
            run() {
                const rule = document.querySelector(".o_ej_pm_rule").textContent;
                // a number such as 4.60, not the dots of a date such as 24.10.2026
                if (/(?<![\d.])\d\.\d\d(?![\d.])/.test(rule)) {
                    throw new Error(`A decimal point in a Russian text: ${rule}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_attendance_day", {
    steps: () => [
        {
            content: "The day in the user's date format (dd.mm.yyyy in Russian), not the browser's",
            trigger: ".o_ej_day_date input",
            run() {
                if (!/^\d\d\.\d\d\.\d{4}$/.test(this.anchor.value)) {
                    throw new Error(`The day reads '${this.anchor.value}'`);
                }
            },
        },
        {
            content: "Scrolled sideways, the names column covers the lessons beneath it to its edge",
            trigger: ".o_ej_day_table tbody th[scope='row']",
            run() {
                const wrap = this.anchor.closest(".table-responsive");
                wrap.scrollLeft = wrap.scrollWidth;
                if (!wrap.scrollLeft) {
                    throw new Error("The day's table does not scroll sideways");
                }
                // the names column draws its own edge: a collapsed border belongs to the table
                // and stays behind when the sticky cell does not
                const table = this.anchor.closest("table");
                if (
                    getComputedStyle(table).borderCollapse !== "separate" ||
                    getComputedStyle(this.anchor).borderRightWidth === "0px"
                ) {
                    throw new Error("The names column loses its edge when the lessons scroll");
                }
                const cell = this.anchor.getBoundingClientRect();
                const y = cell.top + cell.height / 2;
                for (const x of [cell.right - 2.5, cell.right - 1.5, cell.right - 0.5]) {
                    const hit = document.elementFromPoint(x, y);
                    if (!this.anchor.contains(hit)) {
                        throw new Error(`At ${x} px a scrolled cell shows beside the names: ${hit.outerHTML}`);
                    }
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_control", {
    steps: () => [
        {
            content: "The reload button is in sight, not folded behind a bare caret",
            trigger: ".o_control_panel .btn .fa-refresh:visible",
        },
        {
            content: "The table of the classes scrolls sideways",
            trigger: ".table-responsive .o_ej_dash_classes",
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_journal_panel", {
    steps: () => [
        {
            content: "The grid of the period",
            trigger: ".o_ej_mode_grid",
            run: "click",
        },
        {
            content: "Open a lesson's panel from its column",
            trigger: ".o_ej_journal[data-mode='grid'] .o_ej_lesson_head",
            run: "click",
        },
        {
            content: "The panel does not squeeze the grid to its header",
            trigger: ".o_ej_lesson_panel .o_ej_topic_input",
            run() {
                const grid = document.querySelector(".o_ej_grid_wrap");
                if (grid.getBoundingClientRect().height < 150) {
                    throw new Error(`The grid is ${grid.getBoundingClientRect().height}px high`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_lesson_cards", {
    steps: () => [
        {
            content: "A phone lists the lessons as cards, not as a ten-column list",
            trigger: ".o_kanban_view .o_kanban_record:contains('Натуральные числа')",
        },
        {
            content: "From its card, the lesson's sheet",
            trigger: ".o_kanban_record:contains('Натуральные числа') button:has(.fa-mobile)",
            run: "click",
        },
        {
            content: "The sheet of that lesson, student by student",
            trigger: ".o_ej_journal[data-mode='lesson'] .o_ej_sheet .o_ej_sheet_row",
        },
    ],
});

registry.category("web_tour.tours").add("school_ejournal_phone_diary_homework_file", {
    steps: () => [
        {
            content: "The homework's file is linked through the diary's own route, in sight",
            trigger: ".o_portal_wrap a[href*='/homework/']:contains('hw_5a.txt')",
            run() {
                const box = this.anchor.getBoundingClientRect();
                if (box.left < -1 || box.right > window.innerWidth + 1 || !box.width) {
                    throw new Error(`The file's link is out of sight: ${box.left}-${box.right} of ${window.innerWidth}`);
                }
                if (!/\/my\/diary\/\d+\/homework\/\d+\/\d+$/.test(this.anchor.href)) {
                    throw new Error(`The file's link is not the diary's route: ${this.anchor.href}`);
                }
            },
        },
    ],
});
