"""The SNILS (insurance number of the Russian pension fund) of the contingent (GOS-1).

No model here: one rule for every place that stores a SNILS (the student's card, the partner
of a guardian or of a staff member, the contingent import): 11 digits, separators allowed
("112-233-445 95"), and the last two digits the checksum of the first nine. Numbers up to
001-001-998 were issued before the checksum and carry none.
"""

import re

# the numbers up to this one were issued without a checksum
LAST_UNCHECKED = 1001998


def snils_digits(value):
    """The 11 digits of a SNILS ("123-456-789 64" -> "12345678964"), or "" if it has not 11."""
    digits = re.sub(r"\D", "", value or "")
    return digits if len(digits) == 11 else ""


def snils_checksum(number):
    """The two control digits of the nine digits ``number``."""
    total = sum(int(digit) * weight for digit, weight in zip(number, range(9, 0, -1), strict=True))
    return f"{total % 101 % 100:02d}"


def snils_error(env, value):
    """Why ``value`` is not a SNILS, in the user's language, or None when it is one."""
    digits = snils_digits(value)
    if not digits:
        return env._("A SNILS has 11 digits, for example 112-233-445 95; %s is not one.", value)
    if int(digits[:9]) > LAST_UNCHECKED and digits[9:] != snils_checksum(digits[:9]):
        return env._("The SNILS %s is mistyped: its control number does not match its digits.", value)
    return None
