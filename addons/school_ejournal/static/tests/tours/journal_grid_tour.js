import { registry } from "@web/core/registry";

/**
 * A teacher fills the journal grid with the keyboard (JOUR-2, JOUR-3): a mark "5" in the
 * first lesson of the third student, "Н" in the second lesson of the second student, each
 * confirmed with Enter; the page is reloaded and the grid, read again from the server,
 * shows both. Started by tests/test_journal_grid.py, which opens the right class, subject
 * and period through the URL and checks the rows in the database afterwards.
 */
const cell = (row, col) => `.o_ej_grid td.o_ej_cell[data-row='${row}'][data-col='${col}']`;

registry.category("web_tour.tours").add("school_ejournal_journal_grid", {
    steps: () => [
        {
            content: "The grid of the class is loaded",
            trigger: ".o_ej_journal[data-mode='grid'] .o_ej_grid tbody tr[data-row='2']",
        },
        {
            content: "Select the first lesson of the third student",
            trigger: cell(2, 0),
            run: "click",
        },
        {
            content: "Typing starts editing the selected cell",
            trigger: `${cell(2, 0)}.o_ej_selected`,
            run: "press 5",
        },
        {
            content: "Enter saves the mark",
            trigger: `${cell(2, 0)} input.o_ej_cell_input`,
            run: "press Enter",
        },
        {
            content: "The mark is saved and the selection went down",
            trigger: `${cell(2, 0)}:not(.o_ej_saving):not(.o_ej_error):contains(5)`,
        },
        {
            content: "Select the second lesson of the second student",
            trigger: cell(1, 1),
            run: "click",
        },
        {
            content: "Type the absence code",
            trigger: `${cell(1, 1)}.o_ej_selected`,
            run: "press Н",
        },
        {
            content: "Enter saves the absence",
            trigger: `${cell(1, 1)} input.o_ej_cell_input`,
            run: "press Enter",
        },
        {
            content: "The absence is saved",
            trigger: `${cell(1, 1)}:not(.o_ej_saving):not(.o_ej_error):contains(Н)`,
        },
        {
            content: "Nothing was refused",
            trigger: ".o_ej_grid:not(:has(.o_ej_error))",
            run() {
                window.location.reload();
            },
        },
        {
            content: "After the reload the grid is read again from the server",
            trigger: ".o_ej_journal[data-mode='grid'] .o_ej_grid tbody tr[data-row='2']",
        },
        {
            content: "The mark is there",
            trigger: `${cell(2, 0)}:contains(5)`,
        },
        {
            content: "The absence is there",
            trigger: `${cell(1, 1)}:contains(Н)`,
        },
    ],
});
