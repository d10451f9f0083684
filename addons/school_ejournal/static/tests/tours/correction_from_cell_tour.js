import { registry } from "@web/core/registry";
import { gridCell as cell, gridLoadedStep, typeInCellSteps } from "./journal_grid_steps";

/**
 * Past the edit window the grid refuses a change of the teacher's own lesson and offers the
 * correction request, prefilled with the lesson, the student, the mark and the new value;
 * the teacher gives the reason and files it (JOUR-6; issue 13).
 */
registry.category("web_tour.tours").add("school_correction_from_cell_tour", {
    steps: () => [
        gridLoadedStep("The grid of the first quarter is loaded"),
        {
            content: "The mark 2 is red, the mark 5 green",
            trigger: ".o_ej_grid .o_ej_mark_2, .o_ej_grid .o_ej_mark_5",
        },
        ...typeInCellSteps(2, 2, "4", [
            "Select the third lesson of the third student (mark 3)",
            "Type 4 over it",
            "Enter tries to save",
        ]),
        {
            content: "The edit window is over: the cell is refused",
            trigger: `${cell(2, 2)}.o_ej_error`,
        },
        {
            content: "File a correction request from the refusal",
            trigger: ".o_notification .o_notification_buttons button",
            run: "click",
        },
        {
            content: "The request is prefilled with the lesson",
            trigger: ".modal .o_form_view div[name='lesson_id'] input",
            run: () => {
                const value = document.querySelector(".modal .o_form_view div[name='lesson_id'] input").value;
                if (!value.includes("5А") || !value.includes("05.10.2026")) {
                    throw new Error(`The request names another lesson: ${value}`);
                }
            },
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_form_view div[name='reason'] textarea",
            run: "edit Ответ у доски переоценён после пересдачи",
        },
        {
            content: "File the request",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal .o_form_view))",
        },
    ],
});
