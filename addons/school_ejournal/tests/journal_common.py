"""Kept importable for test modules written before issue 16: the fixtures live in
``common.py`` (one base, ``SchoolCase``)."""

from .common import MUTE_ACCESS, TODAY, SchoolJournalCommon

__all__ = ["MUTE_ACCESS", "TODAY", "SchoolJournalCommon"]
