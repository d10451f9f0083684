import { _t } from "@web/core/l10n/translation";
import { RPCError } from "@web/core/network/rpc";
import { formatFloat } from "@web/core/utils/numbers";
import { useService } from "@web/core/utils/hooks";

/** Attendance choices of the lesson sheet: presence is stored as no entry (JOUR-2). */
export const ATTENDANCE_CHOICES = [
    { code: false, label: "—", title: _t("Present") },
    { code: "absent", label: "Н", title: _t("Absent") },
    { code: "ill", label: "Б", title: _t("Absent for illness") },
    { code: "excused", label: "УП", title: _t("Absent for a valid reason") },
    { code: "late", label: "ОП", title: _t("Late") },
];

const REFUSALS = ["UserError", "ValidationError", "AccessError", "MissingError"];

export function cellKey(lessonId, studentId) {
    return `${lessonId}-${studentId}`;
}

/** Marks of a cell as typed: "5 4". */
export function marksText(cell) {
    return cell ? cell.marks.map((mark) => mark.value).join(" ") : "";
}

/** Whole content of a cell as typed: marks, then the attendance code ("5 ОП", "Н"). */
export function cellText(cell) {
    return [marksText(cell), (cell && cell.attendance) || ""].filter(Boolean).join(" ");
}

/** Canonical form of typed text, to tell whether a cell really changed. */
export function normalizeText(text) {
    return (text || "")
        .trim()
        .toUpperCase()
        .split(/[\s\/,;]+/)
        .filter(Boolean)
        .join(" ");
}

export function cellTitle(cell) {
    if (!cell) {
        return "";
    }
    return cell.marks
        .map((mark) => {
            const weight = _t("weight %s", formatFloat(Number(mark.weight), { digits: [16, 1] }));
            const comment = mark.comment ? " — " + mark.comment : "";
            return mark.value + ": " + mark.work_type + " (" + weight + ")" + comment;
        })
        .join("\n");
}

/** An average in the user's number format: "3,64" in Russian. */
export function formatAverage(value) {
    return value || value === 0 ? formatFloat(Number(value), { digits: [16, 2] }) : "";
}

/** A weight as a short marker: "×2", "×0,5"; nothing for the usual weight 1. */
export function formatWeight(weight) {
    if (!weight || weight === 1) {
        return "";
    }
    return `×${formatFloat(Number(weight), { digits: [16, Number.isInteger(weight) ? 0 : 1] })}`;
}

/** "Иванов Иван Иванович" as "Иванов И. И." (the full name goes to the tooltip). */
export function shortName(name) {
    const [last, ...given] = (name || "").trim().split(/\s+/);
    const initials = given.filter(Boolean).map((part) => `${part[0]}.`);
    return [last, initials.join(" ")].filter(Boolean).join(" ");
}

/** CSS class of a mark by its value, coloured with the school's colours (mark_colors.js). */
export function markClass(value) {
    return `o_ej_mark o_ej_mark_${value}`;
}

/**
 * The server's refusal message (edit window, closed period, grade 1, another teacher's
 * lesson...) or null when the error is not a refusal and must go to the error dialog.
 */
export function refusalMessage(error) {
    if (error instanceof RPCError && REFUSALS.some((name) => (error.exceptionName || "").endsWith(name))) {
        return error.data?.message || error.message;
    }
    return null;
}

/**
 * A function calling a method of ``school.journal.grid``, for the components that save the
 * journal (the lesson panel, the lesson sheet). It resolves to ``{ result }``, or to
 * ``{ error }`` with the server's refusal message, which the component shows where it
 * belongs; any other error goes on to the error dialog.
 */
export function useJournalGridCall() {
    const orm = useService("orm");
    return async (method, args) => {
        try {
            return { result: await orm.call("school.journal.grid", method, args) };
        } catch (error) {
            const message = refusalMessage(error);
            if (!message) {
                throw error;
            }
            return { error: message };
        }
    };
}
