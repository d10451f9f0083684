"""Kept importable for test modules written before issue 16: the fixtures live in
``common.py`` (one base, ``SchoolCase``)."""

from .common import PeriodMarkCommon

__all__ = ["PeriodMarkCommon"]
