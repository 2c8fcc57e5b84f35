"""Amazon Translate custom terminology: ``mt/amazon/terminology.csv``.

One CSV file for every language pair, imported with ``Directionality=MULTI``
(any column can be the source):

* the first row is the language codes, in ``Glossary.languages`` order
  (``pt_BR`` written ``pt-BR``);
* then one row per concept (sorted by id) with its preferred term in each
  language. Only concepts that have a preferred term in *every* language get
  a row (the others are counted as ``incomplete``): in a multi-directional
  terminology every cell is a source for every other column, and an empty
  cell would be an entry without a translation;
* comma-separated, a field quoted only when it holds a comma or a quote
  (doubled inside), LF line ends, UTF-8 without a byte order mark, at most
  10,485,760 bytes (the limit of ``TerminologyData.File``).

Only preferred terms are written: in a multi-directional terminology a synonym
in its own row would give the other terms of that row two entries. Deprecated
terms are never written (see :mod:`glossary.formats.constraints` for the terms
to avoid).

:func:`problems` refuses a preferred term that two concepts share in one
language, a control character in a preferred term, and a file over the limit.

>>> from glossary.model import Concept, LangSection, Term, Status
>>> g = Glossary([Concept("kpo", languages={
...     "en": LangSection("en", [Term("knowledge process outsourcing"), Term("KPO", Status.ADMITTED)]),
...     "pl": LangSection("pl", [Term("outsourcing procesów wiedzy"),
...                              Term("outsourcing procesu wiedzy", Status.DEPRECATED)])})])
>>> print(terminology_text(g), end="")
en,pl
knowledge process outsourcing,outsourcing procesów wiedzy
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from .._fs import atomic_write_bytes
from ..model import Finding, Glossary, GlossaryError, Severity
from . import _mt

__all__ = ["write", "problems", "read", "terminology_text"]


def _rows(glossary: Glossary) -> Iterator[list[str]]:
    languages = glossary.languages
    yield [_mt.engine_code(lang) for lang in languages]
    for concept in glossary:
        cells = [concept.preferred(lang) for lang in languages]
        if all(cells):
            yield [cell.strip() for cell in cells if cell]


def terminology_text(glossary: Glossary) -> str:
    """The text of ``terminology.csv``."""
    out = io.StringIO(newline="")
    csv.writer(out, dialect=_mt.CsvDialect).writerows(_rows(glossary))
    return out.getvalue()


def problems(glossary: Glossary) -> Iterator[Finding]:
    """What an Amazon Translate terminology cannot carry (see the module docstring)."""
    yield from _mt.duplicates(glossary, preferred_only=True)
    yield from _mt.text_findings(glossary, terms="preferred")
    size = len(terminology_text(glossary).encode("utf-8"))
    if size > _mt.MAX_FILE_BYTES:
        yield Finding(
            None,
            Severity.ERROR,
            f"the Amazon Translate terminology would have {size} bytes; "
            f"it takes at most {_mt.MAX_FILE_BYTES}",
        )


def write(glossary: Glossary, path: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``terminology.csv`` to ``path``; return counts.

    Raises :class:`GlossaryError` with :func:`problems`' findings, writing nothing.
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    text = terminology_text(glossary)
    atomic_write_bytes(Path(path), text.encode("utf-8"), durable=False)
    rows = text.count("\n") - 1
    return {"languages": len(glossary.languages), "rows": rows, "incomplete": len(glossary) - rows}


def read(path: str | os.PathLike[str]) -> tuple[list[str], list[list[str]]]:
    """The language codes and the rows of a ``terminology.csv``."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, dialect=_mt.CsvDialect))
    return rows[0], rows[1:]
