import { registry } from "@web/core/registry";
import { gridCell as cell, gridLoadedStep, typeInCellSteps } from "./journal_grid_steps";

/**
 * A teacher fills the journal grid with the keyboard (JOUR-2, JOUR-3): a mark "5" in the
 * first lesson of the third student, "Н" in the second lesson of the second student, each
 * confirmed with Enter; the page is reloaded and the grid, read again from the server,
 * shows both. Started by tests/test_journal_grid.py, which opens the right class, subject
 * and period through the URL and checks the rows in the database afterwards.
 */
registry.category("web_tour.tours").add("school_ejournal_journal_grid", {
    steps: () => [
        gridLoadedStep("The grid of the class is loaded"),
        ...typeInCellSteps(2, 0, "5", [
            "Select the first lesson of the third student",
            "Typing starts editing the selected cell",
            "Enter saves the mark",
        ]),
        {
            content: "The mark is saved and the selection went down",
            trigger: `${cell(2, 0)}:not(.o_ej_saving):not(.o_ej_error):contains(5)`,
        },
        ...typeInCellSteps(1, 1, "Н", [
            "Select the second lesson of the second student",
            "Type the absence code",
            "Enter saves the absence",
        ]),
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
        gridLoadedStep("After the reload the grid is read again from the server"),
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
