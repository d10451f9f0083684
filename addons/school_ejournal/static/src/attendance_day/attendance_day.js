import { onWillStart, useState } from "@odoo/owl";
import { DateTimeInput } from "@web/core/datetime/datetime_input";
import { deserializeDate, serializeDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SchoolClientAction } from "../webclient/school_client_action";
import { ATTENDANCE_CHOICES, refusalMessage, shortName } from "../journal_grid/journal_utils";

/**
 * The class teacher's attendance of one day (JOUR-2, P 4.3): students down, the day's
 * lessons across; each cell holds the lesson's attendance code, the row's "whole day"
 * choice sets it for every lesson of the student that day ("ill the whole day").
 */
export class AttendanceDay extends SchoolClientAction {
    static template = "school_ejournal.AttendanceDay";
    static components = { ...SchoolClientAction.components, DateTimeInput };

    setup() {
        super.setup();
        this.choices = ATTENDANCE_CHOICES;
        this.shortName = shortName;
        this.state = useState({ options: { classes: [] }, classId: false, date: false, sheet: null, busy: false });
        onWillStart(async () => {
            this.state.options = await this.orm.call("school.journal.grid", "get_day_options", []);
            this.state.classId = this.state.options.default_class_id;
            this.state.date = this.state.options.default_date;
            await this.load();
        });
    }

    async load() {
        this.state.sheet = this.state.classId
            ? await this.orm.call("school.journal.grid", "get_day_sheet", [this.state.classId, this.state.date])
            : null;
    }

    code(lesson, student) {
        return this.state.sheet.cells[`${lesson.id}-${student.id}`] || "";
    }

    codeValue(label) {
        return this.choices.find((choice) => choice.label === label)?.code || "";
    }

    takes(lesson, student) {
        return lesson.student_ids.includes(student.id);
    }

    wholeDay(student) {
        const codes = this.state.sheet.lessons
            .filter((lesson) => this.takes(lesson, student))
            .map((lesson) => this.code(lesson, student));
        return codes.length && codes.every((code) => code === codes[0]) ? this.codeValue(codes[0]) : "mixed";
    }

    async save(lessons, student, code) {
        this.state.busy = true;
        try {
            for (const lesson of lessons) {
                if (lesson.editable && this.takes(lesson, student)) {
                    await this.orm.call("school.journal.grid", "save_attendance", [
                        lesson.id,
                        { [student.id]: code || false },
                    ]);
                }
            }
        } catch (error) {
            const message = refusalMessage(error);
            if (!message) {
                throw error;
            }
            this.notification.add(message, { title: _t("%s: not saved", student.name), type: "danger" });
        } finally {
            this.state.busy = false;
            await this.load();
        }
    }

    onCellChange(lesson, student, ev) {
        return this.save([lesson], student, ev.target.value);
    }

    onWholeDayChange(student, ev) {
        if (ev.target.value === "mixed") {
            return;
        }
        return this.save(this.state.sheet.lessons, student, ev.target.value);
    }

    async onClassChange(ev) {
        this.state.classId = parseInt(ev.target.value) || false;
        await this.load();
    }

    /** The day as the user's language writes dates (not the browser's, as a native date input). */
    get dayValue() {
        return this.state.date ? deserializeDate(this.state.date) : false;
    }

    async onDateChange(value) {
        if (value) {
            this.state.date = serializeDate(value);
            await this.load();
        }
    }

    async shiftDay(key) {
        this.state.date = this.state.sheet[key];
        await this.load();
    }

    get absentCount() {
        const sheet = this.state.sheet;
        return sheet.students.filter((student) =>
            sheet.lessons.some((lesson) => ["Н", "Б", "УП"].includes(this.code(lesson, student)))
        ).length;
    }
}

registry.category("actions").add("school_ejournal.attendance_day", AttendanceDay);
