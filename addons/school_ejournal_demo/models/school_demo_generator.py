"""Demo school generator: a realistic Russian general-education school in one company.

Everything is built with batch ``create(vals_list)`` from a seeded ``random.Random`` so the
same seed always gives the same school. The Russian strings below are data (names of
people, subjects, rooms), not user interface texts.
"""

import base64
import logging
import math
import random
import time
from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL, file_open

from .school_demo_journal_data import (
    DEFAULT_HOMEWORK,
    HOMEWORK_PATTERNS,
    LESSON_TOPICS,
    PLAN_SECTIONS,
    SUBJECT_CODES_BY_NAME,
    SUBSTITUTION_REASONS,
)

_logger = logging.getLogger(__name__)

CLASS_LETTERS = "АБВГДЕЖИКЛМН"
DEMO_PASSWORD_SUFFIX = "2026"

# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------
SURNAMES = """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин
Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов
Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв
Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов
Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов
Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов
Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев
Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников
Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин
Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков
Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров
Симонов Прокофьев Харитонов Князев Цветков Левин Воронов Аксёнов Мальцев Логинов Горшков Савин
Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Хохлов Фадеев Молчанов Игнатов
Литвинов Ершов Ушаков Рябов Мухин Калашников Лобанов Корнеев Бородин Платонов Некрасов Бобров
Жданов Блинов Коротков Дроздов Лавров Зуев Ларин Никулин Серов Зотов Устинов Фокин Самойлов
Сахаров Шишкин Черкасов Чистяков Носов Карасёв Зверев Нечаев Седов Панин Головин Терехов
Шестаков Гордеев Покровский Вишневский Островский Коваленко Шевченко Бондаренко Кравченко
""".split()
# (first name, patronymic of a son, patronymic of a daughter)
MALE_ADULT_NAMES = [
    ("Александр", "Александрович", "Александровна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Иван", "Иванович", "Ивановна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Павел", "Павлович", "Павловна"),
    ("Максим", "Максимович", "Максимовна"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Роман", "Романович", "Романовна"),
    ("Денис", "Денисович", "Денисовна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Константин", "Константинович", "Константиновна"),
    ("Антон", "Антонович", "Антоновна"),
    ("Илья", "Ильич", "Ильинична"),
    ("Никита", "Никитич", "Никитична"),
    ("Кирилл", "Кириллович", "Кирилловна"),
    ("Вадим", "Вадимович", "Вадимовна"),
    ("Станислав", "Станиславович", "Станиславовна"),
    ("Григорий", "Григорьевич", "Григорьевна"),
    ("Василий", "Васильевич", "Васильевна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"),
    ("Егор", "Егорович", "Егоровна"),
    ("Тимур", "Тимурович", "Тимуровна"),
    ("Руслан", "Русланович", "Руслановна"),
    ("Вячеслав", "Вячеславович", "Вячеславовна"),
    ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Геннадий", "Геннадьевич", "Геннадьевна"),
]
FEMALE_ADULT_NAMES = """
Елена Ольга Наталья Татьяна Ирина Светлана Юлия Анна Екатерина Мария Анастасия Марина Оксана
Евгения Ксения Дарья Надежда Вера Людмила Кристина Виктория Алина Яна Валерия Полина Жанна Инна
""".split()
GRANDMOTHER_NAMES = """
Галина Людмила Валентина Нина Тамара Любовь Лариса Надежда Раиса Зинаида Лидия Антонина
""".split()
BOY_NAMES = """
Александр Михаил Максим Артём Лев Марк Иван Матвей Дмитрий Даниил Кирилл Тимофей Егор Роман
Никита Фёдор Илья Андрей Алексей Степан Арсений Владимир Мирон Ярослав Глеб Платон Сергей Богдан
Макар Савелий
""".split()
GIRL_NAMES = """
София Анна Мария Ева Варвара Виктория Алиса Полина Василиса Александра Дарья Екатерина Ксения
Вероника Арина Милана Елизавета Валерия Анастасия Кира Ульяна Таисия Алёна Злата Маргарита
Есения Мирослава Стефания
""".split()
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            lat.strip("_")
            for lat in "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split()
        ],
        strict=True,
    )
)
MAIL_DOMAINS = ["mail.example", "inbox.example", "post.example"]

# --------------------------------------------------------------------------------------
# School structure
# --------------------------------------------------------------------------------------
BELLS = [
    (1, 8.5, 9.25),
    (2, 9 + 25 / 60, 10 + 10 / 60),
    (3, 10.5, 11.25),
    (4, 11 + 35 / 60, 12 + 20 / 60),
    (5, 12.5, 13.25),
    (6, 13 + 25 / 60, 14 + 10 / 60),
    (7, 14 + 20 / 60, 15 + 5 / 60),
]
# (name, room type, capacity, tag): tags link rooms to subjects and home rooms
ROOMS = (
    [(f"каб. {n}", "classroom", 28, "primary") for n in range(101, 109)]
    + [(f"каб. {n}", "classroom", 30, "general") for n in range(201, 209)]
    + [(f"каб. {n}", "classroom", 30, "language") for n in range(301, 305)]
    + [
        ("Кабинет информатики № 1", "computer", 15, "computer"),
        ("Кабинет информатики № 2", "computer", 15, "computer"),
        ("Лаборатория химии", "laboratory", 30, "chemistry"),
        ("Лаборатория физики", "laboratory", 30, "physics"),
        ("Кабинет биологии", "laboratory", 30, "biology"),
        ("Кабинет географии", "classroom", 30, "geography"),
        ("Кабинет музыки", "classroom", 30, "music"),
        ("Кабинет изобразительного искусства", "classroom", 30, "art"),
        ("Мастерская технического труда", "workshop", 15, "workshop"),
        ("Кабинет технологии", "workshop", 15, "workshop"),
        ("Кабинет ОБЗР", "classroom", 30, "obzr"),
        ("Спортивный зал", "gym", 60, "gym"),
        ("Малый спортивный зал", "gym", 30, "gym"),
        ("Актовый зал", "hall", 200, "hall"),
        ("Кабинет педагога-психолога", "other", 10, "specialist"),
    ]
)
# Federal curriculum (ФОП НОО, ООО, СОО; five-day week): weekly hours in grades 1..11.
# (code, name, short name, graded, room tags, hours by grade)
SUBJECTS = [
    ("RUS", "Русский язык", "Рус. яз.", True, ("primary", "general"), (5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2)),
    ("LITR", "Литературное чтение", "Лит. чт.", True, ("primary",), (4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0)),
    ("LIT", "Литература", "Лит-ра", True, ("general",), (0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3)),
    ("NATL", "Родной язык", "Род. яз.", True, ("primary", "general"), (1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0)),
    (
        "ENG",
        "Иностранный язык (английский)",
        "Англ. яз.",
        True,
        ("language",),
        (0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3),
    ),
    ("MATH", "Математика", "Матем.", True, ("primary", "general"), (4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0)),
    ("ALG", "Алгебра", "Алгебра", True, ("general",), (0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3)),
    ("GEOM", "Геометрия", "Геом.", True, ("general",), (0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2)),
    ("PROB", "Вероятность и статистика", "ВиС", True, ("general",), (0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1)),
    ("INF", "Информатика", "Информ.", True, ("computer",), (0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1)),
    ("WORLD", "Окружающий мир", "Окр. мир", True, ("primary",), (2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0)),
    ("HIST", "История", "История", True, ("general",), (0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2)),
    ("SOC", "Обществознание", "Общ-ние", True, ("general",), (0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2)),
    ("GEO", "География", "Геогр.", True, ("geography",), (0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1)),
    ("BIO", "Биология", "Биол.", True, ("biology",), (0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1)),
    ("PHYS", "Физика", "Физика", True, ("physics",), (0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2)),
    ("CHEM", "Химия", "Химия", True, ("chemistry",), (0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1)),
    ("MUS", "Музыка", "Музыка", True, ("music",), (1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0)),
    ("ART", "Изобразительное искусство", "ИЗО", True, ("art",), (1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0)),
    ("TECH", "Труд (технология)", "Труд", True, ("workshop",), (1, 1, 1, 1, 2, 2, 1, 1, 1, 0, 0)),
    ("PE", "Физическая культура", "Физ-ра", True, ("gym",), (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)),
    (
        "OBZR",
        "Основы безопасности и защиты Родины",
        "ОБЗР",
        True,
        ("obzr",),
        (0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1),
    ),
    (
        "ODNKNR",
        "Основы духовно-нравственной культуры народов России",
        "ОДНКНР",
        True,
        ("general",),
        (0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),
    ),
    (
        "ORKSE",
        "Основы религиозных культур и светской этики",
        "ОРКСЭ",
        False,
        ("primary",),
        (0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    ),
]
# Taught in two subgroups from this grade on (foreign language, informatics, technology).
SPLIT_SUBJECTS = {"ENG": 5, "INF": 5, "TECH": 5}
SUBGROUP_NAMES = ("1 группа", "2 группа")
# Taught in grades 1-4 by the class teacher; the rest by subject teachers.
PRIMARY_TEACHER_SUBJECTS = {"RUS", "LITR", "MATH", "WORLD", "ART", "TECH", "NATL", "ORKSE"}
# Subject teachers: (pool, subjects, job title, teachers for 2 classes per parallel,
# minimum, share of women)
TEACHER_POOLS = [
    ("rus", ("RUS", "LIT", "NATL"), "Учитель русского языка и литературы", 4, 1, 0.95),
    ("math", ("MATH", "ALG", "GEOM", "PROB"), "Учитель математики", 4, 1, 0.8),
    ("eng", ("ENG",), "Учитель английского языка", 4, 2, 0.9),
    ("inf", ("INF",), "Учитель информатики", 1, 1, 0.4),
    ("hist", ("HIST", "SOC", "ODNKNR"), "Учитель истории и обществознания", 2, 1, 0.7),
    ("geo", ("GEO",), "Учитель географии", 1, 1, 0.8),
    ("bio", ("BIO",), "Учитель биологии", 1, 1, 0.9),
    ("chem", ("CHEM",), "Учитель химии", 1, 1, 0.9),
    ("phys", ("PHYS",), "Учитель физики", 1, 1, 0.5),
    ("mus", ("MUS",), "Учитель музыки", 1, 1, 0.8),
    ("art", ("ART",), "Учитель изобразительного искусства", 1, 1, 0.9),
    ("tech", ("TECH",), "Учитель труда (технологии)", 1, 1, 0.3),
    ("pe", ("PE",), "Учитель физической культуры", 2, 1, 0.4),
    ("obzr", ("OBZR",), "Преподаватель-организатор ОБЗР", 1, 1, 0.2),
]
# Second teachers of a subject when its own pool has too few (a math teacher takes the
# second informatics group, the art teacher the second technology group).
SECONDARY_POOLS = {"INF": ("math",), "TECH": ("art",)}
# Administration and specialists: (key, job title, groups, share of women, demo login)
ADMIN_STAFF = [
    (
        "ej_admin",
        "Администратор электронного журнала",
        # ROLE-1: the school's account tools, no technical group of Odoo (issue 11 item 4)
        ("school_ejournal.group_school_admin",),
        0.6,
        "ej_admin",
    ),
    ("director", "Директор", ("school_ejournal.group_school_director",), 0.6, "director"),
    (
        "deputy",
        "Заместитель директора по учебно-воспитательной работе",
        ("school_ejournal.group_school_deputy",),
        0.9,
        "deputy",
    ),
    (
        "deputy2",
        "Заместитель директора по воспитательной работе",
        ("school_ejournal.group_school_deputy",),
        0.9,
        None,
    ),
    (
        "inspector",
        "Главный специалист управления образования",
        ("school_ejournal.group_school_inspector",),
        0.7,
        "inspector",
    ),
    ("psychologist", "Педагог-психолог", ("school_ejournal.group_school_specialist",), 0.9, "psychologist"),
    ("social", "Социальный педагог", ("school_ejournal.group_school_specialist",), 0.9, None),
]
# Demo logins in the order of the roles (ROLE-1..9), with their description.
DEMO_LOGINS = [
    ("ej_admin", "Администратор электронного журнала (ROLE-1)"),
    ("director", "Директор (ROLE-2)"),
    ("deputy", "Заместитель директора по УВР (ROLE-3)"),
    ("class_teacher", "Классный руководитель 5А (ROLE-4)"),
    ("teacher", "Учитель математики (ROLE-5)"),
    ("psychologist", "Педагог-психолог (ROLE-6)"),
    ("student", "Ученик 5А (ROLE-7)"),
    ("parent", "Родитель ученика 5А (ROLE-8)"),
    ("inspector", "Контролирующий орган (ROLE-9)"),
]


def _feminine(surname):
    """Feminine form of a Russian surname: Иванов -> Иванова, Покровский -> Покровская."""
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    return surname


def _translit(text):
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower() if ch.isalnum())


# --------------------------------------------------------------------------------------
# The demo journal
# --------------------------------------------------------------------------------------

WEEKDAYS = (0, 1, 2, 3, 4)
SATURDAY = 5
MIN_LESSONS_PER_DAY = 7
# Lessons per batch of marks: each batch is one create() and one append to the change log.
MARK_BATCH_LESSONS = 1500
ATTENDANCE_BATCH_LESSONS = 200
WRITTEN_WORK_TYPES = {
    "RUS": ("DICTATION", "INDEPENDENT"),
    "LIT": ("ESSAY", "TEST"),
    "ENG": ("DICTATION", "TEST"),
}
DEFAULT_WRITTEN_WORK_TYPES = ("INDEPENDENT", "TEST")
CURRENT_WORK_TYPES = (("ANSWER", 0.5), ("CLASSWORK", 0.3), ("HOMEWORK", 0.2))
FINAL_SECTION = "Итоговое повторение"
TZ_SQL = "COALESCE(NULLIF(p.tz, ''), 'Europe/Moscow')"


def _parse_sections(text):
    """``Section | topic; topic`` lines -> [(section, [(topic, work type code or None)])]."""
    sections = []
    for line in (text or "").strip().splitlines():
        section, _sep, topics = line.partition("|")
        parsed = []
        for topic in topics.split(";"):
            topic = topic.strip()
            if not topic:
                continue
            if topic.startswith("ЛР "):
                parsed.append((f"Лабораторная работа «{topic[3:].strip()}»", "LAB"))
            elif topic.startswith("ПР "):
                parsed.append((f"Практическая работа «{topic[3:].strip()}»", "PRACTICAL"))
            else:
                parsed.append((topic, None))
        sections.append((section.strip(), parsed))
    return sections


# --------------------------------------------------------------------------------------
# The large school of the benchmark
# --------------------------------------------------------------------------------------

GRADES = 11
# rows per INSERT statement of the bulk load
PAGE_SIZE = 2000
# columns written by the bulk load; the others keep their defaults (NULL): those of every
# journal entry (a mark or an attendance entry), each table's own, the audit columns
ENTRY_COLUMNS = ("id", "lesson_id", "student_id", "date", "class_id", "subject_id", "period_id", "company_id")
AUDIT_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
MARK_COLUMNS = (
    *ENTRY_COLUMNS,
    "value",
    "work_type_id",
    "weight",
    "author_id",
    "guardians_notified",
    *AUDIT_COLUMNS,
)
ATTENDANCE_COLUMNS = (*ENTRY_COLUMNS, "code", "late_minutes", *AUDIT_COLUMNS)
# the change log's columns besides its hashed fields (school.journal.log._chain_hashed_fields)
LOG_CHAIN_COLUMNS = ("previous_hash", "entry_hash", "hash_version", "key_version", *AUDIT_COLUMNS)


class SchoolDemoGenerator(models.AbstractModel):
    """Builds a realistic Russian demo school (issue: foundation, demo school)."""

    _name = "school.demo.generator"
    _description = "Demo School Generator"

    # ------------------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------------------

    def _russian_generator(self, **context):
        """The generator as superuser, without chatter, in Russian: the school is Russian, and its
        data (the periods' names, the change log's values) is written in Russian whoever
        generates it, the scheduler's or the shell's English too."""
        lang = "ru_RU" if self.env["res.lang"].search_count([("code", "=", "ru_RU")]) else False
        return self.sudo().with_context(
            lang=lang or self.env.lang,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            **context,
        )

    @api.model
    def generate(self, classes_per_parallel=2, students_per_class=23, seed=2026):
        """Build the demo school in the current company and return a summary of counts.

        Deterministic for a given ``seed``. Refuses to run on a school that already has
        classes in the current academic year, so that a demo database is never doubled.
        """
        if not (
            self.env.su
            or self.env.user._is_admin()
            or self.env.user.has_group("school_ejournal.group_school_admin")
        ):
            raise AccessError(_("Only the e-journal administrator can generate a demo school."))
        if not 1 <= classes_per_parallel <= len(CLASS_LETTERS):
            raise UserError(_("Classes per parallel must be between 1 and %s.", len(CLASS_LETTERS)))
        if not 2 <= students_per_class <= 40:
            raise UserError(_("Students per class must be between 2 and 40."))
        generator = self._russian_generator(no_reset_password=True)
        company = self.env.company
        generator._demo_check_company(company)
        ctx = {
            "rng": random.Random(seed),
            "company": company.with_env(generator.env),
            "classes_per_parallel": classes_per_parallel,
            "students_per_class": students_per_class,
            "lang": "ru_RU" if generator.env.lang == "ru_RU" else False,
            "summary": {},
        }
        generator._demo_build(ctx)
        generator._demo_after_structure(ctx)
        return generator._demo_summary(ctx)

    def _demo_build(self, ctx):
        """The structure steps, in order. Each step reads and enriches ``ctx``."""
        self._demo_company(ctx)
        self._demo_year(ctx)
        self._demo_bells(ctx)
        self._demo_rooms(ctx)
        self._demo_subjects(ctx)
        self._demo_staff(ctx)
        self._demo_classes(ctx)
        self._demo_curriculum(ctx)
        self._demo_students(ctx)
        self._demo_guardians(ctx)
        self._demo_subgroup_members(ctx)
        self._demo_subject_links(ctx)
        self._demo_policy(ctx)
        self._demo_portal_users(ctx)

    @api.model
    def _demo_login_rows(self, company=None):
        """(role, login, password) of the demo logins of an already generated school."""
        company = company or self.env.company
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        rows = []
        for key, description in DEMO_LOGINS:
            user = Users.search(
                [("login", "in", [key, f"{key}.{company.id}"]), ("company_ids", "in", company.ids)],
                limit=1,
            )
            if user:
                rows.append((description, user.login, key + DEMO_PASSWORD_SUFFIX))
        return rows

    def _demo_check_company(self, company):
        today = fields.Date.context_today(self)
        existing = (
            self.env["school.class"]
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", company.id),
                    ("year_id.date_start", "<=", today),
                    ("year_id.date_end", ">=", today),
                ],
                limit=1,
            )
        )
        if existing:
            raise UserError(
                _(
                    "The school %(school)s already has classes in the academic year %(year)s: "
                    "the demo school is generated only once, into a school without classes.",
                    school=company.name,
                    year=existing.year_id.name,
                )
            )

    # ------------------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------------------
    def _demo_company(self, ctx):
        company = ctx["company"]
        number = 17
        while self.env["res.company"].search_count(
            [("name", "=", self._demo_company_name(number)), ("id", "!=", company.id)]
        ):
            number += 1
        ctx["school_number"] = number
        ctx["mail_domain"] = f"school{number}.example"
        vals = {
            "name": self._demo_company_name(number),
            "street": "ул. Школьная, д. 17",
            "city": "Кострома",
            "zip": "156005",
            "country_id": self.env.ref("base.ru").id,
            "phone": "+7 (4942) 31-17-17",
            "email": f"info@school{number}.example",
            "website": f"https://school{number}.example",
        }
        with file_open("school_ejournal/static/description/icon.png", "rb") as icon:
            vals["logo"] = base64.b64encode(icon.read())
        company.write(vals)
        if ctx["lang"]:
            company.partner_id.lang = ctx["lang"]
            self.env.ref("base.user_admin").write({"lang": ctx["lang"], "tz": "Europe/Moscow"})

    @api.model
    def _demo_company_name(self, number):
        return f"МБОУ «Средняя общеобразовательная школа № {number}»"

    def _demo_year(self, ctx):
        company = ctx["company"]
        today = fields.Date.context_today(self)
        start_year = today.year if today.month >= 9 else today.year - 1
        year = self.env["school.academic.year"]._get_current(company=company, date=today)
        if not year:
            year = self.env["school.academic.year"].create(
                {
                    "name": f"{start_year}/{start_year + 1}",
                    "date_start": date(start_year, 9, 1),
                    "date_end": date(start_year + 1, 8, 31),
                    "company_id": company.id,
                }
            )
        if not year.period_ids:
            year.action_generate_periods()
        ctx["year"] = year

    def _demo_bells(self, ctx):
        ctx["bell_schedule"] = self.env["school.bell.schedule"].create(
            {
                "name": "Основное расписание",
                "company_id": ctx["company"].id,
                "bell_ids": [
                    Command.create({"number": n, "time_start": start, "time_end": end})
                    for n, start, end in BELLS
                ],
            }
        )

    def _demo_rooms(self, ctx):
        company = ctx["company"]
        Room = self.env["school.room"].with_context(active_test=False)
        existing = {r.name: r for r in Room.search([("company_id", "=", company.id)])}
        Room.create(
            [
                {"name": name, "room_type": rtype, "capacity": capacity, "company_id": company.id}
                for name, rtype, capacity, _tag in ROOMS
                if name not in existing
            ]
        )
        by_name = {r.name: r for r in Room.search([("company_id", "=", company.id)])}
        rooms_by_tag = {}
        for name, _rtype, _capacity, tag in ROOMS:
            rooms_by_tag.setdefault(tag, self.env["school.room"])
            rooms_by_tag[tag] |= by_name[name]
        ctx["rooms_by_tag"] = rooms_by_tag
        ctx["rooms"] = Room.browse([by_name[r[0]].id for r in ROOMS])

    def _demo_subjects(self, ctx):
        company = ctx["company"]
        Subject = self.env["school.subject"].with_context(active_test=False)
        existing = {s.name: s for s in Subject.search([("company_id", "=", company.id)])}
        vals_list = []
        for seq, (code, name, short, graded, tags, hours) in enumerate(SUBJECTS, 1):
            grades = [g for g, h in enumerate(hours, 1) if h]
            vals = {
                "name": name,
                "short_name": short,
                "code": code,
                "sequence": seq * 10,
                "grade_from": grades[0],
                "grade_to": grades[-1],
                "is_graded": graded,
                "physical_education": code == "PE",
                "room_ids": [Command.set([r.id for tag in tags for r in ctx["rooms_by_tag"][tag]])],
                "company_id": company.id,
            }
            if name in existing:
                existing[name].write(vals)
            else:
                vals_list.append(vals)
        Subject.create(vals_list)
        by_name = {s.name: s for s in Subject.search([("company_id", "=", company.id)])}
        ctx["subjects"] = {code: by_name[name] for code, name, *_rest in SUBJECTS}

    def _demo_staff(self, ctx):
        """Plan the staff (roles, subjects, class teachers), then create all users at once."""
        rng = ctx["rng"]
        cpp = ctx["classes_per_parallel"]
        staff = []

        def person(women_share):
            female = rng.random() < women_share
            surname = rng.choice(SURNAMES)
            first = rng.choice(FEMALE_ADULT_NAMES) if female else rng.choice(MALE_ADULT_NAMES)[0]
            father = rng.choice(MALE_ADULT_NAMES)
            if female:
                return _feminine(surname), first, father[2]
            return surname, first, father[1]

        for key, title, groups, women, login in ADMIN_STAFF:
            staff.append(
                {
                    "key": key,
                    "function": title,
                    "groups": list(groups),
                    "person": person(women),
                    "pool": None,
                    "demo_login": login,
                }
            )
        for i in range(4 * cpp):
            staff.append(
                {
                    "key": f"primary{i + 1}",
                    "function": "Учитель начальных классов",
                    "groups": [],
                    "person": person(0.95),
                    "pool": "primary",
                    "demo_login": None,
                }
            )
        for pool, _codes, title, base, minimum, women in TEACHER_POOLS:
            for i in range(max(minimum, math.ceil(base * cpp / 2))):
                staff.append(
                    {
                        "key": f"{pool}{i + 1}",
                        "function": title,
                        "groups": [],
                        "person": person(women),
                        "pool": pool,
                        "demo_login": None,
                    }
                )
        by_key = {s["key"]: s for s in staff}
        by_key["rus1"]["demo_login"] = "class_teacher"
        by_key["math1"]["demo_login"] = "teacher"

        # Class teachers: a primary teacher for every class of 1-4, subject teachers for 5-11;
        # the demo class teacher leads 5А, the demo subject teacher leads no class.
        letters = CLASS_LETTERS[:cpp]
        plan = {}
        primary = [s for s in staff if s["pool"] == "primary"]
        for i, (grade, letter) in enumerate((g, ltr) for g in range(1, 5) for ltr in letters):
            plan[(grade, letter)] = primary[i]["key"]
        candidates = [
            s["key"]
            for s in staff
            if s["pool"] not in (None, "primary") and s["key"] not in ("rus1", "math1")
        ]
        rng.shuffle(candidates)
        senior = [(g, ltr) for g in range(5, 12) for ltr in letters]
        plan[senior[0]] = "rus1"
        for i, slot in enumerate(senior[1:]):
            plan[slot] = candidates[i % len(candidates)]
        leaders = set(plan.values())
        for s in staff:
            if s["pool"] is not None:
                s["groups"] = [
                    "school_ejournal.group_school_class_teacher"
                    if s["key"] in leaders
                    else "school_ejournal.group_school_teacher"
                ]

        users = self._demo_create_users(ctx, staff)
        for s, user in zip(staff, users):
            s["user"] = user
        ctx["staff"] = staff
        ctx["staff_by_key"] = by_key
        ctx["class_teacher_plan"] = plan

    def _demo_create_users(self, ctx, staff):
        company = ctx["company"]
        taken = set(self.env["res.users"].with_context(active_test=False).search([]).mapped("login"))
        # Logins are fixed; a second demo school in the same database gets a suffix.
        suffix = f".{company.id}" if taken & {login for login, _desc in DEMO_LOGINS} else ""
        ctx["login_suffix"] = suffix
        ctx["logins"] = {}
        vals_list = []
        for s in staff:
            last, first, middle = s["person"]
            if s["demo_login"]:
                login = s["demo_login"] + suffix
                password = s["demo_login"] + DEMO_PASSWORD_SUFFIX
                ctx["logins"][s["demo_login"]] = (login, password)
            else:
                base = f"{_translit(last)}.{_translit(first)[:1]}{_translit(middle)[:1]}"
                login, n = base, 1
                while login in taken:
                    n += 1
                    login = f"{base}{n}"
                password = False
            taken.add(login)
            vals = {
                "name": f"{last} {first} {middle}",
                "login": login,
                "email": f"{login}@{ctx['mail_domain']}",
                "function": s["function"],
                "tz": "Europe/Moscow",
                "company_id": company.id,
                "company_ids": [Command.set([company.id])],
                "groups_id": [Command.set([self.env.ref(xmlid).id for xmlid in s["groups"]])],
            }
            if ctx["lang"]:
                vals["lang"] = ctx["lang"]
            if password:
                vals["password"] = password
            vals_list.append(vals)
        return self.env["res.users"].create(vals_list)

    def _demo_classes(self, ctx):
        """Classes 1-11: primary classes on the first floor, the others in subject rooms."""
        company = ctx["company"]
        rooms_by_tag = ctx["rooms_by_tag"]
        letters = CLASS_LETTERS[: ctx["classes_per_parallel"]]
        home_rooms = {
            "primary": list(rooms_by_tag["primary"]),
            "senior": list(
                rooms_by_tag["general"]
                | rooms_by_tag["language"]
                | rooms_by_tag["geography"]
                | rooms_by_tag["biology"]
                | rooms_by_tag["chemistry"]
                | rooms_by_tag["physics"]
            ),
        }
        used = {"primary": 0, "senior": 0}
        vals_list = []
        for grade in range(1, 12):
            for letter in letters:
                level = "primary" if grade <= 4 else "senior"
                rooms = home_rooms[level]
                leader = ctx["staff_by_key"][ctx["class_teacher_plan"][(grade, letter)]]["user"]
                vals_list.append(
                    {
                        "grade": grade,
                        "letter": letter,
                        "year_id": ctx["year"].id,
                        "class_teacher_id": leader.id,
                        "room_id": rooms[used[level] % len(rooms)].id,
                        "bell_schedule_id": ctx["bell_schedule"].id,
                        "company_id": company.id,
                    }
                )
                used[level] += 1
        ctx["classes"] = self.env["school.class"].create(vals_list)
        count = self.env.context.get("school_demo_class_count")
        classes = ctx["classes"]
        if count and len(classes) > count:
            # the large school (generate_large): the senior parallels lose their last letters
            # first, primary schools are larger
            extra = classes.sorted(lambda c: (c.letter, c.grade), reverse=True)[: len(classes) - count]
            ctx["classes"] = classes - extra
            extra.unlink()

    def _demo_curriculum(self, ctx):
        """Curriculum lines, subgroups (still empty) and the teacher load of every line."""
        subjects = ctx["subjects"]
        staff = ctx["staff"]
        load = {s["key"]: 0.0 for s in staff}
        order = {s["key"]: i for i, s in enumerate(staff)}
        pools = {}
        for s in staff:
            if s["pool"]:
                pools.setdefault(s["pool"], []).append(s["key"])
        pool_of = {code: pool for pool, codes, *_rest in TEACHER_POOLS for code in codes}
        user_of = {s["key"]: s["user"] for s in staff}

        def least_loaded(keys, exclude=()):
            keys = [k for k in keys if k not in exclude]
            return min(keys, key=lambda k: (load[k], order[k])) if keys else None

        line_vals, plans = [], []
        for school_class in ctx["classes"]:
            grade = school_class.grade
            leader = ctx["class_teacher_plan"][(grade, school_class.letter)]
            chosen = {}
            for code, *_rest, hours_by_grade in SUBJECTS:
                hours = hours_by_grade[grade - 1]
                if not hours:
                    continue
                split = grade >= SPLIT_SUBJECTS.get(code, 99)
                line_vals.append(
                    {
                        "class_id": school_class.id,
                        "subject_id": subjects[code].id,
                        "hours_per_week": hours,
                        "split_in_subgroups": split,
                    }
                )
                pool = pool_of.get(code)
                if grade <= 4 and code in PRIMARY_TEACHER_SUBJECTS:
                    teachers = [leader]
                elif split:
                    own = pools.get(pool, [])
                    first = leader if leader in own else least_loaded(own)
                    second = least_loaded(own, exclude=[first]) or least_loaded(
                        [k for p in SECONDARY_POOLS.get(code, ()) for k in pools.get(p, [])],
                        exclude=[first],
                    )
                    teachers = [first, second or first]
                else:
                    if pool not in chosen:
                        own = pools.get(pool, [])
                        chosen[pool] = leader if leader in own else least_loaded(own)
                    teachers = [chosen[pool]]
                for key in teachers:
                    load[key] += hours
                plans.append((school_class, code, hours, split, teachers))
        ctx["curriculum_lines"] = self.env["school.curriculum.line"].create(line_vals)

        subgroup_vals = []
        for school_class, code, _hours, split, teachers in plans:
            if split:
                subgroup_vals += [
                    {
                        "name": name,
                        "class_id": school_class.id,
                        "subject_id": subjects[code].id,
                        "teacher_id": user_of[key].id,
                    }
                    for name, key in zip(SUBGROUP_NAMES, teachers)
                ]
        subgroups = self.env["school.subgroup"].create(subgroup_vals)
        subgroup_of = {(g.class_id.id, g.subject_id.id, g.name): g for g in subgroups}
        ctx["subgroups"] = subgroups

        assignment_vals = []
        for school_class, code, hours, split, teachers in plans:
            for index, key in enumerate(teachers):
                vals = {
                    "teacher_id": user_of[key].id,
                    "subject_id": subjects[code].id,
                    "class_id": school_class.id,
                    "hours_per_week": hours,
                }
                if split:
                    vals["subgroup_id"] = subgroup_of[
                        (school_class.id, subjects[code].id, SUBGROUP_NAMES[index])
                    ].id
                assignment_vals.append(vals)
        ctx["assignments"] = self.env["school.teaching.assignment"].create(assignment_vals)
        ctx["teacher_load"] = load

    def _demo_students(self, ctx):
        """Families first (siblings share guardians), then students and their enrollment."""
        rng = ctx["rng"]
        year = ctx["year"]
        classes = list(ctx["classes"])
        free = {c.id: ctx["students_per_class"] for c in classes}
        families, children = [], []

        def new_family():
            family = {
                "surname": rng.choice(SURNAMES),
                "father": rng.choice(MALE_ADULT_NAMES),
                "father_patronymic": rng.choice(MALE_ADULT_NAMES)[1],
                "mother": rng.choice(FEMALE_ADULT_NAMES),
                "mother_patronymic": rng.choice(MALE_ADULT_NAMES)[2],
                "structure": rng.random(),
                "children": [],
            }
            families.append(family)
            return family

        def add_child(family, school_class):
            female = rng.random() < 0.5
            first = rng.choice(GIRL_NAMES if female else BOY_NAMES)
            while any(c["first_name"] == first for c in family["children"]):
                first = rng.choice(GIRL_NAMES if female else BOY_NAMES)
            child = {
                "family": family,
                "class": school_class,
                "female": female,
                "first_name": first,
                "last_name": _feminine(family["surname"]) if female else family["surname"],
                "middle_name": family["father"][2] if female else family["father"][1],
            }
            family["children"].append(child)
            children.append(child)
            free[school_class.id] -= 1

        def sibling_class(family):
            taken_grades = {c["class"].grade for c in family["children"]}
            options = [c for c in classes if free[c.id] > 0 and c.grade not in taken_grades]
            return rng.choice(options) if options else None

        # The family of the demo parent: a child in 5А and a younger one in 2А.
        demo_family = new_family()
        demo_family["structure"] = 0.0
        first_class = {(c.grade, c.letter): c for c in classes}
        add_child(demo_family, first_class[(5, CLASS_LETTERS[0])])
        add_child(demo_family, first_class[(2, CLASS_LETTERS[0])])
        for school_class in classes:
            while free[school_class.id] > 0:
                family = new_family()
                add_child(family, school_class)
                if rng.random() < 0.12:
                    other = sibling_class(family)
                    if other:
                        add_child(family, other)
                        if rng.random() < 0.15:
                            third = sibling_class(family)
                            if third:
                                add_child(family, third)

        file_numbers = {}
        student_vals = []
        start = year.date_start
        for child in children:
            grade = child["class"].grade
            initial = child["last_name"][0]
            file_numbers[initial] = file_numbers.get(initial, 0) + 1
            admission = date(start.year - grade + 1, 6, 1) + timedelta(days=rng.randint(0, 80))
            child["consent_date"] = admission
            pe_draw = rng.random()
            student_vals.append(
                {
                    "last_name": child["last_name"],
                    "first_name": child["first_name"],
                    "middle_name": child["middle_name"],
                    "gender": "female" if child["female"] else "male",
                    "consent_date": admission,
                    "consent_document": f"Согласие законного представителя от {admission:%d.%m.%Y}",
                    "birthdate": date(start.year - grade - 5, 3, 1) - timedelta(days=rng.randint(0, 440)),
                    "personal_file": f"{initial}-{file_numbers[initial]:03d}",
                    "pe_group": "main" if pe_draw < 0.9 else "preparatory" if pe_draw < 0.97 else "special",
                    "city": ctx["company"].city,
                    "lang": ctx["lang"],
                    "company_id": ctx["company"].id,
                }
            )
        students = self.env["school.student"].create(student_vals)
        for child, student in zip(children, students):
            child["student"] = student
        self.env["school.enrollment"].create(
            [
                {
                    "student_id": child["student"].id,
                    "class_id": child["class"].id,
                    "date_start": start,
                }
                for child in children
            ]
        )
        ctx["families"] = families
        ctx["children"] = children
        ctx["students"] = students
        ctx["demo_family"] = demo_family
        largest = self.env.context.get("school_demo_largest_class")
        if largest:
            self._demo_bulk_class_sizes(ctx, largest)

    def _demo_guardians(self, ctx):
        """Mother and/or father (sometimes a grandmother) of every family, linked to each child."""
        rng = ctx["rng"]
        company = ctx["company"]
        partner_vals, people = [], []

        def guardian(family, relation, name):
            last, first = name.split()[:2]
            email = False
            if rng.random() < 0.9:
                mailbox = f"{_translit(last)}.{_translit(first)[:1]}{rng.randint(1, 999)}"
                email = f"{mailbox}@{rng.choice(MAIL_DOMAINS)}"
            code, number = rng.randint(0, 99), rng.randint(0, 999)
            pair_1, pair_2 = rng.randint(0, 99), rng.randint(0, 99)
            partner_vals.append(
                {
                    "name": name,
                    "phone": f"+7 9{code:02d} {number:03d}-{pair_1:02d}-{pair_2:02d}",
                    "email": email,
                    "city": company.city,
                    "company_id": company.id,
                    "lang": ctx["lang"],
                }
            )
            person = {"family": family, "relation": relation, "refused": rng.random() < 0.03}
            people.append(person)
            family.setdefault("guardians", []).append(person)

        for family in ctx["families"]:
            surname = family["surname"]
            structure = family["structure"]
            mother = f"{_feminine(surname)} {family['mother']} {family['mother_patronymic']}"
            father = f"{surname} {family['father'][0]} {family['father_patronymic']}"
            if structure < 0.62:
                guardian(family, "mother", mother)
                guardian(family, "father", father)
            elif structure < 0.9:
                guardian(family, "mother", mother)
            elif structure < 0.95:
                guardian(family, "father", father)
            else:
                granny = (
                    f"{_feminine(surname)} {rng.choice(GRANDMOTHER_NAMES)} {rng.choice(MALE_ADULT_NAMES)[2]}"
                )
                if structure < 0.98:
                    guardian(family, "mother", mother)
                guardian(family, "grandmother", granny)
        # The demo parent uses the e-diary.
        ctx["demo_family"]["guardians"][0]["refused"] = False
        partners = self.env["res.partner"].create(partner_vals)

        link_vals = []
        for person, partner in zip(people, partners):
            person["partner"] = partner
            family = person["family"]
            # A grandmother is the legal representative only when she is the sole guardian.
            legal = person["relation"] != "grandmother" or len(family["guardians"]) == 1
            refused = person["refused"]
            for child in family["children"]:
                consent = child["consent_date"]
                link_vals.append(
                    {
                        "student_id": child["student"].id,
                        "guardian_id": partner.id,
                        "relation": person["relation"],
                        "is_legal_representative": legal,
                        "sequence": 10 * (family["guardians"].index(person) + 1),
                        "consent_date": consent,
                        "consent_document": "Согласие на обработку персональных данных от "
                        f"{consent:%d.%m.%Y}",
                        "electronic_access_refused": refused,
                        "notify_marks": not refused and rng.random() < 0.8,
                        "notify_weekly": not refused and rng.random() < 0.9,
                        "notify_alerts": not refused,
                        "notify_sms": not refused and rng.random() < 0.15,
                        "date_start": consent,
                    }
                )
        ctx["guardians"] = partners
        ctx["guardian_links"] = self.env["school.guardian.link"].create(link_vals)
        ctx["demo_parent"] = ctx["demo_family"]["guardians"][0]["partner"]

    def _demo_subgroup_members(self, ctx):
        """Each subgroup gets half of its class, in the order of the class list."""
        by_class = {}
        for child in ctx["children"]:
            by_class.setdefault(child["class"].id, self.env["school.student"])
            by_class[child["class"].id] |= child["student"]
        for subgroup in ctx["subgroups"]:
            students = by_class.get(subgroup.class_id.id, self.env["school.student"]).sorted(
                lambda s: (s.last_name, s.first_name, s.middle_name or "")
            )
            half = math.ceil(len(students) / 2)
            members = students[:half] if subgroup.name == SUBGROUP_NAMES[0] else students[half:]
            subgroup.student_ids = [Command.set(members.ids)]

    def _demo_subject_links(self, ctx):
        """Subject-teacher links (SETUP-3): who teaches each subject in this school."""
        teachers = {}
        for assignment in ctx["assignments"]:
            teachers.setdefault(assignment.subject_id, set()).add(assignment.teacher_id.id)
        for subject, user_ids in teachers.items():
            subject.teacher_ids = [Command.set(sorted(user_ids))]

    def _demo_policy(self, ctx):
        year = ctx["year"]
        Policy = self.env["school.grading.policy"]
        policy = Policy._get_policy(year.date_start, company=ctx["company"])
        if not policy:
            policy = Policy.create(
                {
                    "name": f"Положение о текущем контроле и промежуточной аттестации {year.name}",
                    "date_from": year.date_start,
                    "date_to": year.date_end,
                    "company_id": ctx["company"].id,
                }
            )
        policy.action_load_work_types()
        ctx["policy"] = policy

    def _demo_portal_users(self, ctx):
        """Portal logins of the demo student (5А) and of the demo parent (two children)."""
        company = ctx["company"]
        suffix = ctx["login_suffix"]
        demo_child = ctx["demo_family"]["children"][0]["student"]
        common = {
            "tz": "Europe/Moscow",
            "company_id": company.id,
            "company_ids": [Command.set([company.id])],
        }
        if ctx["lang"]:
            common["lang"] = ctx["lang"]
        users = self.env["res.users"].create(
            [
                dict(
                    common,
                    login="student" + suffix,
                    password="student" + DEMO_PASSWORD_SUFFIX,
                    partner_id=demo_child.partner_id.id,
                    groups_id=[Command.set([self.env.ref("school_ejournal.group_school_student").id])],
                ),
                dict(
                    common,
                    login="parent" + suffix,
                    password="parent" + DEMO_PASSWORD_SUFFIX,
                    partner_id=ctx["demo_parent"].id,
                    groups_id=[Command.set([self.env.ref("school_ejournal.group_school_parent").id])],
                ),
            ]
        )
        demo_child.user_id = users[0]
        ctx["logins"]["student"] = (users[0].login, "student" + DEMO_PASSWORD_SUFFIX)
        ctx["logins"]["parent"] = (users[1].login, "parent" + DEMO_PASSWORD_SUFFIX)
        ctx["portal_users"] = users

    def _demo_summary(self, ctx):
        summary = {
            "company": ctx["company"].name,
            "year": ctx["year"].name,
            "rooms": len(ctx["rooms"]),
            "subjects": len(ctx["subjects"]),
            "staff": len(ctx["staff"]),
            "classes": len(ctx["classes"]),
            "students": len(ctx["students"]),
            "guardians": len(ctx["guardians"]),
            "guardian_links": len(ctx["guardian_links"]),
            "curriculum_lines": len(ctx["curriculum_lines"]),
            "subgroups": len(ctx["subgroups"]),
            "assignments": len(ctx["assignments"]),
            "logins": [(description, *ctx["logins"][key]) for key, description in DEMO_LOGINS],
        }
        summary.update(ctx["summary"])
        return summary

    # ==================================================================================
    # The journal of the demo school (issue: demo journal).
    #
    # Demo journal: timetable, plans, lessons, topics, homework, attendance and marks.
    #
    # Runs after the demo school's structure (``_demo_after_structure``) or on its own from the
    # database (``generate_journal``). Everything is created in batches from a seeded
    # ``random.Random``; per-record work happens in memory, never as one query per record.
    # ==================================================================================
    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    def _demo_after_structure(self, ctx):
        """The steps after the structure: the journal of the new school from 1 September to today.

        Context keys: ``school_demo_skip_journal`` skips it; ``school_demo_journal_date_from``
        and ``school_demo_journal_date_to`` narrow the range (tests use two weeks).
        """
        if self.env.context.get("school_demo_bulk"):
            # the large school (generate_large): the same structure, the journal in bulk SQL
            ctx["summary"].update(self._demo_bulk_journal(ctx["year"], ctx["rng"]))
            return
        if self.env.context.get("school_demo_skip_journal"):
            return
        year = ctx["year"]
        date_from, date_to = self._demo_journal_range(
            year,
            self.env.context.get("school_demo_journal_date_from"),
            self.env.context.get("school_demo_journal_date_to"),
        )
        ctx["summary"].update(self._demo_journal(year, ctx["rng"], date_from, date_to))

    @api.model
    def generate_journal(self, date_from=None, date_to=None, seed=2026):
        """Fill the journal of the current school year from the database alone.

        Uses the classes of the current year, their curriculum and teaching assignments;
        classes that already have a timetable keep it. Refuses a year that has marks.
        """
        if not (
            self.env.su
            or self.env.user._is_admin()
            or self.env.user.has_group("school_ejournal.group_school_admin")
        ):
            raise AccessError(_("Only the e-journal administrator can generate a demo journal."))
        year = self.env["school.academic.year"]._get_current(company=self.env.company)
        if not year:
            raise UserError(_("The school has no academic year in force today."))
        generator = self._russian_generator()
        if generator.env["school.mark"].search_count([("class_id.year_id", "=", year.id)], limit=1):
            raise UserError(
                _(
                    "The academic year %s already has marks: the demo journal is generated only once.",
                    year.name,
                )
            )
        date_from, date_to = self._demo_journal_range(year, date_from, date_to)
        return generator._demo_journal(year.with_env(generator.env), random.Random(seed), date_from, date_to)

    def _demo_journal_range(self, year, date_from=None, date_to=None):
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(date_from) or year.date_start
        date_to = fields.Date.to_date(date_to) or min(today, year.date_end)
        return max(date_from, year.date_start), min(date_to, year.date_end)

    @api.model
    def _demo_attendance_code(self, rng, ill, first_lesson):
        """A student's attendance at one demo lesson: ill all day, rare absences, lates mostly
        at the first lesson; False when present."""
        if ill:
            return "ill"
        draw = rng.random()
        if draw < 0.006:
            return "absent"
        if draw < 0.009:
            return "excused"
        if draw < 0.009 + (0.03 if first_lesson else 0.004):
            return "late"
        return False

    def _demo_journal(self, year, rng, date_from, date_to):
        """Build the journal of ``year`` between two dates; return counts for the summary."""
        started = time.monotonic()
        data = self._demo_journal_data(year, rng)
        if not data["classes"]:
            return {}

        def progress(step):
            _logger.info("Demo journal: %s (%.1f s)", step, time.monotonic() - started)

        self._demo_timetable(data)
        progress(f"{len(data['new_slots'])} timetable slots")
        plans = self._demo_plans(data)
        progress(f"{len(plans)} plans")
        lessons = data["slots"]._generate_lessons(date_from, date_to)
        progress(f"{len(lessons)} lessons from {date_from} to {date_to}")
        today = fields.Date.context_today(self)
        past = lessons.filtered(lambda lesson: lesson.date < today).sorted(
            lambda lesson: (lesson.date, lesson.lesson_number, lesson.id)
        )
        self._demo_lesson_contents(data, past)
        progress("topics and homework")
        substitutions = self._demo_substitutions(data, past)
        progress(f"{substitutions} substitutions")
        absent, attendance_count = self._demo_attendance(data, past)
        progress(f"{attendance_count} attendance entries")
        mark_count = self._demo_marks(data, past, absent, progress)
        progress(f"{mark_count} marks")
        self._demo_entry_times(data, past)
        progress("entry times")
        return {
            "timetable_slots": len(data["new_slots"]),
            "plans": len(plans),
            "lessons": len(lessons),
            "marks": mark_count,
            "attendance": attendance_count,
            "substitutions": substitutions,
        }

    # ------------------------------------------------------------------
    # What the database holds
    # ------------------------------------------------------------------
    def _demo_journal_data(self, year, rng):
        company = year.company_id
        classes = self.env["school.class"].search(
            [("year_id", "=", year.id), ("company_id", "=", company.id)]
        )
        lines = self.env["school.curriculum.line"].search([("class_id", "in", classes.ids)])
        assignments = self.env["school.teaching.assignment"].search([("class_id", "in", classes.ids)])
        enrollments = self.env["school.enrollment"].search([("class_id", "in", classes.ids)])
        work_types = self.env["school.work.type"].search([("company_id", "in", (False, company.id))])
        codes = {}
        for subject in lines.subject_id | assignments.subject_id:
            code = (subject.code or "").strip().upper()
            if code not in PLAN_SECTIONS and code not in LESSON_TOPICS and code not in HOMEWORK_PATTERNS:
                code = SUBJECT_CODES_BY_NAME.get((subject.name or "").strip().lower(), code)
            codes[subject.id] = code
        by_class = defaultdict(list)
        for enrollment in enrollments.sorted("id"):
            by_class[enrollment.class_id.id].append(
                (enrollment.student_id.id, enrollment.date_start, enrollment.date_end)
            )
        subgroups = self.env["school.subgroup"].search([("class_id", "in", classes.ids)])
        return {
            "rng": rng,
            "year": year,
            "company": company,
            "classes": classes,
            "lines": lines,
            "assignments": assignments,
            "codes": codes,
            "enrollments": by_class,
            "subgroup_members": {g.id: set(g.student_ids.ids) for g in subgroups},
            "work_types": {wt.code: wt for wt in work_types},
            "work_types_by_category": {wt.category: wt for wt in work_types.sorted("sequence", reverse=True)},
            "existing_slots": self.env["school.timetable.slot"].search(
                [("class_id", "in", classes.ids), ("date_to", ">=", year.date_start)]
            ),
        }

    def _demo_work_type(self, data, code, category="current"):
        return data["work_types"].get(code) or data["work_types_by_category"].get(category)

    def _demo_members(self, data, lesson):
        """Student ids of the lesson's class or subgroup on its date (JOUR-3, JOUR-12)."""
        members = [
            student
            for student, start, end in data["enrollments"].get(lesson.class_id.id, ())
            if start <= lesson.date and (not end or end >= lesson.date)
        ]
        if lesson.subgroup_id:
            group = data["subgroup_members"].get(lesson.subgroup_id.id, set())
            members = [student for student in members if student in group]
        return members

    # ------------------------------------------------------------------
    # Timetable (SETUP-7)
    # ------------------------------------------------------------------
    def _demo_timetable_units(self, data, school_class, assignments_by):
        """What a class has each week: one unit per lesson hour, with the teachers taking it.

        A subject taught in subgroups by two teachers is one unit with two parts held at
        once; when one teacher has both subgroups, each subgroup gets its own units.
        """
        units = []
        for line in (
            data["lines"]
            .filtered(lambda line: line.class_id == school_class)
            .sorted(lambda line: (line.subject_id.sequence, line.subject_id.id))
        ):
            hours = int(round(line.hours_per_week))
            assignments = assignments_by.get((school_class.id, line.subject_id.id))
            if hours <= 0 or not assignments:
                continue
            grouped = assignments.filtered("subgroup_id")
            if line.split_in_subgroups and grouped:
                parts = [(a.teacher_id.id, a.subgroup_id.id) for a in grouped.sorted("id")]
                teachers = [teacher for teacher, _group in parts]
                part_sets = [parts] if len(set(teachers)) == len(teachers) else [[part] for part in parts]
            else:
                assignment = (assignments - grouped)[:1] or assignments[:1]
                part_sets = [[(assignment.teacher_id.id, False)]]
            for parts in part_sets:
                units.append({"subject": line.subject_id, "parts": parts, "hours": hours})
        return units

    def _demo_pick_room(self, school_class, subject, day, number, busy_room, taken):
        home = school_class.room_id
        rooms = subject.room_ids.sorted("name")
        candidates = list(rooms)
        if home and (not rooms or home in rooms):
            candidates = [home] + [room for room in candidates if room != home]
        for room in candidates:
            if (room.id, day, number) not in busy_room and room.id not in taken:
                return room.id
        return False

    @api.model
    def _demo_spread_units(self, units, rng):
        """Spread a class's weekly units over the days: a subject once a day while possible."""
        per_day = {day: [] for day in WEEKDAYS}
        for unit in sorted(units, key=lambda u: -u["hours"]):
            for _hour in range(unit["hours"]):
                free_days = [d for d in WEEKDAYS if not any(u is unit for u in per_day[d])]
                day = min(free_days or WEEKDAYS, key=lambda d: (len(per_day[d]), rng.random()))
                per_day[day].append(unit)
        return per_day

    def _demo_timetable(self, data):
        """A weekly timetable per class without teacher, room or class conflicts.

        Greedy: each subject's hours are spread over the week, then day by day every class
        fills its lessons in order, taking a unit whose teachers are free; in-memory sets of
        busy teachers, rooms and classes keep the slot constraint satisfied.
        """
        rng = data["rng"]
        year = data["year"]
        busy_teacher, busy_room, busy_class = set(), set(), set()
        for slot in data["existing_slots"]:
            key = (int(slot.weekday), slot.lesson_number)
            busy_teacher.add((slot.teacher_id.id, *key))
            busy_class.add((slot.class_id.id, *key))
            if slot.room_id:
                busy_room.add((slot.room_id.id, *key))
        data["busy_teacher"] = busy_teacher
        classes = (data["classes"] - data["existing_slots"].class_id).sorted(
            lambda c: (-c.grade, c.letter or "", c.id)
        )
        assignments_by = defaultdict(lambda: self.env["school.teaching.assignment"])
        for assignment in data["assignments"]:
            assignments_by[(assignment.class_id.id, assignment.subject_id.id)] |= assignment

        days_of_class, max_number = {}, {}
        for school_class in classes:
            units = self._demo_timetable_units(data, school_class, assignments_by)
            days_of_class[school_class.id] = self._demo_spread_units(units, rng)
            bells = school_class.bell_schedule_id.bell_ids.mapped("number")
            max_number[school_class.id] = max([MIN_LESSONS_PER_DAY, *bells])

        vals_list = []
        unit_days = defaultdict(set)

        def fits(unit, day, number):
            return all((teacher, day, number) not in busy_teacher for teacher, _group in unit["parts"])

        def place(school_class, unit, day, number):
            taken = set()
            for teacher, subgroup in unit["parts"]:
                room = self._demo_pick_room(school_class, unit["subject"], day, number, busy_room, taken)
                vals_list.append(
                    {
                        "class_id": school_class.id,
                        "subgroup_id": subgroup,
                        "subject_id": unit["subject"].id,
                        "teacher_id": teacher,
                        "room_id": room,
                        "weekday": str(day),
                        "lesson_number": number,
                        "date_from": year.date_start,
                        "date_to": year.date_end,
                    }
                )
                busy_teacher.add((teacher, day, number))
                if room:
                    busy_room.add((room, day, number))
                    taken.add(room)
            busy_class.add((school_class.id, day, number))
            unit_days[id(unit)].add(day)

        leftovers = []
        for day in WEEKDAYS:
            for school_class in classes:
                todo = list(days_of_class[school_class.id][day])
                rng.shuffle(todo)
                number = 1
                while todo and number <= max_number[school_class.id]:
                    pick = next((unit for unit in todo if fits(unit, day, number)), None)
                    if pick is not None:
                        place(school_class, pick, day, number)
                        todo.remove(pick)
                    number += 1
                leftovers += [(school_class, unit) for unit in todo]
        dropped = 0
        for school_class, unit in leftovers:
            spots = [
                (day, number)
                for day in (*WEEKDAYS, SATURDAY)
                for number in range(1, max_number[school_class.id] + 1)
                if (school_class.id, day, number) not in busy_class and fits(unit, day, number)
            ]
            spot = next((s for s in spots if s[0] not in unit_days[id(unit)]), None) or next(
                iter(spots), None
            )
            if spot:
                place(school_class, unit, *spot)
            else:
                dropped += 1
                _logger.warning(
                    "Demo journal: no free slot for %s in %s", unit["subject"].name, school_class.name
                )
        new_slots = self.env["school.timetable.slot"].create(vals_list)
        data["new_slots"] = new_slots
        data["slots"] = data["existing_slots"] | new_slots
        data["timetable_dropped"] = dropped
        return new_slots

    # ------------------------------------------------------------------
    # Calendar-thematic plans (PLAN-1)
    # ------------------------------------------------------------------
    def _demo_plan_topics(self, data, code, grade, total_hours):
        """Topics of a plan with hours adding up to the curriculum's ``total_hours``."""
        entries = []
        for index, (section, topics) in enumerate(_parse_sections(PLAN_SECTIONS[code][grade])):
            for name, kind in topics:
                entries.append({"section": section, "name": name, "kind": kind})
            if grade >= 2 and len(topics) >= 2:
                name, kind = self._demo_control_topic(code, section, index)
                entries.append({"section": section, "name": name, "kind": kind})
        entries.append(
            {"section": FINAL_SECTION, "name": "Повторение и систематизация изученного", "kind": None}
        )
        if grade >= 2:
            entries.append(
                {"section": FINAL_SECTION, "name": "Итоговая контрольная работа", "kind": "CONTROL"}
            )
            entries.append(
                {"section": FINAL_SECTION, "name": "Анализ итоговой контрольной работы", "kind": None}
            )
        total = int(total_hours)
        while len(entries) > max(total, 1):
            flexible = defaultdict(list)
            for i, entry in enumerate(entries):
                if not entry["kind"]:
                    flexible[entry["section"]].append(i)
            removable = [ids[-1] for ids in flexible.values() if len(ids) > 1]
            removable = removable or [
                i for i, e in enumerate(entries) if e["kind"] and e["section"] != FINAL_SECTION
            ]
            if not removable:
                break
            del entries[max(removable)]
        for entry in entries:
            entry["hours"] = 1.0
        flexible = [entry for entry in entries if not entry["kind"]] or entries
        extra = total - len(entries)
        for i in range(max(extra, 0)):
            flexible[i % len(flexible)]["hours"] += 1
        flexible[-1]["hours"] += total_hours - total
        vals_list = []
        for sequence, entry in enumerate(entries, 1):
            work_type = entry["kind"] and self._demo_work_type(data, entry["kind"], "control")
            vals_list.append(
                {
                    "sequence": sequence * 10,
                    "section": entry["section"],
                    "name": entry["name"],
                    "hours": entry["hours"],
                    "work_type_id": work_type.id if work_type else False,
                }
            )
        return vals_list

    @api.model
    def _demo_control_topic(self, code, section, index):
        if code == "RUS" and index % 2 == 0:
            return f"Контрольный диктант по теме «{section}»", "CONTROL"
        if code == "LIT" and index % 2 == 1:
            return f"Сочинение по теме «{section}»", "ESSAY"
        if code == "ENG":
            return f"Контрольная работа по разделу «{section}»", "CONTROL"
        return f"Контрольная работа по теме «{section}»", "CONTROL"

    def _demo_school_weeks(self, year, period_type):
        """First school day of every week of the year's quarters (or halves)."""
        weeks = {}
        for period in year.period_ids.filtered(lambda p: p.period_type == period_type).sorted("date_start"):
            day = period.date_start
            while day <= period.date_end:
                if day.weekday() < 5:
                    weeks.setdefault(day.isocalendar()[:2], day)
                day += timedelta(days=1)
        return sorted(weeks.values())

    def _demo_plans(self, data):
        """Plans of the main subjects per parallel, hours equal to the curriculum's."""
        year = data["year"]
        hours = {}
        for line in data["lines"].sorted(lambda line: (line.grade, line.subject_id.sequence, line.id)):
            code = data["codes"].get(line.subject_id.id)
            if line.grade in PLAN_SECTIONS.get(code, {}) and line.hours_per_year > 0:
                hours.setdefault((line.grade, line.subject_id), line)
        existing = self.env["school.plan"].search([("year_id", "=", year.id)])
        existing_keys = {(plan.grade, plan.subject_id.id) for plan in existing}
        authors = {}
        for assignment in data["assignments"].sorted("id"):
            authors.setdefault(
                (assignment.class_id.grade, assignment.subject_id.id), assignment.teacher_id.id
            )
        half_from = data["company"].school_half_from_grade or 10
        weeks = {
            "quarter": self._demo_school_weeks(year, "quarter"),
            "half": self._demo_school_weeks(year, "half"),
        }
        vals_list = []
        for (grade, subject), line in hours.items():
            if (grade, subject.id) in existing_keys:
                continue
            topics = self._demo_plan_topics(data, data["codes"][subject.id], grade, line.hours_per_year)
            school_weeks = weeks["half" if grade >= half_from else "quarter"]
            done = 0.0
            for topic in topics:
                if school_weeks and line.hours_per_week:
                    topic["planned_date"] = school_weeks[
                        min(int(done / line.hours_per_week), len(school_weeks) - 1)
                    ]
                done += topic["hours"]
            vals_list.append(
                {
                    "year_id": year.id,
                    "subject_id": subject.id,
                    "grade": grade,
                    "teacher_id": authors.get((grade, subject.id), False),
                    "company_id": data["company"].id,
                    "state": "approved",
                    "topic_ids": [Command.create(topic) for topic in topics],
                }
            )
        return self.env["school.plan"].create(vals_list)

    # ------------------------------------------------------------------
    # Lessons: topics, work types, homework, substitutions (JOUR-1, JOUR-10, JOUR-11)
    # ------------------------------------------------------------------
    def _demo_homework(self, code, counter, rng):
        """A homework text like «§12, упр. 3-5»; ``counter`` holds the paragraph reached."""
        if rng.random() < 0.6:
            counter["p"] += 1
        p = counter["p"]
        e = 3 * p + rng.randint(0, 4)
        a = 4 + 3 * p + rng.randint(0, 2)
        pattern = rng.choice(HOMEWORK_PATTERNS.get(code, DEFAULT_HOMEWORK))
        return pattern.format(p=p, e=e, e2=e + rng.randint(1, 3), a=a, b=a + rng.randint(2, 5))

    def _demo_lesson_contents(self, data, lessons):
        """Work types of planned works, topics of lessons without a plan, homework; held.

        Homework and topics differ per lesson, so they are written with one UPDATE from
        arrays instead of thousands of ORM writes (tracking is off for demo data anyway).
        """
        rng = data["rng"]
        by_work_type = defaultdict(list)
        for lesson in lessons:
            if lesson.plan_topic_id.work_type_id:
                by_work_type[lesson.plan_topic_id.work_type_id.id].append(lesson.id)
        for work_type_id, ids in by_work_type.items():
            self.env["school.lesson"].browse(ids).write({"work_type_ids": [Command.link(work_type_id)]})

        topic_counter = defaultdict(int)
        homework_counter = defaultdict(lambda: {"p": rng.randint(1, 5)})
        ids, topics, homeworks = [], [], []
        for lesson in lessons:
            key = (lesson.class_id.id, lesson.subgroup_id.id, lesson.subject_id.id)
            code = data["codes"].get(lesson.subject_id.id)
            topic = lesson.topic
            if not topic and rng.random() > 0.005:
                names = LESSON_TOPICS.get(code)
                count = topic_counter[key]
                topic_counter[key] += 1
                topic = (
                    names[(count // 2) % len(names)]
                    if names
                    else f"{lesson.subject_id.name}: урок {count + 1}"
                )
            homework = None
            if lesson.grade >= 2 and rng.random() > 0.015:
                homework = self._demo_homework(code, homework_counter[key], rng)
            ids.append(lesson.id)
            topics.append(topic or None)
            homeworks.append(homework)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE school_lesson l
                   SET topic = COALESCE(l.topic, v.topic), homework = v.homework, state = 'done'
                  FROM unnest(%s::int[], %s::varchar[], %s::text[]) AS v(id, topic, homework)
                 WHERE l.id = v.id
                """,
                ids,
                topics,
                homeworks,
            )
        )
        self.env["school.lesson"].invalidate_model(["topic", "homework", "state"])

    def _demo_substitutions(self, data, lessons):
        """A few lessons given by another teacher of the subject who is free then (JOUR-10)."""
        rng = data["rng"]
        busy = data.get("busy_teacher", set())
        by_subject = defaultdict(set)
        for assignment in data["assignments"]:
            by_subject[assignment.subject_id.id].add(assignment.teacher_id.id)
        everyone = sorted({teacher for teachers in by_subject.values() for teacher in teachers})
        taken = set()
        groups = defaultdict(list)
        for lesson in lessons:
            if rng.random() >= 0.006:
                continue
            day, number = lesson.date.weekday(), lesson.lesson_number

            def free(teacher, lesson=lesson, day=day, number=number):
                return (
                    teacher != lesson.teacher_id.id
                    and (teacher, day, number) not in busy
                    and (teacher, lesson.date, number) not in taken
                )

            candidates = [t for t in sorted(by_subject[lesson.subject_id.id]) if free(t)]
            candidates = candidates or [t for t in everyone if free(t)]
            if not candidates:
                continue
            teacher = rng.choice(candidates)
            taken.add((teacher, lesson.date, number))
            groups[(teacher, rng.choice(SUBSTITUTION_REASONS))].append(lesson.id)
        for (teacher, reason), ids in groups.items():
            self.env["school.lesson"].browse(ids).write(
                {"teacher_id": teacher, "substitution_reason": reason}
            )
        return sum(len(ids) for ids in groups.values())

    # ------------------------------------------------------------------
    # Attendance (JOUR-2) and marks (JOUR-3)
    # ------------------------------------------------------------------
    @staticmethod
    def _demo_illness(rng, enrollments, lessons):
        """(ill, first_number) of ``lessons`` as (day, number, class id): the (student, day) of
        illness spells of 2-6 school days, more often for frail students, and the number of the
        first lesson of each class and day (lates are likelier then)."""
        days = defaultdict(set)
        first_number = {}
        for day, number, class_id in lessons:
            days[class_id].add(day)
            first_number[(class_id, day)] = min(first_number.get((class_id, day), 99), number)
        ill = set()
        for class_id in sorted(days):
            for student, _start, _end in enrollments.get(class_id, ()):
                frailty = rng.uniform(0.3, 1.8)
                left = 0
                for day in sorted(days[class_id]):
                    if not left and rng.random() < 0.008 * frailty:
                        left = rng.randint(2, 6)
                    if left:
                        ill.add((student, day))
                        left -= 1
        return ill, first_number

    def _demo_attendance(self, data, lessons):
        """Illness spells of a few days, single absences and lates (~5% of lesson places).

        Returns the (lesson id, student id) pairs of absent students and the entry count.
        """
        rng = data["rng"]
        ill, first_number = self._demo_illness(
            rng, data["enrollments"], ((les.date, les.lesson_number, les.class_id.id) for les in lessons)
        )
        absent = set()
        vals_by_lesson = []
        for lesson in lessons:
            vals = []
            first = lesson.lesson_number == first_number[(lesson.class_id.id, lesson.date)]
            for student in self._demo_members(data, lesson):
                code = self._demo_attendance_code(rng, (student, lesson.date) in ill, first)
                if not code:
                    continue
                entry = {"lesson_id": lesson.id, "student_id": student, "code": code}
                if code == "late":
                    entry["late_minutes"] = rng.randint(3, 15)
                else:
                    absent.add((lesson.id, student))
                vals.append(entry)
            vals_by_lesson.append(vals)
        Attendance = self.env["school.attendance"]
        count = 0
        for start in range(0, len(vals_by_lesson), ATTENDANCE_BATCH_LESSONS):
            batch = [v for vals in vals_by_lesson[start : start + ATTENDANCE_BATCH_LESSONS] for v in vals]
            count += len(Attendance.create(batch))
        self.env.flush_all()
        return absent, count

    def _demo_marks(self, data, lessons, absent, progress):
        """Marks of grades 2-11: about 0.3-0.5 per student and lesson, mostly 4 and 5.

        Each student has a stable ability (and a small per-subject bias); control,
        laboratory and practical works of the plan mark the whole class, now and then a
        written work too, otherwise a few oral or class-work marks.
        """
        rng = data["rng"]
        ability, bias = {}, {}
        current = [(self._demo_work_type(data, code), weight) for code, weight in CURRENT_WORK_TYPES]
        current = [(wt, weight) for wt, weight in current if wt]
        graded = lessons.filtered(lambda lesson: lesson.grade >= 2 and lesson.subject_id.is_graded)
        Mark = self.env["school.mark"]
        count = 0
        for start in range(0, len(graded), MARK_BATCH_LESSONS):
            vals_list = []
            for lesson in graded[start : start + MARK_BATCH_LESSONS]:
                present = [s for s in self._demo_members(data, lesson) if (lesson.id, s) not in absent]
                if not present:
                    continue
                code = data["codes"].get(lesson.subject_id.id)
                planned = lesson.plan_topic_id.work_type_id
                shift = 0.0
                if planned and planned.category != "current":
                    chosen, work_types = present, [planned]
                    shift = -0.25 if planned.category == "control" else -0.1
                elif rng.random() < 0.12:
                    codes = WRITTEN_WORK_TYPES.get(code, DEFAULT_WRITTEN_WORK_TYPES)
                    work_type = self._demo_work_type(data, rng.choice(codes), "written")
                    chosen, work_types, shift = present, [work_type], -0.1
                else:
                    size = max(1, round(len(present) * rng.uniform(0.1, 0.25)))
                    chosen = rng.sample(present, min(size, len(present)))
                    work_types = rng.choices(
                        [wt for wt, _w in current], [w for _wt, w in current], k=len(chosen)
                    )
                if len(work_types) == 1:
                    work_types = work_types * len(chosen)
                for student, work_type in zip(chosen, work_types):
                    if student not in ability:
                        ability[student] = min(4.95, max(2.7, rng.gauss(4.2, 0.5)))
                    key = (student, lesson.subject_id.id)
                    if key not in bias:
                        bias[key] = rng.gauss(0, 0.25)
                    value = round(ability[student] + bias[key] + shift + rng.gauss(0, 0.6))
                    vals_list.append(
                        {
                            "lesson_id": lesson.id,
                            "student_id": student,
                            "value": min(5, max(2, value)),
                            "work_type_id": work_type.id,
                            "author_id": lesson.teacher_id.id,
                        }
                    )
            count += len(Mark.create(vals_list))
            self.env.flush_all()
            self.env.invalidate_all()
            progress(f"marks: {count}")
        return count

    # ------------------------------------------------------------------
    # When entries were made (JOUR-9)
    # ------------------------------------------------------------------
    def _demo_entry_times(self, data, lessons):
        """Date the entries as a teacher makes them: topic during the lesson, homework and
        attendance right after, marks within a day or so; a few late ones for the deadline
        report. Offsets are minutes from the end of the lesson (bell schedule, else 15:00)
        in the school's time zone, set with one UPDATE per table.
        """
        rng = data["rng"]
        ids, topic_off, homework_off, mark_off, attendance_off = [], [], [], [], []
        day = 24 * 60
        for lesson in lessons:
            control = lesson.plan_topic_id.work_type_id.category == "control"
            mark_days = (
                data["company"].school_primary_mark_days
                if lesson.grade <= 4
                else data["company"].school_basic_mark_days
            ) or 3
            ids.append(lesson.id)
            topic_off.append(rng.randint(-35, 0) + (day * rng.randint(1, 3) if rng.random() < 0.02 else 0))
            homework_off.append(
                rng.randint(-10, 60) + (day + rng.randint(0, 300) if rng.random() < 0.03 else 0)
            )
            if control:
                minutes = rng.randint(60, 20 * 60) + (2 * day if rng.random() < 0.06 else 0)
            else:
                minutes = rng.randint(0, 36 * 60) + ((mark_days + 1) * day if rng.random() < 0.025 else 0)
            mark_off.append(minutes)
            attendance_off.append(rng.randint(-40, -5) + (day if rng.random() < 0.01 else 0))
        self.env.flush_all()
        # fresh statistics: the tables were filled in this transaction, and without them the
        # planner joins thousands of lessons to the marks by sequential scans
        self.env.cr.execute("ANALYZE school_lesson, school_mark, school_attendance")
        ends = SQL(
            f"""
            SELECT l.id, v.topic_off, v.homework_off, v.mark_off, v.attendance_off, {TZ_SQL} AS tz,
                   l.date + make_interval(secs => COALESCE(b.time_end, 15.0) * 3600) AS local_end
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::int[])
                   AS v(id, topic_off, homework_off, mark_off, attendance_off)
              JOIN school_lesson l ON l.id = v.id
              JOIN school_class c ON c.id = l.class_id
              JOIN res_company co ON co.id = l.company_id
              JOIN res_partner p ON p.id = co.partner_id
         LEFT JOIN school_bell b ON b.schedule_id = c.bell_schedule_id AND b.number = l.lesson_number
            """,
            ids,
            topic_off,
            homework_off,
            mark_off,
            attendance_off,
        )
        stamp = "((e.local_end + make_interval(mins => e.{offset})) AT TIME ZONE e.tz) AT TIME ZONE 'UTC'"
        self.env.cr.execute(
            SQL(
                f"""
                WITH e AS (%s)
                UPDATE school_lesson l
                   SET topic_entered_at = CASE WHEN l.topic IS NOT NULL
                                               THEN {stamp.format(offset="topic_off")} END,
                       homework_entered_at = CASE WHEN l.homework IS NOT NULL
                                                  THEN {stamp.format(offset="homework_off")} END
                  FROM e
                 WHERE l.id = e.id
                """,
                ends,
            )
        )
        for table, created in (
            ("school_mark", f"{stamp.format(offset='mark_off')} + make_interval(secs => mod(t.id, 600))"),
            ("school_attendance", stamp.format(offset="attendance_off")),
        ):
            self.env.cr.execute(
                SQL(
                    f"""
                    WITH e AS (%s)
                    UPDATE {table} t
                       SET create_date = {created}
                      FROM e
                     WHERE t.lesson_id = e.id
                    """,
                    ends,
                )
            )
        self.env.invalidate_all()

    # ==================================================================================
    # The large school of the benchmark (issue 8).
    #
    # A large demo school for the benchmark (issue 8, "Scale and speed").
    #
    # ``generate_large`` builds a school of the size of a big Russian school, by default 60
    # classes and 1,500 students, with a whole academic year of lessons, marks and attendance.
    # The structure, timetable, plans and lessons come from the demo generator and the demo
    # journal (ORM, lessons in one batch per class); the marks, attendance entries and their
    # change-log entries, about half a million rows, are inserted with bulk SQL. Their keyed
    # chain is computed here in sequence order with ``school.journal.log``'s own ``_chain_mac``, so
    # ``_verify_chain`` holds, and the weights come from the grading policy in force on each
    # lesson's date, as ``school.mark.create`` takes them.
    # ==================================================================================
    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def generate_large(self, classes=60, students=1500, seed=2026, largest_class=30):
        """Build a large school with a full year of journal in the current company.

        ``classes`` are spread over the 11 parallels (the senior parallels lose their last
        letters first), ``students`` over the classes; the first class of each parallel is
        made ``largest_class`` strong with students of the last one. Lessons fill every day
        of the year's quarters and halves, also after today, so that the volume is a year's.
        Returns the summary of :meth:`generate` with the journal's counts and the seconds
        taken; raises when the change log's chain does not verify.
        """
        if not (
            self.env.su
            or self.env.user._is_admin()
            or self.env.user.has_group("school_ejournal.group_school_admin")
        ):
            raise AccessError(_("Only the e-journal administrator can generate a demo school."))
        if not GRADES <= classes <= GRADES * len(CLASS_LETTERS):
            raise UserError(
                _(
                    "A large school has from %(low)s to %(high)s classes.",
                    low=GRADES,
                    high=GRADES * len(CLASS_LETTERS),
                )
            )
        started = time.monotonic()
        summary = self.with_context(
            school_demo_bulk=True,
            school_demo_class_count=classes,
            school_demo_largest_class=largest_class,
        ).generate(
            classes_per_parallel=math.ceil(classes / GRADES),
            students_per_class=math.ceil(students / classes),
            seed=seed,
        )
        summary["seconds"] = round(time.monotonic() - started, 1)
        _logger.info("Large demo school built in %.0f s", summary["seconds"])
        return summary

    # ------------------------------------------------------------------
    # Structure: the number of classes and their sizes
    # ------------------------------------------------------------------
    def _demo_bulk_class_sizes(self, ctx, largest):
        """Make the first class of each parallel ``largest`` strong with students of the last.

        Runs before guardians and subgroups are made, so they follow the move; siblings are
        never in the same parallel, so families stay valid.
        """
        members = defaultdict(list)
        for child in ctx["children"]:
            members[child["class"].id].append(child)
        by_grade = defaultdict(list)
        for school_class in ctx["classes"]:
            by_grade[school_class.grade].append(school_class)
        moved = defaultdict(list)
        for grade_classes in by_grade.values():
            if len(grade_classes) < 2:
                continue
            first, last = grade_classes[0], grade_classes[-1]
            shift = min(largest - len(members[first.id]), len(members[last.id]) - 2)
            if shift <= 0:
                continue
            for child in members[last.id][-shift:]:
                child["class"] = first
                moved[first.id].append(child["student"].id)
        Enrollment = self.env["school.enrollment"]
        for class_id, student_ids in moved.items():
            Enrollment.search([("student_id", "in", student_ids)]).write({"class_id": class_id})

    # ------------------------------------------------------------------
    # The journal of the whole year
    # ------------------------------------------------------------------
    def _demo_bulk_journal(self, year, rng):
        """Timetable, plans, lessons of every term day of ``year``, then marks and attendance."""
        started = time.monotonic()

        def progress(step):
            _logger.info("Large demo school: %s (%.0f s)", step, time.monotonic() - started)

        terms = year.period_ids.filtered(lambda p: p.period_type in ("quarter", "half"))
        date_from = year.date_start
        date_to = max(terms.mapped("date_end"), default=year.date_end)
        data = self._demo_journal_data(year, rng)
        if not data["classes"]:
            return {}
        self._demo_timetable(data)
        plans = self._demo_plans(data)
        progress(f"{len(data['new_slots'])} timetable slots, {len(plans)} plans")

        slots_by_class = defaultdict(lambda: self.env["school.timetable.slot"])
        for slot in data["slots"]:
            slots_by_class[slot.class_id.id] |= slot
        lesson_ids = []
        for index, school_class in enumerate(data["classes"], 1):
            lessons = slots_by_class[school_class.id]._generate_lessons(date_from, date_to)
            self._demo_lesson_contents(
                data, lessons.sorted(lambda lesson: (lesson.date, lesson.lesson_number, lesson.id))
            )
            lesson_ids += lessons.ids
            self.env.flush_all()
            self.env.invalidate_all()
            if index % 10 == 0 or index == len(data["classes"]):
                progress(f"lessons of {index} classes: {len(lesson_ids)}")
        lessons = (
            self.env["school.lesson"]
            .browse(lesson_ids)
            .sorted(lambda lesson: (lesson.date, lesson.lesson_number, lesson.id))
        )
        substitutions = self._demo_substitutions(data, lessons)
        self._demo_entry_times(data, lessons)
        progress(f"{substitutions} substitutions, entry times of topics and homework")
        self.env.invalidate_all()
        counts = self._demo_bulk_entries(data, lesson_ids, progress)
        counts["period_marks"] = self._demo_bulk_period_marks(data)
        progress(f"{counts['period_marks']} period marks of the terms ended")
        self.env.cr.execute(
            "ANALYZE school_lesson, school_mark, school_attendance, school_journal_log, school_period_mark"
        )
        counts.update(self._demo_bulk_verify())
        progress("verified: {}".format(", ".join(f"{key} {value}" for key, value in counts.items())))
        return dict(
            counts,
            timetable_slots=len(data["new_slots"]),
            plans=len(plans),
            lessons=len(lesson_ids),
            substitutions=substitutions,
        )

    def _demo_bulk_lesson_rows(self, lesson_ids):
        """The lessons as tuples, in date order, with the end of the lesson in UTC."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                f"""
                SELECT l.id, l.date, l.lesson_number, l.class_id, l.subgroup_id, l.subject_id,
                       l.period_id, l.company_id, l.teacher_id, c.grade, s.is_graded, pt.work_type_id,
                       ((l.date + make_interval(secs => round(COALESCE(b.time_end, 15.0) * 3600)))
                            AT TIME ZONE {TZ_SQL}) AT TIME ZONE 'UTC'
                  FROM school_lesson l
                  JOIN school_class c ON c.id = l.class_id
                  JOIN school_subject s ON s.id = l.subject_id
                  JOIN res_company co ON co.id = l.company_id
                  JOIN res_partner p ON p.id = co.partner_id
             LEFT JOIN school_plan_topic pt ON pt.id = l.plan_topic_id
             LEFT JOIN school_bell b ON b.schedule_id = c.bell_schedule_id AND b.number = l.lesson_number
                 WHERE l.id = ANY(%s) AND l.state != 'cancelled'
              ORDER BY l.date, l.lesson_number, l.id
                """,
                lesson_ids,
            )
        )
        return self.env.cr.fetchall()

    def _demo_bulk_entries(self, data, lesson_ids, progress):
        """Attendance (about 5% of lesson places) and marks (grades 2-11) of every lesson.

        Drawn like the demo journal's: illness spells of a few days, single absences and
        lates; a stable ability per student and a bias per subject; planned control,
        laboratory and practical works and now and then a written work mark the whole
        class, otherwise 10-25% of it gets an oral or class-work mark. A week of lessons at
        a time goes to the database with its change-log entries, ordered by entry time.
        """
        rows = self._demo_bulk_lesson_rows(lesson_ids)
        state = self._demo_bulk_state(data, rows)
        totals = {"marks": 0, "attendance": 0, "journal_log": 0}
        companies = {row[7] for row in rows}
        if len(companies) > 1:
            raise UserError(_("The lessons of one school are generated at a time."))
        chain = self._demo_bulk_chain_start(companies.pop() if companies else self.env.company.id)
        weeks = defaultdict(list)
        for row in rows:
            weeks[row[1].isocalendar()[:2]].append(row)
        for number, week in enumerate(sorted(weeks), 1):
            marks, entries = [], []
            for row in weeks[week]:
                absent = self._demo_bulk_lesson_attendance(state, row, entries)
                self._demo_bulk_lesson_marks(state, row, absent, marks)
            chain = self._demo_bulk_insert(state, marks, entries, chain)
            totals["marks"] += len(marks)
            totals["attendance"] += len(entries)
            totals["journal_log"] += len(marks) + len(entries)
            if number % 5 == 0 or number == len(weeks):
                progress(
                    f"week {number} of {len(weeks)}: {totals['marks']} marks, "
                    f"{totals['attendance']} attendance entries"
                )
        self.env.invalidate_all()
        return totals

    def _demo_bulk_state(self, data, rows):
        """What drawing the entries needs: who is in which lesson, illness spells, the work
        types, and caches of policies, weights and change-log texts."""
        company = data["company"]
        current = [(self._demo_work_type(data, code), weight) for code, weight in CURRENT_WORK_TYPES]
        current = [(work_type.id, weight) for work_type, weight in current if work_type]
        state = {
            "data": data,
            "rng": data["rng"],
            "mark_days": {
                "primary": company.school_primary_mark_days or 3,
                "basic": company.school_basic_mark_days or 3,
            },
            "category_of": {
                wt.id: wt.category
                for wt in self.env["school.work.type"].with_context(active_test=False).search([])
            },
            "current_ids": [work_type_id for work_type_id, _weight in current],
            "current_weights": [weight for _work_type_id, weight in current],
            "members": {},
            "policies": {},
            "weights": {},
            "snapshots": {},
            "ability": {},
            "bias": {},
        }
        self._demo_bulk_illness(state, rows)
        return state

    def _demo_bulk_members(self, state, class_id, subgroup_id, day):
        """Student ids of a class (or subgroup) on a date (JOUR-3, JOUR-12)."""
        key = (class_id, subgroup_id, day)
        if key not in state["members"]:
            data = state["data"]
            members = [
                student
                for student, start, end in data["enrollments"].get(class_id, ())
                if start <= day and (not end or end >= day)
            ]
            if subgroup_id:
                group = data["subgroup_members"].get(subgroup_id, set())
                members = [student for student in members if student in group]
            state["members"][key] = members
        return state["members"][key]

    def _demo_bulk_illness(self, state, rows):
        """Illness spells of 2-6 school days, more often for frail students; the first lesson
        of each class and day (lates are likelier then)."""
        state["ill"], state["first_number"] = self._demo_illness(
            state["rng"], state["data"]["enrollments"], (row[1:4] for row in rows)
        )

    def _demo_bulk_policy(self, state, day):
        """The grading policy in force on ``day`` and its mark values."""
        if day not in state["policies"]:
            policy = self.env["school.grading.policy"]._get_policy(day, state["data"]["company"])
            state["policies"][day] = (policy, policy._get_mark_values() if policy else [2, 3, 4, 5])
        return state["policies"][day]

    def _demo_bulk_weight(self, state, policy, work_type_id):
        """The weight ``school.mark.create`` would take: the policy's, else the work type's."""
        key = (policy.id, work_type_id)
        if key not in state["weights"]:
            work_type = self.env["school.work.type"].browse(work_type_id)
            state["weights"][key] = policy._get_weight(work_type) if policy else work_type.default_weight
        return state["weights"][key]

    def _demo_bulk_snapshot(self, state, model, **values):
        """The change log's text of an entry, exactly as the ORM writes it (``_log_snapshot``)."""
        key = (model, *sorted(values.items()))
        if key not in state["snapshots"]:
            state["snapshots"][key] = self.env[model].new(values)._log_snapshot()
        return state["snapshots"][key]

    def _demo_bulk_lesson_attendance(self, state, row, entries):
        """Append the lesson's attendance entries; return the students absent from it."""
        rng = state["rng"]
        lesson_day, number, class_id, subgroup_id, end = row[1], row[2], row[3], row[4], row[12]
        first = number == state["first_number"][(class_id, lesson_day)]
        absent = set()
        for student in self._demo_bulk_members(state, class_id, subgroup_id, lesson_day):
            code = self._demo_attendance_code(rng, (student, lesson_day) in state["ill"], first)
            if not code:
                continue
            minutes = rng.randint(3, 15) if code == "late" else 0
            if code != "late":
                absent.add(student)
            at = end + timedelta(minutes=rng.randint(-40, -5), seconds=rng.randint(0, 59))
            entries.append((row, student, code, minutes, at))
        return absent

    def _demo_bulk_marked(self, state, row, present):
        """Who gets a mark at the lesson: (students, work type ids, shift of the value, category)."""
        rng = state["rng"]
        data = state["data"]
        planned_id = row[11]
        category = state["category_of"].get(planned_id, "current")
        if planned_id and category != "current":
            return present, [planned_id] * len(present), -0.25 if category == "control" else -0.1, category
        if rng.random() < 0.12:
            written = WRITTEN_WORK_TYPES.get(data["codes"].get(row[5]), DEFAULT_WRITTEN_WORK_TYPES)
            work_type = self._demo_work_type(data, rng.choice(written), "written")
            return present, [work_type.id] * len(present), -0.1, "written"
        size = max(1, round(len(present) * rng.uniform(0.1, 0.25)))
        chosen = rng.sample(present, min(size, len(present)))
        work_types = rng.choices(state["current_ids"], state["current_weights"], k=len(chosen))
        return chosen, work_types, 0.0, "current"

    def _demo_bulk_lesson_marks(self, state, row, absent, marks):
        """Append the lesson's marks: (lesson row, student, value, work type, weight, entered at)."""
        rng = state["rng"]
        lesson_day, class_id, subgroup_id, subject_id, grade, graded, end = (
            row[1], row[3], row[4], row[5], row[9], row[10], row[12]
        )  # fmt: skip
        if grade < 2 or not graded:
            return
        members = self._demo_bulk_members(state, class_id, subgroup_id, lesson_day)
        present = [student for student in members if student not in absent]
        if not present:
            return
        chosen, work_types, shift, category = self._demo_bulk_marked(state, row, present)
        policy, allowed = self._demo_bulk_policy(state, lesson_day)
        days_to_mark = state["mark_days"]["primary" if grade <= 4 else "basic"]
        ability, bias = state["ability"], state["bias"]
        for student, work_type_id in zip(chosen, work_types, strict=True):
            if student not in ability:
                ability[student] = min(4.95, max(2.7, rng.gauss(4.1, 0.5)))
            if (student, subject_id) not in bias:
                bias[(student, subject_id)] = rng.gauss(0, 0.25)
            value = round(ability[student] + bias[(student, subject_id)] + shift + rng.gauss(0, 0.65))
            value = min(allowed[-1], max(allowed[0], value))
            if category == "control":
                minutes = rng.randint(60, 20 * 60) + (2 * 24 * 60 if rng.random() < 0.06 else 0)
            else:
                late = (days_to_mark + 1) * 24 * 60 if rng.random() < 0.025 else 0
                minutes = rng.randint(0, 36 * 60) + late
            at = end + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
            weight = self._demo_bulk_weight(state, policy, work_type_id)
            marks.append((row, student, value, work_type_id, weight, at))

    def _demo_bulk_period_marks(self, data):
        """Period marks of the terms ended before today: the proposed mark, set in time by the
        subject's teacher two days before the term's end (FINAL-1)."""
        today = fields.Date.context_today(self)
        PeriodMark = self.env["school.period.mark"]
        teachers = {}
        for assignment in data["assignments"].sorted("id"):
            teachers.setdefault((assignment.class_id.id, assignment.subject_id.id), assignment.teacher_id.id)
        ended = data["year"].period_ids.filtered(
            lambda p: p.period_type in ("quarter", "half") and p.date_end < today
        )
        rows = PeriodMark.browse()
        for period in ended.sorted("date_start"):
            for school_class in data["classes"].filtered(
                lambda c, period=period: c.grade > 1 and c.period_scheme == period.period_type
            ):
                subjects = (
                    data["lines"]
                    .filtered(lambda line, c=school_class: line.class_id == c and line.subject_id.is_graded)
                    .subject_id
                )
                for subject in subjects:
                    prepared = PeriodMark.action_prepare(school_class.id, subject.id, period.id)
                    prepared.action_fill_proposed()
                    rows |= prepared
        self.env.flush_all()
        if rows:
            set_at = f"((per.date_end - 2 + time '15:00') AT TIME ZONE {TZ_SQL}) AT TIME ZONE 'UTC'"
            self.env.cr.execute(
                SQL(
                    f"""
                    UPDATE school_period_mark pm
                       SET set_by_id = v.teacher_id, is_late = FALSE,
                           set_at = {set_at}, published_at = {set_at}
                      FROM unnest(%s::int[], %s::int[]) AS v(id, teacher_id),
                           school_period per, res_company co, res_partner p
                     WHERE pm.id = v.id AND per.id = pm.period_id AND co.id = pm.company_id
                       AND p.id = co.partner_id AND pm.value != 0
                    """,
                    rows.ids,
                    [teachers.get((row.class_id.id, row.subject_id.id)) or self.env.uid for row in rows],
                )
            )
        self.env.invalidate_all()
        return len(rows)

    def _demo_bulk_chain_start(self, company_id):
        """Lock the school's change-log chain for this transaction and return its last link
        with the signing key: (number, MAC, key, key version, school)."""
        Log = self.env["school.journal.log"]
        keys, key_version = Log._chain_current_key()
        # the chain's lock for the rest of the transaction, taken with its head
        sequence, previous_hash = Log._chain_head(company_id)
        return sequence, previous_hash, keys[key_version], key_version, company_id

    def _demo_bulk_ids(self, table, count):
        """``count`` ids from the table's own sequence, as the ORM would have taken them."""
        if not count:
            return []
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"{table}_id_seq", count))
        return [row[0] for row in self.env.cr.fetchall()]

    @staticmethod
    def _demo_bulk_row(columns, values, **more):
        """The row of ``columns`` (a tuple in their order) from ``values`` updated by ``more``."""
        values = dict(values, **more)
        return tuple(values[column] for column in columns)

    @staticmethod
    def _demo_bulk_entry_values(res_id, row, student, at):
        """The values of ENTRY_COLUMNS and AUDIT_COLUMNS of a journal entry (a mark or an
        attendance entry) of ``student`` at the lesson ``row``, entered by its teacher at ``at``."""
        lesson_id, day, _n, class_id, _g, subject_id, period_id, company_id, teacher_id = row[:9]
        return {
            "id": res_id,
            "lesson_id": lesson_id,
            "student_id": student,
            "date": day,
            "class_id": class_id,
            "subject_id": subject_id,
            "period_id": period_id,
            "company_id": company_id,
            "create_uid": teacher_id,
            "create_date": at,
            "write_uid": teacher_id,
            "write_date": at,
        }

    def _demo_bulk_insert(self, state, marks, entries, chain):
        """Insert marks, attendance entries and their change-log entries; return the chain's end.

        ``marks``: (lesson row, student, value, work type, weight, entered at);
        ``entries``: (lesson row, student, code, minutes late, entered at). The teacher of
        the lesson is the author; log entries follow the entry times.
        """
        cr = self.env.cr
        Log = self.env["school.journal.log"]
        mark_ids = self._demo_bulk_ids("school_mark", len(marks))
        attendance_ids = self._demo_bulk_ids("school_attendance", len(entries))
        mark_rows, attendance_rows, logged = [], [], []
        for res_id, (row, student, value, work_type_id, weight, at) in zip(mark_ids, marks, strict=True):
            mark_rows.append(
                self._demo_bulk_row(
                    MARK_COLUMNS,
                    self._demo_bulk_entry_values(res_id, row, student, at),
                    value=value,
                    work_type_id=work_type_id,
                    weight=weight,
                    author_id=row[8],
                    guardians_notified=True,
                )
            )
            snapshot = self._demo_bulk_snapshot(
                state, "school.mark", value=value, work_type_id=work_type_id, weight=weight
            )
            logged.append((at, "school.mark", res_id, row, student, snapshot))
        for res_id, (row, student, code, minutes, at) in zip(attendance_ids, entries, strict=True):
            attendance_rows.append(
                self._demo_bulk_row(
                    ATTENDANCE_COLUMNS,
                    self._demo_bulk_entry_values(res_id, row, student, at),
                    code=code,
                    late_minutes=minutes or None,
                )
            )
            snapshot = self._demo_bulk_snapshot(state, "school.attendance", code=code, late_minutes=minutes)
            logged.append((at, "school.attendance", res_id, row, student, snapshot))
        logged.sort(key=lambda entry: entry[:3])
        sequence, previous_hash, key, key_version, company_id = chain
        hash_version = Log._chain_hash_version
        log_columns = (*Log._chain_hashed_fields[hash_version], *LOG_CHAIN_COLUMNS)
        log_rows = []
        for at, model, res_id, row, student, snapshot in logged:
            sequence += 1
            vals = {
                "sequence": sequence,
                "logged_at": at,
                "user_id": row[8],
                "model": model,
                "res_id": res_id,
                "action": "create",
                "lesson_id": row[0],
                "student_id": student,
                "old_value": "",
                "new_value": snapshot,
                "reason": "",
                "class_id": row[3],
                "subject_id": row[5],
                "lesson_date": row[1],
                "is_invalid": False,
                "company_id": company_id,
                "key_version": key_version,
            }
            entry_hash = Log._chain_mac(key, previous_hash, vals, hash_version)
            # the empty texts are hashed as "" and stored as NULL, as the ORM stores them
            log_rows.append(
                self._demo_bulk_row(
                    log_columns,
                    vals,
                    old_value=None,
                    reason=None,
                    previous_hash=previous_hash,
                    entry_hash=entry_hash,
                    hash_version=hash_version,
                    create_uid=row[8],
                    create_date=at,
                    write_uid=row[8],
                    write_date=at,
                )
            )
            previous_hash = entry_hash
        for table, columns, values in (
            ("school_mark", MARK_COLUMNS, mark_rows),
            ("school_attendance", ATTENDANCE_COLUMNS, attendance_rows),
            ("school_journal_log", log_columns, log_rows),
        ):
            if values:
                cr.execute_values(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s",  # noqa: S608 constant names
                    values,
                    page_size=PAGE_SIZE,
                )
        return sequence, previous_hash, key, key_version, company_id

    def _demo_bulk_verify(self):
        """Counts of the journal's tables; the change log's chain must verify."""
        cr = self.env.cr
        counts = {}
        for key, table in (
            ("marks", "school_mark"),
            ("attendance", "school_attendance"),
            ("journal_log", "school_journal_log"),
        ):
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[f"{key}_in_database"] = cr.fetchone()[0]
        broken = self.env["school.journal.log"]._verify_chain()
        if broken:
            raise UserError(
                _("The change log of the large demo school is broken at entry No. %s.", broken[1])
            )
        return counts
