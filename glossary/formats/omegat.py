"""OmegaT glossaries: ``<out_dir>/en-<lang>.txt``, one per target language.

OmegaT's tab-separated glossary format: one entry per line, ``source term``,
TAB, ``target term``, TAB, ``comment``. OmegaT skips lines that start with
``#``, cuts each line at every tab and trims the fields. Which files it reads,
and in which encoding, it decides by the extension: OmegaT 3.6 (the release
Debian and Ubuntu ship) reads ``.tab``, ``.utf8``, ``.txt``, ``.csv`` and
``.tbx`` files of a project's ``glossary/`` folder, and ignores ``.tsv``. So
every file:

* is named ``en-<lang>.txt``, which OmegaT reads as UTF-8;
* starts with ``# Glossary in tab-separated format -*- coding: utf-8 -*-``,
  the line OmegaT itself writes into a new glossary, and is UTF-8 without a
  byte order mark, with LF line endings.

Mapping from the model, for every concept (sorted by id) that has a preferred
term in the target language:

* one line per English term that is not deprecated (the preferred term, then
  the admitted ones such as acronyms, in stored order). The target column is
  what OmegaT offers for insertion: the target's abbreviation (its first
  admitted acronym or abbreviation) for an English acronym or abbreviation
  when the target has one (``CA`` -> ``ДЕС``), else the target preferred term.
  Deprecated English terms get no line: a source text should not be matched
  against them.
* the comment is the same on every line of the concept, its parts joined with
  `` | ``: the target definition; ``admitted: X`` for each admitted target
  term; ``avoid: X (deprecated; use Y)`` for each deprecated target term
  (``Y`` the target preferred term). A deprecated target term is never in the
  target column, so OmegaT never offers it; the comment warns the translator
  who meets it instead.

Concepts without an English preferred term or without a target preferred term
are left out of that file (the writer counts them as ``untranslated``).

A tab or a line break cannot be represented inside a field, and a source term
starting with ``#`` would be read as a comment line: :func:`write_omegat`
raises :class:`GlossaryError` naming the concept instead of writing a file
that OmegaT would read differently. Nothing is written then.

>>> from glossary.model import Concept, LangSection, Term, Status, TermType
>>> g = Glossary([Concept("kpo", languages={
...     "en": LangSection("en", [Term("knowledge process outsourcing"),
...                              Term("KPO", Status.ADMITTED, TermType.ACRONYM)], "def"),
...     "de": LangSection("de", [Term("Knowledge Process Outsourcing"),
...                              Term("Wissensoutsourcing", Status.DEPRECATED)], "Def.")})])
>>> lines = omegat_texts(g)["en-de.txt"].splitlines()
>>> lines[0] == MAGIC_LINE
True
>>> [line.split("\\t")[:2] for line in lines[1:]]
[['knowledge process outsourcing', 'Knowledge Process Outsourcing'],
 ['KPO', 'Knowledge Process Outsourcing']]
>>> print(lines[1].split("\\t")[2])
Def. | avoid: Wissensoutsourcing (deprecated; use Knowledge Process Outsourcing)
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .._fs import atomic_writer
from ..model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Glossary,
    GlossaryError,
    LangSection,
    Origin,
    Severity,
    Status,
    Term,
    TermType,
)

__all__ = ["write_omegat", "read_omegat", "omegat_texts", "file_name", "MAGIC_LINE"]

#: The first line of every file: OmegaT's own header, naming the encoding.
MAGIC_LINE = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
_SEPARATOR = " | "
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what Java's readLine() splits on
_FORBIDDEN = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


def file_name(target: str) -> str:
    """The file name of the glossary from the source language into ``target``.

    >>> file_name("bg")
    'en-bg.txt'
    """
    return f"{SOURCE_LANGUAGE}-{target}.txt"


def problems(glossary: Glossary) -> Iterator[Finding]:
    """What an OmegaT glossary cannot carry: a tab or line break in a text it writes
    (a source term, or a target term or definition), and a source term starting
    with ``#`` (a comment line to OmegaT)."""
    for concept in glossary:
        for lang, section in concept.languages.items():
            source = lang == SOURCE_LANGUAGE
            terms = [t for t in section.terms if not (source and t.status is Status.DEPRECATED)]
            texts = [(f"term {t.text!r}", t.text, t.origin) for t in terms]
            if not source:
                texts.append(("definition", section.definition, None))
            for label, text, origin in texts:
                where = origin or section.origin or concept.origin
                for char, name in _FORBIDDEN.items():
                    if char in text:
                        yield Finding(
                            where,
                            Severity.ERROR,
                            f"{concept.id}: {label} in {lang!r} contains {name}, which "
                            "an OmegaT glossary cannot represent",
                        )
                if source and text.startswith("#"):
                    yield Finding(
                        where,
                        Severity.ERROR,
                        f"{concept.id}: {label} in {lang!r} starts with '#', "
                        "which OmegaT reads as a comment line",
                    )


def _comment(concept: Concept, target: str) -> str:
    section = concept.languages[target]
    preferred = section.preferred.text  # type: ignore[union-attr]
    parts = [section.definition] if section.definition else []
    for term in section.terms_with(Status.ADMITTED):
        parts.append(f"admitted: {term.text}")
    for term in section.terms_with(Status.DEPRECATED):
        parts.append(f"avoid: {term.text} (deprecated; use {preferred})")
    return _SEPARATOR.join(parts)


_SHORT = (TermType.ACRONYM, TermType.ABBREVIATION)


def _translation(term: Term, section: LangSection) -> str:
    """What OmegaT offers for the English ``term``: the target's abbreviation for
    an abbreviation, when there is one; else the target preferred term."""
    if term.type in _SHORT and section.abbreviation is not None:
        return section.abbreviation.text
    return section.preferred.text  # type: ignore[union-attr]


class _Counts:
    def __init__(self) -> None:
        self.entries = self.untranslated = 0


def _lines(glossary: Glossary, target: str, counts: _Counts) -> Iterator[str]:
    """The lines of the file into ``target``, each with its line feed."""
    yield MAGIC_LINE + "\n"
    for concept in glossary:
        source = concept.languages.get(SOURCE_LANGUAGE)
        section = concept.languages.get(target)
        if (
            source is None
            or source.preferred is None
            or section is None
            or section.preferred is None
        ):
            counts.untranslated += 1
            continue
        comment = _comment(concept, target)
        for term in source.terms:
            if term.status is Status.DEPRECATED:
                continue
            counts.entries += 1
            yield f"{term.text}\t{_translation(term, section)}\t{comment}\n"


def _targets(glossary: Glossary) -> list[str]:
    return [lang for lang in glossary.languages if lang != SOURCE_LANGUAGE]


def omegat_texts(glossary: Glossary) -> dict[str, str]:
    """File name -> file text, for every language but the source language."""
    return {
        file_name(lang): "".join(_lines(glossary, lang, _Counts())) for lang in _targets(glossary)
    }


def write_omegat(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``en-<lang>.txt`` for every target language into ``out_dir``; return counts.

    Each file is written line by line to a temporary file; they take their
    names together once all are complete, so a :class:`GlossaryError` (see
    the module docstring) leaves nothing behind.
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    counts = _Counts()
    with contextlib.ExitStack() as stack:
        for lang in _targets(glossary):
            handle = stack.enter_context(atomic_writer(target / file_name(lang), durable=False))
            for chunk in _batched(_lines(glossary, lang, counts)):
                handle.write("".join(chunk).encode("utf-8"))
        # leaving the block renames every file, or removes them all on an error
    return {
        "files": len(_targets(glossary)),
        "entries": counts.entries,
        "untranslated": counts.untranslated,
    }


def _batched(lines: Iterator[str], size: int = 4096) -> Iterator[list[str]]:
    return iter(lambda: list(itertools.islice(lines, size)), [])


def read_omegat(path: str | os.PathLike[str]) -> list[tuple[str, str, str]]:
    """The ``(source, target, comment)`` entries of an OmegaT tab-separated glossary.

    Like OmegaT it skips a BOM, ``#`` lines and blank lines, and takes the
    comment as empty when a line has two fields. Unlike OmegaT it refuses a
    line with one field or more than three (:class:`GlossaryError` with
    ``path:line``) instead of skipping it or dropping the extra fields.
    """
    name = str(path)
    text = Path(path).read_bytes().decode("utf-8-sig")
    entries: list[tuple[str, str, str]] = []
    errors: list[Finding] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) == 2:
            fields.append("")
        if len(fields) != 3:
            errors.append(
                Finding(
                    Origin(name, number),
                    Severity.ERROR,
                    f"{len(fields)} tab-separated fields; expected 2 or 3",
                )
            )
            continue
        source, target, comment = (f.strip() for f in fields)
        entries.append((source, target, comment))
    if errors:
        raise GlossaryError(errors)
    return entries


write = write_omegat
