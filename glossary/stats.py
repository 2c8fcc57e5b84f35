"""How complete each catalog is: ``glossary stats``.

Entries and source words are counted the way translate-toolkit's ``pocount``
counts them, so the two agree:

* the header and obsolete entries (``#~``) are not counted;
* *translated*: not fuzzy, with a translation;
* *fuzzy*: marked fuzzy, with a translation;
* *untranslated*: every other entry (an empty fuzzy entry included);
* source words: the words of the English ``msgid`` (and ``msgid_plural``),
  after removing XML tags and every full stop between two non-digits together
  with them (so ``e.g.`` counts as no word, as in ``pocount``), split at
  Unicode word boundaries (UAX #29): ``organisation's`` and ``1,000.5`` are
  one word, ``day-to-day`` is three.

A concept is *complete* in a language when every unit the template has for it
(term, abbreviation, definition) is translated and not fuzzy. The concepts
are those of the template (``locales/glossary.pot``), or of the catalog
itself when there is no template.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .formats import po
from .layout import catalog_path, find_catalogs, template_path
from .model import SOURCE_LANGUAGE, GlossaryError

__all__ = [
    "Counts",
    "LocaleStats",
    "word_count",
    "catalog_stats",
    "stats",
    "format_table",
    "to_json",
]

# The text pocount removes before counting words (translate-toolkit's regular
# expressions): line-break tags, XML tags, and a full stop between non-digits.
_BR = re.compile(r"<br\s*?/?>")
_XML_TAG = re.compile(r"""<([\w.:]+)(\s([\w.:]+=(("[^"]*?")|('[^']*?')))?)*/?>|</([\w.]+)>""")
_NON_NUMBER_DOT = re.compile(r"\D\.\D")
# Unicode word segmentation, as far as it matters for counting: runs of word
# characters, joined across one MidLetter/MidNumLet character between two
# letters, or one MidNum/MidNumLet character between two digits.
_RUN = re.compile(r"[\w\u00ad\u200c\u200d\u2060]+")
_BETWEEN_LETTERS = set(
    ":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a.'\u2018\u2019\u2024\ufe52\uff07\uff0e"
)
_BETWEEN_DIGITS = set(
    ",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54"
    "\uff0c\uff1b.'\u2018\u2019\u2024\ufe52\uff07\uff0e"
)


def word_count(text: str) -> int:
    """The number of words in ``text``, as ``pocount`` counts them.

    >>> word_count("recording, classifying and reporting of an organisation's data")
    8
    >>> word_count("day-to-day work, e.g. 1,000.5 forms")
    6
    """
    text = _NON_NUMBER_DOT.sub(" ", _XML_TAG.sub("", _BR.sub("\n", text)))
    words = 0
    previous_end = None
    for run in _RUN.finditer(text):
        start = run.start()
        joined = False
        if previous_end is not None and start - previous_end == 1:
            mid, before, after = text[previous_end], text[previous_end - 1], text[start]
            joined = (mid in _BETWEEN_LETTERS and before.isalpha() and after.isalpha()) or (
                mid in _BETWEEN_DIGITS and before.isdigit() and after.isdigit()
            )
        if not joined:
            words += 1
        previous_end = run.end()
    return words


@dataclass
class Counts:
    """Entries and their source words."""

    entries: int = 0
    words: int = 0

    def add(self, words: int) -> None:
        self.entries += 1
        self.words += words


@dataclass
class LocaleStats:
    """The completeness of one catalog."""

    lang: str
    path: Path
    translated: Counts = field(default_factory=Counts)
    fuzzy: Counts = field(default_factory=Counts)
    untranslated: Counts = field(default_factory=Counts)
    concepts_complete: int = 0
    concepts_total: int = 0

    @property
    def total(self) -> Counts:
        parts = (self.translated, self.fuzzy, self.untranslated)
        return Counts(sum(p.entries for p in parts), sum(p.words for p in parts))

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        parts = {
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "total": self.total,
        }
        return {
            "lang": self.lang,
            "catalog": str(self.path),
            "entries": {k: v.entries for k, v in parts.items()},
            "source_words": {k: v.words for k, v in parts.items()},
            "concepts": {"complete": self.concepts_complete, "total": self.concepts_total},
        }


def _concept_units(entries) -> dict[str, list[tuple[str | None, str]]]:
    units: dict[str, list[tuple[str | None, str]]] = {}
    for entry in entries:
        parts = po.split_context(entry.msgctxt)
        if entry.obsolete or parts is None:
            continue
        units.setdefault(parts[0], []).append((entry.msgctxt, entry.msgid))
    return units


def catalog_stats(
    catalog: polib.POFile, lang: str, path: Path, template: polib.POFile | None = None
) -> LocaleStats:
    """The counts of one parsed catalog (see the module docstring)."""
    result = LocaleStats(lang, path)
    done: set[tuple[str | None, str]] = set()
    for entry in catalog:
        if entry.obsolete:
            continue
        words = word_count(entry.msgid) + (
            word_count(entry.msgid_plural) if entry.msgid_plural else 0
        )
        has_text = bool(entry.msgstr) or any(entry.msgstr_plural.values())
        if has_text and not entry.fuzzy:
            result.translated.add(words)
            done.add((entry.msgctxt, entry.msgid))
        elif has_text:
            result.fuzzy.add(words)
        elif entry.msgid:
            result.untranslated.add(words)
    units = _concept_units(template if template is not None else catalog)
    result.concepts_total = len(units)
    result.concepts_complete = sum(1 for keys in units.values() if all(k in done for k in keys))
    return result


def stats(root: str | os.PathLike[str], lang: str | None = None) -> list[LocaleStats]:
    """The completeness of every catalog under ``root`` (or of ``lang`` only),
    the source language first. Raises :class:`GlossaryError` when a catalog
    cannot be parsed or ``lang`` has no catalog."""
    root = Path(root)
    catalogs = find_catalogs(root)
    if lang is not None:
        if lang not in catalogs:
            known = ", ".join(sorted(catalogs, key=lambda c: (c != SOURCE_LANGUAGE, c)))
            raise GlossaryError(
                f"no catalog for {lang!r} ({catalog_path(root, lang)}); "
                f"the locales folder has {known or 'none'}"
            )
        catalogs = {lang: catalogs[lang]}
    template = None
    if template_path(root).exists():
        template = po.parse_catalog(template_path(root)).po
    results = []
    for code in sorted(catalogs, key=lambda c: (c != SOURCE_LANGUAGE, c)):
        catalog = po.parse_catalog(catalogs[code]).po
        results.append(catalog_stats(catalog, code, catalogs[code], template))
    return results


def _percent(part: int, whole: int) -> str:
    """Rounded down, so that 100% means complete."""
    return f"{100 * part // whole if whole else 100}%"


def format_table(rows: list[LocaleStats]) -> str:
    """An aligned text table, one line per catalog.

    >>> s = LocaleStats("fr", Path("fr.po"), Counts(1, 3), Counts(), Counts(2, 5), 0, 1)
    >>> print(format_table([s]))
    locale  translated  fuzzy  untranslated  total  words translated  words fuzzy  words untranslated  concepts complete
    fr        1 (33%)       0             2      3                 3            0                   5          0/1 (0%)
    """
    header = [
        "locale",
        "translated",
        "fuzzy",
        "untranslated",
        "total",
        "words translated",
        "words fuzzy",
        "words untranslated",
        "concepts complete",
    ]
    table = [header]
    for s in rows:
        total = s.total
        table.append(
            [
                s.lang,
                f"{s.translated.entries} ({_percent(s.translated.entries, total.entries)})",
                str(s.fuzzy.entries),
                str(s.untranslated.entries),
                str(total.entries),
                str(s.translated.words),
                str(s.fuzzy.words),
                str(s.untranslated.words),
                f"{s.concepts_complete}/{s.concepts_total} "
                f"({_percent(s.concepts_complete, s.concepts_total)})",
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=False)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def to_json(rows: list[LocaleStats]) -> str:
    """A JSON document: ``{"locales": {lang: {...}}}``."""
    return json.dumps(
        {"locales": {s.lang: s.to_dict() for s in rows}}, ensure_ascii=False, indent=2
    )
