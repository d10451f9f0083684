"""Reading of imported spreadsheets within fixed limits (issue 11 item 10).

No model here: helpers shared by the plan import (PLAN-2), the contingent import
(SETUP-5) and the staff import (issue 14, duty 11). A file is at most 5 MB (and 50 MB
unpacked), a sheet at most 5,000 rows; an XLSX sheet is streamed (openpyxl's read-only
mode) with a bounded number of columns and without trusting the sheet's declared size, so a
cell in column XFD or row 1,000,000 costs nothing.
Errors are reported for the first 50 bad rows, with the count of the others.
"""

import base64
import csv
import io
import zipfile
from datetime import date, datetime

from odoo.exceptions import UserError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
# header rows above the data (a plan has five), not counted in MAX_ROWS
MAX_HEADER_ROWS = 20
# the last row of an Excel sheet: a row numbered beyond it is not a sheet
MAX_SHEET_ROW = 1_048_576
MAX_REPORTED_ERRORS = 50
# columns read from an imported table: every known column fits, with room for unknown ones
MAX_TABLE_COLUMNS = 40
# the longest text of a cell of the contingent or the staff table (a name, a reference)
MAX_CELL_CHARS = 255
# column titles written in capitals
ABBREVIATIONS = ("фио", "снилс", "snils")
# the letters of the Latin alphabet that look like Cyrillic ones, as a class letter is typed
# on a keyboard in the wrong layout ("5A" for "5А"); a Russian school's classes are Cyrillic
LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")


def _user_env(env):
    """``env`` speaking the user's language when its context names none (like ``_()``)."""
    return env if env.lang else env(context=dict(env.context, lang=env.user.lang))


def check_file_size(env, content):
    """Refuse a file larger than the import accepts."""
    env = _user_env(env)
    if len(content) > MAX_FILE_BYTES:
        raise UserError(
            env._(
                "The file is too large: %(size)s MB, at most %(limit)s MB are imported. Split it "
                "into several files.",
                size=round(len(content) / 1024 / 1024, 1),
                limit=MAX_FILE_BYTES // 1024 // 1024,
            )
        )


def too_many_rows(env):
    env = _user_env(env)
    # thousands apart by a space, the Russian way (no f-string inside the call: the
    # translation extractor evaluates the call's string tokens)
    limit = format(MAX_ROWS, ",").replace(",", " ")
    return UserError(
        env._(
            "The file has more than %s rows: split it into several files.",
            limit,
        )
    )


def read_xlsx_rows(env, content, max_col, load_error):
    """[(row number, values of the first ``max_col`` columns)] of the first sheet's non-empty
    rows. ``load_error(env, error)`` gives the message for a file that is not an XLSX workbook."""
    import openpyxl

    env = _user_env(env)
    check_file_size(env, content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UserError(load_error(env, error)) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserError(
            env._(
                "The file unpacks to more than %s MB: it is not a table to import.",
                MAX_UNPACKED_BYTES // 1024 // 1024,
            )
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
        raise UserError(load_error(env, error)) from error
    try:
        sheet = workbook.worksheets[0]
        # the declared size of the sheet may lie: read what is there, column by column bound
        sheet.reset_dimensions()
        rows = []
        for number, values in enumerate(sheet.iter_rows(max_col=max_col, values_only=True), 1):
            if number > MAX_SHEET_ROW:
                raise too_many_rows(env)
            values = tuple(values or ())
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            rows.append((number, values + (None,) * (max_col - len(values))))
            if len(rows) > MAX_ROWS + MAX_HEADER_ROWS:
                raise too_many_rows(env)
    finally:
        workbook.close()
    return rows


def format_row_errors(env, errors):
    """The text of the bad rows: the first MAX_REPORTED_ERRORS rows, then their count.

    ``errors`` lists ``(row number, reason)``, a row may appear more than once.
    """
    env = _user_env(env)
    by_row = {}
    for row, reason in errors:
        by_row.setdefault(row, []).append(reason)
    rows = list(by_row.items())
    lines = [
        env._("Row %(row)s: %(reason)s.", row=row, reason="; ".join(reasons))
        for row, reasons in rows[:MAX_REPORTED_ERRORS]
    ]
    if len(rows) > MAX_REPORTED_ERRORS:
        lines.append(env._("… and %s more rows with errors.", len(rows) - MAX_REPORTED_ERRORS))
    return "\n".join(lines)


def validate_table(wizard, empty_message):
    """The prepared rows of the table an import wizard holds (its ``_read_rows`` checked by
    its ``_validate``): all of them, or a UserError naming the bad rows (nothing imported),
    or ``empty_message`` when the table has no row."""
    prepared, errors = wizard._validate(wizard._read_rows())
    if errors:
        raise UserError(
            wizard.env._("Nothing was imported. Correct the file:\n%s", format_row_errors(wizard.env, errors))
        )
    if not prepared:
        raise UserError(empty_message)
    return prepared


def read_table(wizard, headers, required, max_col=MAX_TABLE_COLUMNS):
    """[(row number, {key: value})] of the table an import wizard holds (its ``file`` and
    ``filename``), an XLSX or CSV table whose first row names the columns: ``headers`` maps a
    column title (lower case) to its key, ``required`` is the set of keys the table must have.
    Within the limits above; a bad file is refused in Russian."""
    env = _user_env(wizard.env)
    content = base64.b64decode(wizard.file or b"")
    filename = wizard.filename
    if (filename or "").lower().endswith(".csv"):
        check_file_size(env, content)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(env._("The CSV file must be saved in the UTF-8 encoding.")) from error
        first_line = text.splitlines()[0] if text else ","
        try:
            dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        except csv.Error:
            # one column, or no delimiter the sniffer is sure of: the Russian Excel's one
            delimiter = next((d for d in ";,\t" if d in first_line), ";")
            dialect = type("ImportDialect", (csv.excel,), {"delimiter": delimiter})
        rows = []
        reader = csv.reader(io.StringIO(text), dialect)
        try:
            for row in reader:
                rows.append(list(row[:max_col]))
                if len(rows) > MAX_ROWS + 1:
                    raise too_many_rows(env)
        except csv.Error as error:
            raise UserError(
                env._(
                    "Row %(row)s of the CSV file cannot be read: %(error)s.", row=reader.line_num, error=error
                )
            ) from error
        rows = list(enumerate(rows, 1))
    else:
        rows = read_xlsx_rows(
            env,
            content,
            max_col,
            lambda env, error: env._("The file is neither an XLSX workbook nor a CSV file: %s", error),
        )
    rows = [(number, row) for number, row in rows if any(v not in (None, "") for v in row)]
    if not rows:
        raise UserError(env._("The file is empty."))
    if len(rows) > MAX_ROWS + 1:
        raise too_many_rows(env)
    keys = [headers.get(" ".join(str(h or "").split()).lower()) for h in rows[0][1]]
    missing = set(required) - set(keys)
    if missing:
        raise UserError(
            env._(
                "The first row must name the columns; missing: %s.",
                ", ".join(sorted(column_title(headers, key) for key in missing)),
            )
        )
    twice = sorted({column_title(headers, key) for key in keys if key and keys.count(key) > 1})
    if twice:
        raise UserError(env._("The first row names the same column twice: %s.", ", ".join(twice)))
    return [(number, {k: v for k, v in zip(keys, row, strict=False) if k}) for number, row in rows[1:]]


def column_title(headers, key):
    """The title of the column ``key`` as the user writes it: the first of ``headers`` (the
    Russian one) that names it."""
    title = next((title for title, k in headers.items() if k == key), key)
    return title.upper() if title in ABBREVIATIONS else title[:1].upper() + title[1:]


def class_key(name):
    """A class name as the imports compare it: without spaces and hyphens, in capitals, the
    Latin look-alike letters read as Cyrillic ("5 a", "5-А" and "5A" are the class 5А)."""
    return "".join(str(name or "").split()).replace("-", "").upper().translate(LATIN_LOOKALIKES)


def cell_problem(env, value):
    """Why a text cell of an imported table cannot be imported (a formula, a control
    character such as NUL, which PostgreSQL refuses, a too long text), or False."""
    if not isinstance(value, str):
        return False
    env = _user_env(env)
    text = value.strip()
    if text.startswith("="):
        return env._("a formula is not imported, type its value")
    if any(ord(char) < 32 and char not in "\t\n\r" for char in text):
        return env._("the text holds control characters")
    if len(text) > MAX_CELL_CHARS:
        return env._("the text is longer than %s characters", MAX_CELL_CHARS)
    return False


def cell_text(value):
    """A cell as stripped text; a whole number read as a float loses its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_date(value):
    """A cell as a date (a date cell, or DD.MM.YYYY, YYYY-MM-DD, DD/MM/YYYY text); False when
    empty; ``ValueError(text)`` when it is not a date."""
    if not value:
        return False
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
