"""What a Russian reader sees, word by word: the helpers of the "no English" tests.

The guide: "The UI and every printed form are in Russian; source strings in English with
i18n/ru.po complete". ``scripts/i18n.sh --check`` proves the file complete for what the
extractor finds; these helpers look at what actually reaches a user whose language is
Russian (views, menus, selection labels, printed forms, mails) and list every Latin word
that is not a proper name or an abbreviation a Russian text keeps in Latin letters.
"""

import re

from lxml import etree, html

LANG = "ru_RU"
OUR_MODULES = ("school_ejournal", "school_ejournal_reports", "school_ejournal_esia", "school_ejournal_demo")

# Latin words a Russian text keeps: abbreviations, formats, product and protocol names.
ALLOWED_WORDS = frozenset(
    {
        "API",
        "CSV",
        "Email",
        "email",
        "e-mail",
        "E-mail",
        "HMAC",
        "HTML",
        "HTTP",
        "HTTPS",
        "ID",
        "MAC",
        "Odoo",
        "OAuth",
        "OIDC",
        "OpenID",
        "Connect",
        "PDF",
        "SHA",
        "SMS",
        "URL",
        "UTC",
        "XLSX",
        "XLS",
        "JSON",
        "SNILS",
        "ESIA",
        "QR",
        "IP",
        "JWKS",
        "PKCE",
        "SQL",
        "ODS",
    }
)
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# addresses, paths and e-mails are not words of the text
NOT_TEXT = re.compile(r"\S+@\S+|\b(?:https?|ftp)://\S+|(?<!\w)/[\w./-]+|\bwww\.\S+")
# attributes of view and template nodes that a user reads (or hears, for aria-label)
READ_ATTRIBUTES = frozenset(
    {
        "string",
        "help",
        "placeholder",
        "title",
        "aria-label",
        "confirm",
        "sum",
        "avg",
        "alt",
        "label",
        "data-tooltip",
        "add-label",
        "value_label",
    }
)
# QWeb directives whose element's content is replaced when rendered (the text is an example)
REPLACED_CONTENT = ("t-out", "t-esc", "t-field", "t-raw", "t-call")


def english_words(text):
    """The Latin words of ``text`` a Russian reader should not meet (one letter words and
    the allowed abbreviations left out)."""
    text = NOT_TEXT.sub(" ", str(text or ""))
    return [word for word in LATIN_WORD.findall(text) if len(word) > 1 and word not in ALLOWED_WORDS]


def template_strings(text):
    """The text of a field holding ``{{ expression }}`` placeholders: the placeholders give
    their string literals only (a literal is shown when the expression falls back to it)."""

    def literals(match):
        return " ".join(a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", match.group(1)))

    return re.sub(r"\{\{(.*?)\}\}", literals, str(text or ""), flags=re.S)


def is_invisible(node):
    return any(node.get(attr) in ("1", "True", "true") for attr in ("invisible", "column_invisible"))


def arch_texts(arch):
    """(where, text) of what a user reads in a view or template: text nodes and read
    attributes, leaving out invisible nodes and the example content of ``t-out`` & co."""
    root = etree.fromstring(arch) if isinstance(arch, (str, bytes)) else arch
    skipped = set()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        parent = node.getparent()
        if parent is not None and parent in skipped or is_invisible(node):
            skipped.add(node)
            continue
        for attr, value in node.attrib.items():
            if attr in READ_ATTRIBUTES:
                yield f"<{node.tag} {attr}>", value
        if any(directive in node.attrib for directive in REPLACED_CONTENT) or (
            node.tag == "attribute" and node.get("name") not in READ_ATTRIBUTES
        ):
            skipped.add(node)
        elif node.text and node.text.strip():
            yield f"<{node.tag}> text", node.text
        if node.tail and node.tail.strip() and parent is not None and parent not in skipped:
            yield f"<{parent.tag}> text", node.tail


def visible_fields(arch):
    """The names of the fields a view shows (its own level, not the inner views')."""
    root = etree.fromstring(arch) if isinstance(arch, (str, bytes)) else arch
    names = set()
    for node in root.iter("field"):
        ancestors = list(node.iterancestors())
        if is_invisible(node) or any(is_invisible(a) or a.tag == "field" for a in ancestors):
            continue
        names.add(node.get("name"))
    return names


class EnglishFinder:
    """Collects the English met while reading a product in Russian: ``check(where, text)``
    notes each text holding English words; ``leaks`` lists them, one line each."""

    def __init__(self, data=()):
        self.found = {}
        # names the test's own data gives in English (not the product's words)
        self.data = sorted(data, key=len, reverse=True)

    def check(self, where, text):
        for name in self.data:
            text = str(text or "").replace(name, " ")
        words = english_words(text)
        if words:
            self.found.setdefault(" ".join(str(text).split())[:150], where)
        return words

    def check_arch(self, where, arch):
        for place, text in arch_texts(arch):
            self.check(f"{where} {place}", text)

    @property
    def leaks(self):
        return [f"{where}: {text!r}" for text, where in sorted(self.found.items(), key=lambda i: i[1])]


# what a browser does not show: code, styles, the head's metadata
HIDDEN_TAGS = ("script", "style", "head", "template", "noscript")


def page_texts(body):
    """(where, text) of what a reader of the HTML page ``body`` sees or hears: the text of the
    body and the attributes shown (title, placeholder, alt, aria-label, the value of a
    button), the head, scripts and styles left out."""
    document = html.fromstring(body)
    for node in document.iter(*HIDDEN_TAGS):
        node.drop_tree()
    for node in document.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in ("title", "placeholder", "alt", "aria-label"):
            if node.get(attr):
                yield f"<{node.tag} {attr}>", node.get(attr)
        if node.tag == "input" and node.get("type") in ("submit", "button") and node.get("value"):
            yield "<input value>", node.get("value")
        for text in (node.text, node.tail):
            if text and text.strip():
                yield f"<{node.tag}>", text
