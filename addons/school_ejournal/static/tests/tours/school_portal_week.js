import { registry } from "@web/core/registry";

/**
 * A guardian of two children reads the week on a phone (PORT-1): the week's lessons with
 * topic, homework, marks and lateness, the switch to the other child, the marks with the
 * forecast's working, and the acknowledgement of the week.
 */
function checkNoHorizontalScroll() {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the phone's screen`);
    }
}

registry.category("web_tour.tours").add("school_portal_week_tour", {
    steps: () => [
        {
            content: "The week of the first child is shown",
            trigger: ".o_school_diary .o_school_diary_student:contains('Петрова Мария')",
        },
        {
            content: "The topic of the lesson",
            trigger: ".o_school_lesson .o_school_topic:contains('Сложение дробей')",
        },
        {
            content: "The homework of the lesson",
            trigger: ".o_school_lesson .o_school_homework:contains('№ 123')",
        },
        {
            content: "The mark with its work type and the teacher's comment",
            trigger: ".o_school_lesson .o_school_mark_detail:contains('Молодец')",
        },
        {
            content: "The lateness",
            trigger: ".o_school_lesson .o_school_absence_detail",
        },
        {
            content: "Nothing wider than the phone",
            trigger: ".o_school_diary",
            run: checkNoHorizontalScroll,
        },
        {
            content: "Switch to the other child",
            trigger: ".o_school_diary_children a:contains('Алексей')",
            run: "click",
        },
        {
            content: "The other child's week",
            trigger: ".o_school_diary_student:contains('Петров Алексей')",
        },
        {
            content: "Back to the first child",
            trigger: ".o_school_diary_children a:contains('Мария')",
            run: "click",
        },
        {
            content: "Open the marks",
            trigger: ".o_school_diary_student:contains('Петрова Мария')",
        },
        {
            content: "Open the marks tab",
            trigger: ".o_school_diary_tabs a[href$='/marks']",
            run: "click",
        },
        {
            content: "Marks come with their dates",
            trigger: ".o_school_subject[data-subject='Математика'] .o_school_mark_date",
        },
        {
            content: "The forecast in words or the warning of too few marks",
            trigger:
                ".o_school_subject[data-subject='Математика'] .o_school_forecast_words, .o_school_subject[data-subject='Математика'] .o_school_not_enough",
        },
        {
            content: "Open the forecast's working",
            trigger: ".o_school_subject[data-subject='Математика'] .o_school_forecast summary",
            run: "click",
        },
        {
            content: "The forecast shows how many marks of which weight are needed",
            trigger: ".o_school_subject[data-subject='Математика'] .o_school_forecast_next:visible",
        },
        {
            content: "Nothing wider than the phone on the marks",
            trigger: ".o_school_period_marks",
            run: checkNoHorizontalScroll,
        },
        {
            content: "Back to the week",
            trigger: ".o_school_diary_tabs a:not([href$='/marks']):not([href$='/attendance']):not([href$='/events']):not([href$='/message'])",
            run: "click",
        },
        {
            content: "The acknowledgement is in reach without scrolling to the end (issue 13)",
            trigger: ".o_school_acknowledge_week",
            run: () => {
                const button = document.querySelector(".o_school_acknowledge_week");
                const top = document.querySelector(".o_school_acknowledge_top");
                const rect = button.getBoundingClientRect();
                if (!(rect.top < window.innerHeight && rect.bottom > 0) && !top) {
                    throw new Error("The acknowledgement is out of reach");
                }
            },
        },
        {
            content: "Every tab is reachable: the row of tabs scrolls sideways",
            trigger: ".o_school_diary_tabs",
            run: () => {
                const tabs = document.querySelector(".o_school_diary_tabs");
                if (getComputedStyle(tabs).overflowX !== "auto" || !tabs.querySelector("a[href$='/message']")) {
                    throw new Error("The tabs do not scroll");
                }
            },
        },
        {
            content: "Acknowledge the week",
            trigger: ".o_school_acknowledge_week",
            run: "click",
        },
        {
            content: "The acknowledgement is recorded with its time",
            trigger: ".o_school_acknowledged",
        },
    ],
});
