import { registry } from "@web/core/registry";

/**
 * A parent signs in through the OpenID Connect provider in the browser (issue 17): the
 * provider's button on the login page, the round trip to the test provider started by
 * tests/test_oidc_signin.py, and the own child's diary week with its lesson and mark.
 */
registry.category("web_tour.tours").add("school_ejournal_esia_signin", {
    steps: () => [
        {
            content: "The login page offers the provider",
            trigger: "a.list-group-item[href*='/auth_oidc/authorize/']",
            run: "click",
        },
        {
            content: "Back signed in, on the child's diary week",
            trigger: "body:contains('Сложение дробей')",
        },
        {
            content: "The child's mark and the teacher's comment are shown",
            trigger: "body:contains('Молодец')",
        },
    ],
});
