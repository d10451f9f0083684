import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { useService } from "@web/core/utils/hooks";
import { ATTENDANCE_CHOICES, cellKey, cellTitle, marksText, useJournalGridCall } from "./journal_utils";
import { ariaLabels } from "../webclient/aria_labels";

/**
 * One lesson for a phone (JOUR-13): students down, each with the attendance buttons
 * (—, Н, Б, УП, ОП) and the marks field. Attendance goes to
 * ``school.journal.grid.save_attendance``, marks to ``save_cell``, as soon as entered.
 */
export class LessonSheet extends Component {
    static template = "school_ejournal.LessonSheet";
    static props = {
        lessonId: Number,
        onChanged: { type: Function, optional: true },
        // the journal's header already says that nothing here can be changed (read-only journal
        // or closed period): the sheet does not say it a second time
        readonlyShown: { type: Boolean, optional: true },
    };

    setup() {
        this.aria = ariaLabels();
        this.orm = useService("orm");
        this.callGrid = useJournalGridCall();
        this.notification = useService("notification");
        this.dialog = useService("dialog");
        this.attendanceChoices = ATTENDANCE_CHOICES;
        this.state = useState({ sheet: null, errors: {}, saving: {} });
        onWillStart(() => this.load(this.props.lessonId));
        onWillUpdateProps((nextProps) => {
            if (nextProps.lessonId !== this.props.lessonId) {
                return this.load(nextProps.lessonId);
            }
        });
    }

    async load(lessonId) {
        const sheet = await this.orm.call("school.journal.grid", "get_lesson_sheet", [lessonId]);
        Object.assign(this.state, { sheet, errors: {}, saving: {} });
    }

    get sheet() {
        return this.state.sheet;
    }

    get lesson() {
        return this.sheet.lesson;
    }

    get title() {
        const parts = [this.sheet.class.name, this.sheet.subject.name];
        if (this.lesson.subgroup) {
            parts.push(this.lesson.subgroup);
        }
        return parts.join(" · ");
    }

    get subtitle() {
        return _t("%(date)s, lesson %(number)s · %(teacher)s", {
            date: this.lesson.label,
            number: this.lesson.number,
            teacher: this.lesson.teacher,
        });
    }

    get countsLabel() {
        return _t("Students: %(students)s, absent: %(absent)s", {
            students: this.sheet.students.length,
            absent: this.absentCount,
        });
    }

    cell(student) {
        return this.sheet.cells[cellKey(this.lesson.id, student.id)];
    }

    attendanceOf(student) {
        const cell = this.cell(student);
        const label = cell && cell.attendance;
        return ATTENDANCE_CHOICES.find((choice) => choice.label === label)?.code || false;
    }

    hasError(student) {
        return student.id in this.state.errors;
    }

    isSaving(student) {
        return student.id in this.state.saving;
    }

    marks(student) {
        return marksText(this.cell(student));
    }

    marksTitle(student) {
        return cellTitle(this.cell(student));
    }

    get absentCount() {
        return this.sheet.students.filter((student) => {
            const code = this.attendanceOf(student);
            return code && code !== "late";
        }).length;
    }

    storeCell(student, cell) {
        const key = cellKey(this.lesson.id, student.id);
        if (cell.marks.length || cell.attendance) {
            this.sheet.cells[key] = cell;
        } else {
            delete this.sheet.cells[key];
        }
        this.props.onChanged?.();
    }

    refuse(student, message) {
        this.state.errors[student.id] = message;
        this.notification.add(message, { title: _t("%s: not saved", student.name), type: "danger" });
    }

    async setAttendance(student, code) {
        if (!this.lesson.editable || this.attendanceOf(student) === code) {
            return;
        }
        this.state.saving[student.id] = true;
        try {
            const { error } = await this.callGrid("save_attendance", [
                this.lesson.id,
                { [student.id]: code },
            ]);
            if (error) {
                this.refuse(student, error);
                return;
            }
            delete this.state.errors[student.id];
            const cell = this.cell(student) || { marks: [], attendance: false };
            const label = ATTENDANCE_CHOICES.find((choice) => choice.code === code)?.label;
            this.storeCell(student, { ...cell, attendance: code ? label : false });
        } finally {
            delete this.state.saving[student.id];
        }
    }

    /** Typing replaces the marks held: a "4" typed over a "4" stays "4", not "44". */
    onMarksFocus(ev) {
        ev.target.select();
    }

    /** Clearing the marks of a student deletes them: only once the teacher confirms. */
    confirmClear(student) {
        return new Promise((resolve) => {
            this.dialog.add(
                ConfirmationDialog,
                {
                    title: _t("Delete the marks?"),
                    body: _t("Delete the marks %(marks)s of %(student)s for this lesson?", {
                        marks: this.marks(student),
                        student: student.name,
                    }),
                    confirmLabel: _t("Delete"),
                    confirm: () => resolve(true),
                    cancel: () => resolve(false),
                },
                { onClose: () => resolve(false) }
            );
        });
    }

    async onMarksChange(student, ev) {
        const input = ev.target;
        const attendance = this.cell(student)?.attendance || "";
        if (!input.value.trim() && this.marks(student) && !(await this.confirmClear(student))) {
            input.value = this.marks(student);
            return;
        }
        this.state.saving[student.id] = true;
        try {
            const { result, error } = await this.callGrid("save_cell", [
                this.lesson.id,
                student.id,
                `${input.value} ${attendance}`.trim(),
            ]);
            if (error) {
                input.value = this.marks(student);
                this.refuse(student, error);
                return;
            }
            delete this.state.errors[student.id];
            this.storeCell(student, result.cell);
            input.value = this.marks(student);
        } finally {
            delete this.state.saving[student.id];
        }
    }

    onMarksKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            ev.target.blur();
        }
    }
}
