import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The rows of children, tabs and periods of the e-diary scroll sideways on a phone (PORT-1):
 * the current one is brought into sight, so that the "Events" or "Messages" tab of the page
 * being read is not hidden past the right edge of a 390 px screen.
 */
publicWidget.registry.SchoolDiaryTabs = publicWidget.Widget.extend({
    selector: ".o_school_diary",

    start() {
        for (const row of this.el.querySelectorAll(
            ".o_school_diary_children, .o_school_diary_tabs, .o_school_periods"
        )) {
            const active = row.querySelector(".active");
            if (active && row.scrollWidth > row.clientWidth) {
                const rowBox = row.getBoundingClientRect();
                const box = active.getBoundingClientRect();
                if (box.right > rowBox.left + rowBox.width * 0.85 || box.left < rowBox.left) {
                    // centred when possible: the fade of the right edge then hides nothing of it
                    row.scrollLeft += box.left - rowBox.left - (rowBox.width - box.width) / 2;
                }
            }
        }
        return this._super(...arguments);
    },
});
