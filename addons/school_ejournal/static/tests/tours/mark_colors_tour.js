import { registry } from "@web/core/registry";

/**
 * The journal grid colours the marks with the school's colours of its settings (issue 13):
 * the test sets 2 to #aa0000 and 5 to #00aa00 and opens the grid of a period with both.
 */
function assertColor(selector, expected) {
    const mark = document.querySelector(selector);
    const color = getComputedStyle(mark).color;
    if (color !== expected) {
        throw new Error(`${selector} is ${color}, not ${expected}`);
    }
}

registry.category("web_tour.tours").add("school_mark_colors_tour", {
    steps: () => [
        {
            content: "The mark 2 has the school's colour",
            trigger: ".o_ej_grid .o_ej_mark_2",
            run: () => assertColor(".o_ej_grid .o_ej_mark_2", "rgb(170, 0, 0)"),
        },
        {
            content: "The mark 5 has the school's colour",
            trigger: ".o_ej_grid .o_ej_mark_5",
            run: () => assertColor(".o_ej_grid .o_ej_mark_5", "rgb(0, 170, 0)"),
        },
    ],
});
