import { registry } from "@web/core/registry";

/**
 * The class teacher records a child ill for the whole day in one row of the day's
 * attendance (JOUR-2, P 4.3; issue 13).
 */
registry.category("web_tour.tours").add("school_attendance_day_tour", {
    steps: () => [
        {
            content: "The day's sheet of the own class",
            trigger: ".o_ej_day_table tbody tr[data-student='Петрова Мария Сергеевна']",
        },
        {
            content: "Ill the whole day",
            trigger: ".o_ej_day_table tbody tr[data-student='Петрова Мария Сергеевна'] select.o_ej_day_whole",
            run: "select ill",
        },
        {
            content: "Every lesson of the day shows Б",
            trigger:
                ".o_ej_day_table tbody tr[data-student='Петрова Мария Сергеевна'][data-whole='ill']",
            run: () => {
                const row = document.querySelector(".o_ej_day_table tbody tr[data-student='Петрова Мария Сергеевна']");
                const cells = [...row.querySelectorAll("select.o_ej_day_cell")];
                if (!cells.length || cells.some((cell) => cell.value !== "ill")) {
                    throw new Error("Not every lesson of the day is marked ill");
                }
            },
        },
    ],
});
