import { registry } from "@web/core/registry";

/**
 * The teacher opens a lesson of the grid by its column head and fills the lesson panel:
 * the topic and the homework, saved at once (JOUR-1, JOUR-10; issue 13).
 */
registry.category("web_tour.tours").add("school_lesson_panel_tour", {
    steps: () => [
        {
            content: "Open the lesson of 17.11 by its column head",
            trigger: ".o_ej_grid th.o_ej_lesson_head:contains('17.11')",
            run: "click",
        },
        {
            content: "Write the topic",
            trigger: ".o_ej_lesson_panel input.o_ej_topic_input",
            run: "edit Сравнение дробей с разными знаменателями",
        },
        {
            content: "Write the homework",
            trigger: ".o_ej_lesson_panel textarea.o_ej_homework_input",
            run: "edit § 12, № 130-132",
        },
        {
            content: "Save the lesson",
            trigger: ".o_ej_lesson_panel .o_ej_lesson_save:enabled",
            run: "click",
        },
        {
            content: "Saved: nothing left to save, no refusal",
            trigger: ".o_ej_lesson_panel:not(:has(.o_ej_lesson_error)) .o_ej_lesson_save:disabled",
        },
        {
            content: "The column head has its topic now",
            trigger: ".o_ej_grid th.o_ej_lesson_head:contains('17.11'):not(:has(.fa-circle-o))",
        },
    ],
});
