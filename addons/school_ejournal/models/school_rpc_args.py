"""The arguments of the public methods the web client calls over JSON-RPC (issue 11 item 10).

No model here: a browser sends whatever a user, an old page or a script makes it send. A
record id must be a positive integer of PostgreSQL's ``integer`` range (a string of digits,
as the keys of a JSON object are, is read as one), a list of ids a list, a mapping a JSON
object, a text a string, a day an ISO date. Anything else is refused at the method's entry
with one clear message in the user's language (a UserError): never a Python TypeError or a
psycopg2 DataError, which the user sees as a server error, and nothing is written.

The helpers check the shape of a value without a query: the access checks that follow
refuse an id that names no record the caller may read.
"""

from datetime import date, datetime

from odoo import fields
from odoo.exceptions import UserError

from .school_access import _speaking

# the largest value of PostgreSQL's ``integer``, the type of every id column
MAX_ID = 2**31 - 1
EMPTY = (None, False, 0, "")


def refuse(env, value):
    """The UserError of a value the server cannot use, which it shows (shortened)."""
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:40] + "…"
    return UserError(
        _speaking(env)._(
            "The page sent a value the server cannot use: %s. Reload the page and try again.", shown
        )
    )


def record_id(env, value, optional=False):
    """``value`` as a record id; False for an empty value when ``optional``."""
    if optional and not isinstance(value, (list, dict)) and value in EMPTY:
        return False
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise refuse(env, value)
    return value


def record_ids(env, value):
    """``value`` (a list of ids, or empty) as a list of record ids."""
    if value is None or value is False:
        return []
    if not isinstance(value, (list, tuple)):
        raise refuse(env, value)
    return [record_id(env, item) for item in value]


def mapping(env, value):
    """``value``, which must be a JSON object (a dict)."""
    if not isinstance(value, dict):
        raise refuse(env, value)
    return value


def id_mapping(env, value):
    """``value`` (a JSON object whose keys are record ids) with its keys as record ids."""
    return {record_id(env, key): item for key, item in mapping(env, value).items()}


def text(env, value):
    """``value`` as a text: a string, or "" for an empty value."""
    if value is None or value is False:
        return ""
    if not isinstance(value, str):
        raise refuse(env, value)
    return value


def day(env, value):
    """``value`` (an ISO date, as the web client sends it) as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return fields.Date.to_date(value)
        except ValueError as error:
            raise refuse(env, value) from error
    raise refuse(env, value)
