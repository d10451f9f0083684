import { registry } from "@web/core/registry";

/**
 * The teacher fills one lesson on the lesson sheet of a phone (JOUR-13): the attendance by
 * its buttons, the marks typed, each saved at once; a refusal of the server stays on the
 * student's row with its message, and the marks typed are taken back.
 */
const row = ".o_ej_sheet .o_ej_sheet_row[data-row='2']";

registry.category("web_tour.tours").add("school_lesson_sheet_tour", {
    steps: () => [
        {
            content: "The third student is absent (Н)",
            trigger: `${row} .o_ej_sheet_attendance button[data-code='absent']`,
            run: "click",
        },
        {
            content: "Saved: the button is pressed",
            trigger: `${row}:not(.o_ej_saving) button[data-code='absent'][aria-pressed='true']`,
        },
        {
            content: "A mark for the absent student",
            trigger: `${row} input.o_ej_sheet_marks`,
            run: "edit 4 && click .o_ej_sheet_head",
        },
        {
            content: "Refused: the message on the row, the mark taken back",
            trigger: `${row}.o_ej_error:not(.o_ej_saving) .o_ej_sheet_error`,
            run() {
                const input = document.querySelector(`${row} input.o_ej_sheet_marks`);
                if (input.value !== "") {
                    throw new Error(`The refused mark stays in the field: '${input.value}'`);
                }
            },
        },
        {
            content: "The student was late (ОП) instead",
            trigger: `${row} .o_ej_sheet_attendance button[data-code='late']`,
            run: "click",
        },
        {
            content: "Saved: late, the refusal gone",
            trigger: `${row}:not(.o_ej_error):not(.o_ej_saving) button[data-code='late'][aria-pressed='true']`,
        },
        {
            content: "The mark again",
            trigger: `${row} input.o_ej_sheet_marks`,
            run: "edit 4 && click .o_ej_sheet_head",
        },
        {
            content: "Saved: the mark stays, with its work type in the tooltip; nothing refused",
            trigger: `.o_ej_sheet:not(:has(.o_ej_error)) .o_ej_sheet_row[data-row='2']:not(.o_ej_saving) input.o_ej_sheet_marks[title^='4:']`,
            run() {
                const input = document.querySelector(`${row} input.o_ej_sheet_marks`);
                if (input.value !== "4") {
                    throw new Error(`The saved mark shows as '${input.value}'`);
                }
            },
        },
    ],
});

/**
 * A reader opens a lesson's sheet (ROLE-3): "Read only" once, in the journal's header, not a
 * second time on the sheet.
 */
registry.category("web_tour.tours").add("school_lesson_sheet_readonly_tour", {
    steps: () => [
        {
            content: "The sheet with its students, under the read-only journal's header",
            trigger: ".o_ej_readonly_badge:visible",
        },
        {
            content: "The sheet's rows, and no second read-only badge on the sheet",
            trigger: ".o_ej_sheet .o_ej_sheet_row",
            run() {
                const badges = [...document.querySelectorAll(".o_ej_sheet_head .badge")].filter(
                    (badge) => !badge.textContent.includes("Substitution") && !badge.textContent.includes("Замена")
                );
                if (badges.length) {
                    throw new Error(`The sheet repeats the header's badge: ${badges[0].outerHTML}`);
                }
            },
        },
    ],
});
