"""OmegaT glossaries: ``<out_dir>/en-<lang>.tsv``, one per target language.

OmegaT's tab-separated glossary format: one entry per line, ``source term``,
TAB, ``target term``, TAB, ``comment``. OmegaT skips lines that start with
``#``, cuts each line at every tab and trims the fields, and reads a ``.tsv``
glossary in the encoding its first-line magic comment names. So every file:

* starts with ``# Glossary in tab-separated format -*- coding: utf-8 -*-``,
  the line OmegaT itself writes into a new glossary, and is UTF-8 without a
  byte order mark, with LF line endings;
* has the ``.tsv`` extension, which recent OmegaT releases list among their
  glossary extensions. An older OmegaT that only knows ``.tab``, ``.txt`` and
  ``.utf8`` reads the file when it is renamed to ``.utf8`` (always UTF-8).

Mapping from the model, for every concept (sorted by id) that has a preferred
term in the target language:

* one line per English term that is not deprecated (the preferred term, then
  the admitted ones such as acronyms, in stored order): the English term and
  the target preferred term. Deprecated English terms get no line: they are
  not terms a source text should be matched against.
* the comment is the same on every line of the concept, its parts joined with
  `` | ``: the target definition; ``admitted: X`` for each admitted target
  term; ``deprecated: X — use Y`` for each deprecated target term (``Y`` the
  target preferred term). Deprecated target terms are kept out of the target
  column on purpose, so that OmegaT never offers them for insertion; the
  comment warns the translator who meets them instead.

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
>>> lines = omegat_texts(g)["en-de.tsv"].splitlines()
>>> lines[0] == MAGIC_LINE
True
>>> [line.split("\\t")[:2] for line in lines[1:]]
[['knowledge process outsourcing', 'Knowledge Process Outsourcing'],
 ['KPO', 'Knowledge Process Outsourcing']]
>>> print(lines[1].split("\\t")[2])
Def. | deprecated: Wissensoutsourcing — use Knowledge Process Outsourcing
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .model import (
    SOURCE_LANGUAGE, Concept, Finding, Glossary, GlossaryError, Origin, Severity, Status,
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
    'en-bg.tsv'
    """
    return f"{SOURCE_LANGUAGE}-{target}.tsv"


def _field(concept: Concept, lang: str, label: str, text: str) -> str:
    for char, name in _FORBIDDEN.items():
        if char in text:
            section = concept.languages.get(lang)
            origin = (section.origin if section else None) or concept.origin
            raise GlossaryError([Finding(
                origin, Severity.ERROR,
                f"{concept.id}: {label} in {lang!r} contains {name}, which an OmegaT "
                f"glossary cannot represent: {text!r}")])
    return text


def _comment(concept: Concept, target: str) -> str:
    section = concept.languages[target]
    preferred = section.preferred.text  # type: ignore[union-attr]
    parts = [_field(concept, target, "definition", section.definition)] \
        if section.definition else []
    for term in section.terms_with(Status.ADMITTED):
        parts.append(f"admitted: {_field(concept, target, 'admitted term', term.text)}")
    for term in section.terms_with(Status.DEPRECATED):
        text = _field(concept, target, "deprecated term", term.text)
        parts.append(f"deprecated: {text} — use {preferred}")
    return _SEPARATOR.join(parts)


def _lines(glossary: Glossary, target: str) -> tuple[list[str], int]:
    lines = [MAGIC_LINE]
    untranslated = 0
    for concept in glossary:
        source = concept.languages.get(SOURCE_LANGUAGE)
        section = concept.languages.get(target)
        if (source is None or source.preferred is None
                or section is None or section.preferred is None):
            untranslated += 1
            continue
        translation = _field(concept, target, "preferred term", section.preferred.text)
        comment = _comment(concept, target)
        for term in source.terms:
            if term.status is Status.DEPRECATED:
                continue
            text = _field(concept, SOURCE_LANGUAGE, f"term {term.text!r}", term.text)
            if text.startswith("#"):
                raise GlossaryError([Finding(
                    source.origin or concept.origin, Severity.ERROR,
                    f"{concept.id}: term {text!r} in {SOURCE_LANGUAGE!r} starts with '#', "
                    "which OmegaT reads as a comment line")])
            lines.append(f"{text}\t{translation}\t{comment}")
    return lines, untranslated


def _build(glossary: Glossary) -> tuple[dict[str, str], int, int]:
    files: dict[str, str] = {}
    entries = untranslated = 0
    for lang in glossary.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        lines, missing = _lines(glossary, lang)
        files[file_name(lang)] = "\n".join(lines) + "\n"
        entries += len(lines) - 1
        untranslated += missing
    return files, entries, untranslated


def omegat_texts(glossary: Glossary) -> dict[str, str]:
    """File name -> file text, for every language but the source language."""
    return _build(glossary)[0]


def write_omegat(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``en-<lang>.tsv`` for every target language into ``out_dir``; return counts.

    Every file is built before the first is written, so a
    :class:`GlossaryError` (see the module docstring) leaves nothing behind.
    """
    files, entries, untranslated = _build(glossary)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_bytes(text.encode("utf-8"))
    return {"files": len(files), "entries": entries, "untranslated": untranslated}


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
            errors.append(Finding(Origin(name, number), Severity.ERROR,
                                  f"{len(fields)} tab-separated fields; expected 2 or 3"))
            continue
        source, target, comment = (f.strip() for f in fields)
        entries.append((source, target, comment))
    if errors:
        raise GlossaryError(errors)
    return entries
