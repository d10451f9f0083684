"""The record rules of the school's models compiled once, not at every search (issue 15).

Odoo turns the rules' domain of a model into SQL at every search with the user's rights: on
the journal's hot paths (the grid, a mark's save) that compiling took about a third of the
time, for the same SQL every time. The SQL of a domain depends on the domain (cached by
``ir.rule._compute_domain`` per user, with the date), on the model's context (archived
records, language, companies) and on what the compiling reads from the database. This module keeps the
compiled joins and condition per model, mode, user, domain and context, together with a
fingerprint of the data the compiling reads:

- ``is_taught_subject`` (the teacher's (class, subject) pairs): the pairs themselves;
- ``parent_of`` and ``child_of`` (a hierarchy): the ``parent_path`` of the records named;
  none for the parents of companies, as Odoo refuses any change of the companies' hierarchy
  (``res.company.write``) and a new company is nobody's parent.

A domain that reaches anything else read from the database at compiling (a field computed
and searched by a method, a name search on a relation) is compiled by Odoo every time, as
before: ``cache_key`` returns None. The cache lives with the registry: a new domain (rules or
groups changed), a new fingerprint or another context is a new key, so nothing has to be
cleared; its size is bounded.
"""

from odoo.osv import expression
from odoo.tools import lru
from odoo.tools.query import Query

# compiled rules per registry: a teacher's day reaches about twenty models, two modes
CACHE_SIZE = 4096

# the operators that read the records named in the value when compiled
HIERARCHY_OPERATORS = ("child_of", "parent_of")

LOGIC = ("&", "|", "!")


def _cache(registry, name="_school_rule_sql"):
    cache = getattr(registry, name, None)
    if cache is None:
        cache = lru.LRU(CACHE_SIZE)
        setattr(registry, name, cache)
    return cache


def _fingerprint(model, domain, found):
    """Add to ``found`` what compiling ``domain`` on ``model`` reads from the database (as
    ``_data_read`` reads it again); False when it reads something this module cannot name."""
    for leaf in domain:
        if isinstance(leaf, str):
            if leaf not in LOGIC:
                return False
        elif not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
            return False
        elif not isinstance(leaf[0], str):
            # TRUE_LEAF, FALSE_LEAF: (1, '=', 1), (0, '=', 1)
            if tuple(leaf) not in (expression.TRUE_LEAF, expression.FALSE_LEAF):
                return False
        elif not _leaf_fingerprint(model, *leaf, found):
            return False
    return True


def _leaf_fingerprint(model, path, operator, value, found):
    current = model
    names = path.split(".")
    for position, name in enumerate(names):
        field = current._fields.get(name)
        if field is None:
            return False
        last = position == len(names) - 1
        if name == "is_taught_subject" and last and hasattr(current, "_taught_pairs"):
            found.append(("pairs", current._name))
            return True
        while field.inherited:
            # a field of the parent (``_inherits``): compiled through the parent's table
            current = current.env[field.related_field.model_name]
            field = field.related_field
        if not field.store or field.company_dependent:
            return False
        if not field.relational:
            return last
        current = current.env[field.comodel_name]
    return _relation_fingerprint(current, operator, value, found)


def _relation_fingerprint(comodel, operator, value, found):
    """What a condition on a relation to ``comodel`` reads when compiled (see ``_fingerprint``)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    if operator in ("any", "not any"):
        return isinstance(value, (list, tuple)) and _fingerprint(comodel, value, found)
    if any(isinstance(item, str) for item in values):
        # a name searched on the relation (``_search_display_name``)
        return False
    if operator in HIERARCHY_OPERATORS:
        if not comodel._parent_store or not all(
            isinstance(item, int) and not isinstance(item, bool) for item in values
        ):
            return False
        if comodel._name == "res.company" and operator == "parent_of":
            # a company's parents: Odoo refuses any change of the companies' hierarchy, and a
            # new company is nobody's parent
            return True
        found.append(("hierarchy", comodel._name, operator, tuple(values)))
        return True
    return all(isinstance(item, (int, bool)) or item is None for item in values)


def _data_read(env, found):
    """The values of the data ``found`` by ``_fingerprint``, as they are now."""
    values = []
    for spec in found:
        if spec[0] == "pairs":
            values.append((*spec, tuple(sorted(env[spec[1]]._taught_pairs()))))
        else:
            __, model_name, __, ids = spec
            values.append((*spec, tuple(env[model_name].sudo().browse(ids).mapped("parent_path"))))
    return tuple(values)


def _plan(model, domain):
    """(text of ``domain``, what compiling it reads) or None (see ``_fingerprint``), worked out
    once per domain: ``ir.rule._compute_domain`` gives the same list while the rules, the
    user's groups and the day stay the same; the plan keeps the list, so that its id is not
    another list's."""
    plans = _cache(model.pool, "_school_rule_plans")
    plan = plans.get(id(domain))
    if plan is None or plan[0] is not domain or plan[1] != model._name:
        found = []
        kept = _fingerprint(model, domain, found)
        plan = plans[id(domain)] = (domain, model._name, repr(domain) if kept else None, tuple(found))
    return None if plan[2] is None else plan[2:]


def cache_key(model, mode, domain):
    """The key of ``domain``'s compiled SQL on ``model`` for ``mode``, or None when it may not
    be kept (see the module's text)."""
    plan = _plan(model, domain)
    if plan is None:
        return None
    text, found = plan
    context = model.env.context
    return (
        model._name,
        mode,
        model.env.uid,
        text,
        bool(context.get("active_test", True)),
        model.env.lang,
        repr(context.get("allowed_company_ids")),
        _data_read(model.env, found),
    )


def compile_rules(model, domain):
    """(joins, condition) of ``domain`` on ``model`` as Odoo adds them to a query of the model's
    table: a fresh query is given to the compiling, and what it received is kept."""
    scratch = Query(model.env, model._table, model._table_sql)
    expression.expression(domain, model.sudo(), model._table, scratch)
    return tuple(scratch._joins.items()), tuple(scratch._where_clauses)


def apply_rules(model, query, mode, domain):
    """Add the rules ``domain`` of ``model`` for ``mode`` to ``query`` (a query of the model's
    table), compiled once per key; False when the domain is not kept and Odoo must compile it."""
    if query.table != model._table:
        return False
    key = cache_key(model, mode, domain)
    if key is None:
        return False
    cache = _cache(model.pool)
    try:
        joins, conditions = cache[key]
    except KeyError:
        joins, conditions = cache[key] = compile_rules(model, domain)
    if any(alias in query._joins and query._joins[alias] != join for alias, join in joins):
        # the query joined another table under an alias of the rules: Odoo compiles them into it,
        # with the query left as it was given
        expression.expression(domain, model.sudo(), model._table, query)
        return True
    for alias, join in joins:
        # a join the query has already (the same table under the same alias) is kept once
        if alias not in query._joins:
            query._joins[alias] = join
            query._ids = None
    for condition in conditions:
        query.add_where(condition)
    return True
