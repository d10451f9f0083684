import { session } from "@web/session";

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The school's colours of the marks by value (its settings; issue 13) as CSS variables of
 * the page: the journal grid, the lesson sheet and the period marks colour their marks with
 * ``var(--o-ej-mark-N)``.
 */
export function applyMarkColors(colors, root = document.documentElement) {
    for (const [value, color] of Object.entries(colors || {})) {
        if (HEX_COLOR.test(color)) {
            root.style.setProperty(`--o-ej-mark-${value}`, color);
        }
    }
}

applyMarkColors(session.school_mark_colors);
