"""Demo school generator: a realistic Russian general-education school in one company.

Everything is built with batch ``create(vals_list)`` from a seeded ``random.Random`` so the
same seed always gives the same school. The Russian strings below are data (names of
people, subjects, rooms), not user interface texts.
"""

import base64
import math
import random
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import file_open

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


class SchoolDemoGenerator(models.AbstractModel):
    """Builds a realistic Russian demo school (issue: foundation, demo school)."""

    _name = "school.demo.generator"
    _description = "Demo School Generator"

    # ------------------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------------------
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
        generator = self.sudo().with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
        company = self.env.company
        generator._demo_check_company(company)
        ctx = {
            "rng": random.Random(seed),
            "company": company.with_env(generator.env),
            "classes_per_parallel": classes_per_parallel,
            "students_per_class": students_per_class,
            "lang": "ru_RU" if generator.env["res.lang"].search_count([("code", "=", "ru_RU")]) else False,
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

    def _demo_after_structure(self, ctx):
        """Hook for later steps (timetable, lessons, marks): the structure is complete here.

        ``ctx`` holds the random generator (``rng``), the company, year, classes, students,
        staff users and the ``summary`` dict that such steps may extend.
        """
        return None

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
