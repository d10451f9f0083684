import { registry } from "@web/core/registry";

/**
 * A message written on the follow-up of a child's unsatisfactory period mark: the composer's
 * "To:" line and the list of all recipients name the family's followers. Only who keeps the
 * family's contact (the class teacher, the administration) gets their e-mails; the subject
 * teacher gets their names only, nowhere an e-mail, not even in a tooltip (SEC-5, P 3.5, P 4.3).
 */
const FATHER = "Петров Андрей Олегович";

function checkEmails(selector, shown) {
    const html = document.querySelector(selector)?.outerHTML || "";
    if (html.includes("father@example.com") !== shown) {
        throw new Error(
            `${selector}: the father's e-mail ${shown ? "is missing" : "is shown"}: ${html.slice(0, 400)}`
        );
    }
}

function recipientsSteps(shown) {
    return [
        {
            content: "Write a message on the follow-up",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The composer names the father among the recipients",
            trigger: `.o-mail-Chatter-top span.text-muted:contains('${shown ? "father" : FATHER}')`,
            run() {
                checkEmails(".o-mail-Chatter-top", shown);
            },
        },
        {
            content: "Show all the recipients",
            trigger: ".o-mail-BaseRecipientsList-caret",
            run: "click",
        },
        {
            content: "The list of all recipients names the father (by his e-mail, to who keeps it)",
            trigger: `.o-mail-RecipientList li:contains('${shown ? "father@example.com" : `[${FATHER}]`}')`,
            run() {
                checkEmails(".o-mail-RecipientList", shown);
            },
        },
    ];
}

registry.category("web_tour.tours").add("school_composer_recipients_hidden_tour", {
    steps: () => recipientsSteps(false),
});

registry.category("web_tour.tours").add("school_composer_recipients_shown_tour", {
    steps: () => recipientsSteps(true),
});
