import { _t } from "@web/core/l10n/translation";
import { RPCError } from "@web/core/network/rpc";

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
        .split(/[\s/,;]+/)
        .filter(Boolean)
        .join(" ");
}

export function cellTitle(cell) {
    if (!cell) {
        return "";
    }
    return cell.marks
        .map((mark) => `${mark.value}: ${mark.work_type} (×${mark.weight})${mark.comment ? ` — ${mark.comment}` : ""}`)
        .join("\n");
}

export function formatAverage(value) {
    return value || value === 0 ? Number(value).toFixed(2) : "";
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
