"""The spreadsheet export ``exports/glossary.csv``: one row per concept.

Columns, in this order (``<lang>`` runs over ``glossary.languages``, the source
language first)::

    concept_id, subject_field,
    <lang>_term, <lang>_definition, <lang>_admitted, <lang>_deprecated, ...

Mapping from the model:

=====================  =========================================================
column                 model field
=====================  =========================================================
``concept_id``         :attr:`Concept.id`
``subject_field``      :attr:`Concept.subject_field`
``<lang>_term``        the preferred term (:attr:`LangSection.preferred`)
``<lang>_definition``  :attr:`LangSection.definition`
``<lang>_admitted``    the admitted terms, in stored order, joined with `` | ``
``<lang>_deprecated``  the deprecated terms, in stored order, joined with `` | ``
=====================  =========================================================

A concept without a section in a language has four empty cells there.

The file format:

* RFC 4180: a header row, CRLF after every record, comma separators, and
  every field quoted (``"``, doubled inside), as translate-toolkit's CSV
  store writes (``csv.QUOTE_ALL``). A spreadsheet that does not know the
  delimiter guesses it, and LibreOffice's import often has the semicolon and
  the tab ticked besides the comma: a semicolon or a tab in an unquoted
  definition would then split the row into more columns than the header has.
  Inside quotes no separator splits. (Quoting does not stop a spreadsheet from
  evaluating a formula: that is the escape below.) Backslashes are ordinary
  characters.
* UTF-8 **with** a byte order mark. The file is the spreadsheet export (TBX and
  the dataset serve programs), and Excel opens a CSV file as UTF-8 only when
  it starts with a BOM; without it Bulgarian and Polish text opens garbled.
  LibreOffice, pandas and Python's ``encoding="utf-8-sig"`` read it either way;
  plain ``encoding="utf-8"`` leaves ``"\\ufeff"`` in front of ``concept_id``.
* Formula injection: a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
  (translate-toolkit's ``csvunit.add_spreadsheet_escape`` set) or with a tab or
  carriage return (OWASP's list) is written with a ``'`` in front, so a
  spreadsheet shows text rather than running a formula. Text that itself starts
  with ``'`` gets one too, which makes the escape reversible: :func:`read_csv`
  removes exactly one leading ``'`` from every cell.
* `` | `` separates the terms of a multi-valued cell. An admitted or deprecated
  term that contains ``|`` (or is empty) cannot be told apart from the
  separator, so :func:`write_csv` refuses it with a :class:`GlossaryError`
  naming the concept rather than write a file that reads back differently.

What the CSV cannot carry, and :func:`read_csv` therefore does not give back:
notes (of concepts, sections and terms), broader and related concepts, term
types, parts of speech and genders (terms read back get the model's defaults),
origins and catalog metadata. A section with several preferred terms (an error
of the glossary check) keeps its first one.

>>> from glossary.model import Concept, LangSection, Term, Status
>>> g = Glossary([Concept("kpo", "outsourcing models", languages={"en": LangSection(
...     "en", [Term("knowledge process outsourcing"), Term("KPO", Status.ADMITTED)],
...     "outsourcing of knowledge-intensive work")})])
>>> text = csv_text(g)
>>> print(text.splitlines()[0][1:])
"concept_id","subject_field","en_term","en_definition","en_admitted","en_deprecated"
>>> print(text.splitlines()[1])
"kpo","outsourcing models","knowledge process outsourcing","outsourcing of knowledge-intensive work","KPO",""
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._fs import atomic_writer
from ..model import (
    Concept,
    Finding,
    Glossary,
    GlossaryError,
    LangSection,
    Origin,
    Severity,
    Status,
    Term,
)

__all__ = [
    "write_csv",
    "read_csv",
    "csv_text",
    "header",
    "spreadsheet_escape",
    "spreadsheet_unescape",
    "SEPARATOR",
    "FORMULA_START",
]

#: Separator of the terms in an ``_admitted`` or ``_deprecated`` cell.
SEPARATOR = " | "
#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = frozenset("=+-@\t\r")
_ESCAPE = "'"
_BOM = "\ufeff"
_FIXED = ["concept_id", "subject_field"]
_PER_LANGUAGE = ["term", "definition", "admitted", "deprecated"]


class _Dialect(csv.Dialect):
    """RFC 4180: comma, double quote doubled, CRLF, every field quoted, no escape char."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    escapechar = None
    lineterminator = "\r\n"
    quoting = csv.QUOTE_ALL
    skipinitialspace = False
    strict = True


def spreadsheet_escape(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet could take it for a formula.

    >>> spreadsheet_escape("=SUM(A1:A9)"), spreadsheet_escape("'quoted"), spreadsheet_escape("BPO")
    ("'=SUM(A1:A9)", "''quoted", 'BPO')
    """
    if text[:1] in FORMULA_START or text.startswith(_ESCAPE):
        return _ESCAPE + text
    return text


def spreadsheet_unescape(cell: str) -> str:
    """The text of a cell written by :func:`spreadsheet_escape`.

    >>> spreadsheet_unescape("'=SUM(A1:A9)"), spreadsheet_unescape("''quoted")
    ('=SUM(A1:A9)', "'quoted")
    """
    return cell[1:] if cell.startswith(_ESCAPE) else cell


def header(languages: list[str]) -> list[str]:
    """The header row for these languages.

    >>> header(["en", "bg"])[:4]
    ['concept_id', 'subject_field', 'en_term', 'en_definition']
    """
    return _FIXED + [f"{lang}_{part}" for lang in languages for part in _PER_LANGUAGE]


def problems(glossary: Glossary) -> Iterator[Finding]:
    """Terms that a joined cell cannot carry: empty, or containing the separator."""
    for concept in glossary:
        for section in concept.languages.values():
            for status in (Status.ADMITTED, Status.DEPRECATED):
                for term in section.terms_with(status):
                    if not term.text or "|" in term.text:
                        why = "is empty" if not term.text else "contains '|'"
                        yield Finding(
                            term.origin or section.origin or concept.origin,
                            Severity.ERROR,
                            f"{concept.id}: {status.value} term {term.text!r} in "
                            f"{section.lang!r} {why}, which the CSV export cannot tell from "
                            f"its separator {SEPARATOR!r}",
                        )


def _joined(section: LangSection, status: Status) -> str:
    return SEPARATOR.join(t.text for t in section.terms_with(status))


def _row(concept: Concept, languages: list[str]) -> list[str]:
    row = [concept.id, concept.subject_field]
    for lang in languages:
        section = concept.languages.get(lang)
        if section is None:
            row += [""] * len(_PER_LANGUAGE)
            continue
        preferred = section.preferred
        row += [
            preferred.text if preferred else "",
            section.definition,
            _joined(section, Status.ADMITTED),
            _joined(section, Status.DEPRECATED),
        ]
    return [spreadsheet_escape(cell) for cell in row]


def _write_rows(glossary: Glossary, out) -> None:
    out.write(_BOM)
    writer = csv.writer(out, dialect=_Dialect)
    languages = glossary.languages
    writer.writerow(header(languages))
    for concept in glossary:
        writer.writerow(_row(concept, languages))


def csv_text(glossary: Glossary) -> str:
    """The whole file as text, BOM included (see the module docstring)."""
    out = io.StringIO(newline="")
    _write_rows(glossary, out)
    return out.getvalue()


def write_csv(glossary: Glossary, path: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``glossary`` to the CSV file ``path``; return counts.

    Raises :class:`GlossaryError` naming the concept when a term cannot be
    written unambiguously (see the module docstring); nothing is written then
    (rows go to a temporary file that replaces ``path`` only when complete).
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    with atomic_writer(Path(path), durable=False) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
        _write_rows(glossary, text)
        text.flush()
        text.detach()  # the binary file stays open for atomic_writer to finish
    languages = glossary.languages
    terms = sum(
        (section.preferred is not None)
        + len(section.terms_with(Status.ADMITTED))
        + len(section.terms_with(Status.DEPRECATED))
        for concept in glossary
        for section in concept.languages.values()
    )
    return {"concepts": len(glossary), "languages": len(languages), "terms": terms}


def _split(cell: str) -> list[str]:
    return cell.split(SEPARATOR) if cell else []


def read_csv(path: str | os.PathLike[str]) -> Glossary:
    """Read a file written by :func:`write_csv` back into a :class:`Glossary`.

    It carries preferred, admitted and deprecated terms, definitions and
    subject fields only (see the module docstring). Every language of the
    header is kept (an empty ``metadata`` entry) even when no row fills it. The
    BOM is optional. A malformed file raises :class:`GlossaryError` with
    ``path:line`` findings.
    """
    name = str(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        # no cell is longer than the file: lift csv's limit (128 KiB) to that, for this read
        limit = csv.field_size_limit()
        csv.field_size_limit(max(limit, os.fstat(handle.fileno()).st_size + 1))
        try:
            return _read_rows(name, csv.reader(handle, dialect=_Dialect))
        finally:
            csv.field_size_limit(limit)


def _read_rows(name: str, reader: Any) -> Glossary:  # a csv.reader
    """The glossary of the rows of a CSV file (see :func:`read_csv`)."""
    try:
        head = next(reader, None)
    except csv.Error as exc:
        raise GlossaryError([Finding(Origin(name, 1), Severity.ERROR, f"bad CSV: {exc}")]) from None
    languages = _languages(name, head)
    width = len(_FIXED) + len(_PER_LANGUAGE) * len(languages)
    glossary = Glossary()
    for lang in languages:
        glossary.metadata[lang] = {}
    errors: list[Finding] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GlossaryError(
                [Finding(Origin(name, line), Severity.ERROR, f"bad CSV: {exc}")]
            ) from None
        where = Origin(name, line)
        if not row:
            continue
        if len(row) != width:
            errors.append(
                Finding(where, Severity.ERROR, f"{len(row)} fields where the header has {width}")
            )
            continue
        cells = [spreadsheet_unescape(cell) for cell in row]
        concept = Concept(cells[0], cells[1], origin=where)
        if concept.id in glossary:
            errors.append(Finding(where, Severity.ERROR, f"concept {concept.id!r} appears twice"))
            continue
        for index, lang in enumerate(languages):
            start = len(_FIXED) + index * len(_PER_LANGUAGE)
            term, definition, admitted, deprecated = cells[start : start + len(_PER_LANGUAGE)]
            if not (term or definition or admitted or deprecated):
                continue
            terms = [Term(term)] if term else []
            terms += [Term(t, Status.ADMITTED) for t in _split(admitted)]
            terms += [Term(t, Status.DEPRECATED) for t in _split(deprecated)]
            concept.languages[lang] = LangSection(lang, terms, definition, origin=where)
        glossary.add(concept)
    if errors:
        raise GlossaryError(errors)
    return glossary


def _languages(name: str, head: list[str] | None) -> list[str]:
    """The languages of a header row, in column order; GlossaryError if it is not ours."""

    def bad(message: str) -> GlossaryError:
        return GlossaryError([Finding(Origin(name, 1), Severity.ERROR, message)])

    if not head:
        raise bad("empty file: expected a header row")
    if head[: len(_FIXED)] != _FIXED:
        raise bad(f"the header must start with {', '.join(_FIXED)}")
    rest = head[len(_FIXED) :]
    if len(rest) % len(_PER_LANGUAGE):
        raise bad(
            f"after {', '.join(_FIXED)} the header needs {len(_PER_LANGUAGE)} columns per language"
        )
    languages = []
    for i in range(0, len(rest), len(_PER_LANGUAGE)):
        lang = rest[i].rpartition("_")[0]
        expected = [f"{lang}_{part}" for part in _PER_LANGUAGE]
        if not lang or rest[i : i + len(_PER_LANGUAGE)] != expected:
            raise bad(
                f"expected the columns "
                f"{', '.join('<lang>_' + part for part in _PER_LANGUAGE)} "
                f"at column {len(_FIXED) + i + 1}"
            )
        if lang in languages:
            raise bad(f"language {lang!r} appears twice in the header")
        languages.append(lang)
    return languages


write = write_csv
