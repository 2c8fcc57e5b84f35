"""Which glossary terms occur in this text? ``glossary terms FILE|- --from L --to L ...``.

A text is read as *segments*, the units an MT engine or a translator works on:

* a PO file (``.po``, ``.pot``): the ``msgid`` (and ``msgid_plural``) of every
  entry but the header and obsolete ones, at the line of its ``msgid``;
* an XLIFF file (``.xlf``, ``.xliff``; 1.2 or 2.x): the source of every
  translation unit (segment, in XLIFF 2), read with translate-toolkit, at the
  line of its element;
* anything else, or ``-`` (standard input): plain UTF-8 text, one segment per line.

In each segment :meth:`glossary.model.Glossary.find_terms` finds the terms of
the source language; for each, in each target language, the preferred term to
use, the admitted ones and the deprecated ones to avoid. :func:`document` is the
JSON of ``--json`` (described in the README): per segment, ``terms`` is the hint
list of the WMT terminology shared task (a list of ``{"<src>": term as written,
"<tgt>": preferred term}``), and ``matches`` gives the detail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .model import Finding, Glossary, GlossaryError, Occurrence, Origin, Severity, Status

__all__ = ["Segment", "read_segments", "find", "document", "deprecated_findings", "hints", "line"]

_PO = (".po", ".pot")
_XLIFF = (".xlf", ".xliff", ".sdlxliff")
STDIN = "-"


class Segment(NamedTuple):
    """A piece of source text, where it was read, and its id in the file (if any)."""

    text: str
    where: Origin
    id: str | None = None


def read_segments(path: str | os.PathLike[str]) -> list[Segment]:
    """The segments of a file (see the module docstring); ``"-"`` reads standard input.

    A file that cannot be read or parsed raises :class:`GlossaryError` naming it.
    """
    name = str(path)
    if name == STDIN:
        return _plain(sys.stdin.read(), "<stdin>")
    suffix = Path(name).suffix.lower()
    try:
        if suffix in _PO:
            return _po(name)
        if suffix in _XLIFF:
            return _xliff(name)
        return _plain(Path(name).read_bytes().decode("utf-8-sig"), name)
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            [Finding(Origin(name, 0), Severity.ERROR, f"not UTF-8: {exc}")]
        ) from None


def _plain(text: str, name: str) -> list[Segment]:
    return [Segment(line, Origin(name, number)) for number, line in enumerate(text.splitlines(), 1)]


def _po(name: str) -> list[Segment]:
    from .lint import read_translation

    parsed = read_translation(name)
    segments = []
    for entry in parsed.po:
        if entry.obsolete or not entry.msgid:
            continue
        line = parsed.msgid_line(entry)
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        segments.append(Segment(entry.msgid, Origin(name, line), entry.msgctxt or None))
        if entry.msgid_plural:
            segments.append(Segment(entry.msgid_plural, Origin(name, line + 1), key))
    return segments


def _xliff(name: str) -> list[Segment]:
    from translate.storage import xliff, xliff2

    data = Path(name).read_bytes()
    store: Any
    try:
        try:
            store = xliff.xlifffile.parsestring(data)
        except ValueError as exc:
            if "XLIFF 2" not in str(exc):
                raise
            store = xliff2.Xliff2File.parsestring(data)
    except Exception as exc:  # lxml's and translate-toolkit's parse errors
        line = getattr(exc, "lineno", None) or (getattr(exc, "position", None) or (0,))[0]
        raise GlossaryError(
            [Finding(Origin(name, line or 0), Severity.ERROR, f"not a readable XLIFF file: {exc}")]
        ) from None
    segments = []
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        element = getattr(unit, "xmlelement", None)
        line = element.sourceline if element is not None and element.sourceline else 0
        segments.append(
            Segment(
                str(unit.source), Origin(name, line), (unit.getid() or "").split("\x04")[-1] or None
            )
        )
    return segments


def find(
    glossary: Glossary, segments: list[Segment], src: str
) -> Iterator[tuple[Segment, list[Occurrence]]]:
    """Each segment with the occurrences of ``src`` terms in it."""
    for segment in segments:
        yield segment, glossary.find_terms(segment.text, src)


def _targets(occurrence: Occurrence, tgt: str) -> dict[str, Any]:
    section = occurrence.concept.languages.get(tgt)
    if section is None or section.preferred is None:
        return {"preferred": None, "admitted": [], "avoid": []}
    return {
        "preferred": section.preferred.text,
        "admitted": [t.text for t in section.terms_with(Status.ADMITTED)],
        "avoid": [t.text for t in section.terms_with(Status.DEPRECATED)],
    }


def line(occurrence: Occurrence, targets: list[str]) -> str:
    """One occurrence as a line of text: the words, the concept, and per target
    language the term to use and those to avoid.

    >>> from glossary.model import Concept, LangSection, Match, Term
    >>> c = Concept("kpo", languages={"en": LangSection("en", [Term("KPO")]),
    ...     "pl": LangSection("pl", [Term("outsourcing procesów wiedzy"),
    ...                              Term("outsourcing procesu wiedzy", Status.DEPRECATED)])})
    >>> line(Occurrence(0, 3, "KPO", Match(c, c.languages["en"].terms[0], "en")), ["pl", "de"])
    'KPO [kpo] -> pl: outsourcing procesów wiedzy (avoid: outsourcing procesu wiedzy); de: (not translated)'
    """
    parts = []
    for tgt in targets:
        wanted = _targets(occurrence, tgt)
        if wanted["preferred"] is None:
            parts.append(f"{tgt}: (not translated)")
            continue
        avoid = f" (avoid: {', '.join(wanted['avoid'])})" if wanted["avoid"] else ""
        parts.append(f"{tgt}: {wanted['preferred']}{avoid}")
    return f"{occurrence.text} [{occurrence.concept.id}] -> " + "; ".join(parts)


def hints(occurrences: list[Occurrence], src: str, targets: list[str]) -> list[dict[str, str]]:
    """The WMT hint list: one ``{src: term as written, tgt: preferred term, ...}`` per term
    found (each once), for the targets that have a preferred term."""
    found: list[dict[str, str]] = []
    for occurrence in occurrences:
        hint = {src: occurrence.text}
        for tgt in targets:
            preferred = occurrence.concept.preferred(tgt)
            if preferred is not None:
                hint[tgt] = preferred
        if len(hint) > 1 and hint not in found:
            found.append(hint)
    return found


def document(
    found: Iterable[tuple[Segment, list[Occurrence]]], src: str, targets: list[str]
) -> dict[str, Any]:
    """The ``--json`` document (described in the README) of what :func:`find` found."""
    out = []
    for segment, occurrences in found:
        out.append(
            {
                "src": segment.text,
                "where": str(segment.where),
                "id": segment.id,
                "terms": hints(occurrences, src, targets),
                "matches": [
                    {
                        "start": o.start,
                        "end": o.end,
                        "text": o.text,
                        "concept": o.concept.id,
                        "term": o.term.text,
                        "status": o.status.value,
                        "use_instead": o.use_instead,
                        "targets": {tgt: _targets(o, tgt) for tgt in targets},
                    }
                    for o in occurrences
                ],
            }
        )
    return {"source_language": src, "target_languages": list(targets), "segments": out}


def deprecated_findings(segment: Segment, occurrences: list[Occurrence]) -> Iterator[Finding]:
    """A warning for each deprecated source term in a segment."""
    for o in occurrences:
        if o.status is Status.DEPRECATED:
            yield Finding(
                segment.where,
                Severity.WARNING,
                f"deprecated {o.match.lang} term {o.text!r} ({o.concept.id}); "
                f"use {o.use_instead!r}" + (f": {o.term.note}" if o.term.note else ""),
            )
