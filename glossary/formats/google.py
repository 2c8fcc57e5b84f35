"""Google Cloud Translation glossaries: ``mt/google/``.

Two kinds, as Cloud Translation (v3, ``GlossaryInputConfig``) takes them:

``mt/google/<src>-<tgt>.tsv``
    a *unidirectional* glossary per directed pair: two tab-separated columns,
    source term then target term, **no header** (the first row is data), UTF-8
    without a byte order mark, LF line ends. The lines are those of the DeepL
    files (:mod:`glossary.formats.deepl`): the source preferred term, then each
    admitted source term (synonym, acronym, abbreviation), each with the
    target preferred term.

``mt/google/equivalent.csv``
    an *equivalent term sets* glossary over every language: a header row of
    language codes (``pt_BR`` written ``pt-BR``), then one row per concept
    (sorted by id) with its preferred term in each language, an empty cell
    where a language lacks the concept; a concept in fewer than two languages
    has no row. Comma-separated, a field quoted only when it holds a comma,
    LF line ends, UTF-8 without a byte order mark. Every term of a row is
    equivalent to every other, in every direction, so only preferred terms
    are written: a synonym in its own row would make its row's other terms
    ambiguous.

Deprecated terms appear in neither file (see :mod:`glossary.formats.constraints`
for the terms to avoid).

:func:`problems` refuses what the files cannot carry: a term two concepts share
in one language, a control character, and a double quote in a term of the CSV
(Google's glossary format escapes quotes differently from RFC 4180, so a quote
would be read back differently by one of them).

>>> from glossary.model import Concept, LangSection, Term, Status
>>> g = Glossary([Concept("kpo", languages={
...     "en": LangSection("en", [Term("knowledge process outsourcing"), Term("KPO", Status.ADMITTED)]),
...     "de": LangSection("de", [Term("Knowledge Process Outsourcing")])})])
>>> print(equivalent_text(g), end="")
en,de
knowledge process outsourcing,Knowledge Process Outsourcing
>>> print(texts(g)["en-de.tsv"], end="")
knowledge process outsourcing\tKnowledge Process Outsourcing
KPO\tKnowledge Process Outsourcing
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from ..model import Finding, Glossary, GlossaryError, Severity, Status
from . import _mt

__all__ = [
    "write",
    "problems",
    "read_equivalent",
    "texts",
    "iter_texts",
    "equivalent_text",
    "EQUIVALENT",
]

#: The file name of the equivalent term sets glossary.
EQUIVALENT = "equivalent.csv"


def _rows(glossary: Glossary) -> Iterator[list[str]]:
    languages = glossary.languages
    yield [_mt.engine_code(lang) for lang in languages]
    for concept in glossary:
        cells = [concept.preferred(lang) or "" for lang in languages]
        if sum(1 for cell in cells if cell) >= 2:
            yield [cell.strip() for cell in cells]


def equivalent_text(glossary: Glossary) -> str:
    """The text of ``equivalent.csv``."""
    out = io.StringIO(newline="")
    csv.writer(out, dialect=_mt.CsvDialect).writerows(_rows(glossary))
    return out.getvalue()


def iter_texts(glossary: Glossary) -> Iterator[tuple[str, str]]:
    """(file name, file text): ``equivalent.csv``, then one TSV file per directed pair,
    made one at a time."""
    yield EQUIVALENT, equivalent_text(glossary)
    for src, tgt in _mt.pairs(glossary):
        yield (
            f"{_mt.pair_name(src, tgt)}.tsv",
            "".join(
                f"{term.text.strip()}\t{target.strip()}\n"
                for _, term, target in _mt.entries(glossary, src, tgt)
            ),
        )


def texts(glossary: Glossary) -> dict[str, str]:
    """File name -> file text: ``equivalent.csv`` and one TSV file per directed pair."""
    return dict(iter_texts(glossary))


def problems(glossary: Glossary) -> Iterator[Finding]:
    """What the Google glossaries cannot carry (see the module docstring)."""
    yield from _mt.duplicates(glossary)
    yield from _mt.text_findings(glossary)
    for concept in glossary:
        for lang, section in concept.languages.items():
            preferred = section.terms_with(Status.PREFERRED)[:1]
            for term in preferred:
                if '"' in term.text:
                    yield Finding(
                        term.origin or section.origin or concept.origin,
                        Severity.ERROR,
                        f"{concept.id}: term {term.text!r} in {lang!r} contains a double "
                        "quote, which Google's equivalent term sets CSV escapes in its own way",
                    )


def write(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``equivalent.csv`` and every ``<src>-<tgt>.tsv`` into ``out_dir``; return counts.

    Raises :class:`GlossaryError` with :func:`problems`' findings, writing nothing.
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    lines = _mt.write_texts(Path(out_dir), iter_texts(glossary))
    return {
        "files": len(lines),
        "term sets": lines[EQUIVALENT] - 1,
        "pair entries": sum(n for name, n in lines.items() if name != EQUIVALENT),
    }


def read_equivalent(path: str | os.PathLike[str]) -> tuple[list[str], list[list[str]]]:
    """The language codes and the rows of an ``equivalent.csv``."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, dialect=_mt.CsvDialect))
    return rows[0], rows[1:]
