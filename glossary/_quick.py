"""The cold start of ``glossary lookup``: the one module of performance code.

Why it exists. ``glossary lookup KPO`` is what people type and wait for. In a
fresh virtual environment with the wheel installed, on the 2-core machine
this project is measured on (``scripts/bench.py``), ``python -c pass`` took
10.8 ms and the command through the full command line 62 ms (5.8x): importing
the model costs 28 ms (``dataclasses`` pulls in ``inspect``; ``typing``),
``pathlib``, ``hashlib`` and ``argparse`` most of the rest, then argparse
builds the parser of every command, and the model of all 75 concepts is built
to answer about one. The target is at most 3x ``python -c pass``.

What it does. The wheel carries, beside the compiled glossary, a lookup
index (``glossary/data/lookup.json``, written by :func:`index_document` when
the package is built): every term's key (:func:`glossary.folding.normalize`)
with the concepts it names, and each concept's text exactly as
:meth:`glossary.Concept.describe` writes it, in parts. :func:`answer`
imports only ``json``, ``os``, ``sys``, ``unicodedata`` and ``zlib`` and
prints the answer from that index.

It answers only what it answers exactly as the full command does, and
returns ``None`` for everything else, which the full command line then runs:

* the arguments are ``lookup TEXT``, optionally with ``--lang CODE`` and
  ``--to CODE…`` (no ``--json``, no ``--locales``, no other spelling);
* no ``./locales`` catalog is in the way (the shipped glossary is meant);
* the index exists and was compiled from the catalogs now shipped
  (:func:`fingerprint`);
* the language codes are the glossary's and the text has a match (a miss
  needs the suggestions, which only the full command computes).

The tests run both paths on every term of every language and compare their
output byte for byte.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
import zlib
from collections.abc import Sequence

from .folding import normalize

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (9 ms here): see glossary._quick
TYPE_CHECKING = False

if TYPE_CHECKING:  # pragma: no cover - types only
    from .model import Glossary, Term

__all__ = [
    "FORMAT",
    "NAME",
    "answer",
    "deprecated_warning",
    "fingerprint",
    "index_document",
    "input_files",
    "matched_line",
]

FORMAT = 1
NAME = "lookup.json"
_HERE = os.path.dirname(os.path.abspath(__file__))


# -- shared with the full command line ---------------------------------------------


def matched_line(found: Sequence[tuple[str, str, str]]) -> str:
    """The ``matched:`` line under a concept: (language, term, status) of each match."""
    return "matched: " + "; ".join(f"{lang}: {text} ({status})" for lang, text, status in found)


def deprecated_warning(lang: str, text: str, use_instead: str, note: str) -> str:
    """The warning printed (to stderr) when a deprecated term matched."""
    return f"warning: deprecated in {lang}: {text} \u2014 use {use_instead}" + (
        f" ({note})" if note else ""
    )


def input_files(root: str) -> list[tuple[str, str]]:
    """(name, path) of every file the glossary is read from, in a fixed order:
    each ``<lang>/LC_MESSAGES/glossary.po`` and ``sources.toml``."""
    found = []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    for name in names:
        path = os.path.join(root, name, "LC_MESSAGES", "glossary.po")
        if os.path.isfile(path):
            found.append((f"{name}/LC_MESSAGES/glossary.po", path))
    sources = os.path.join(root, "sources.toml")
    if os.path.isfile(sources):
        found.append(("sources.toml", sources))
    return found


def fingerprint(root: str | os.PathLike[str]) -> str:
    """The names, sizes and CRC-32 of the files the glossary is read from.

    It tells whether a compiled file was made from the catalogs now in
    ``root`` (an edited catalog changes it); it is not a defence against
    anyone, so a CRC (``zlib``, no OpenSSL to load) does.
    """
    parts = []
    for name, path in input_files(os.fspath(root)):
        with open(path, "rb") as handle:
            data = handle.read()
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}")
    return ";".join(parts)


# -- the index, written when the package is built -----------------------------------


def index_document(glossary: Glossary, digest: str) -> bytes:
    """The lookup index of ``glossary`` (UTF-8 JSON; the same bytes for the same glossary).

    ``index`` maps a key to its candidates in the order
    :meth:`glossary.Glossary.lookup` visits them: ``[concept number, language,
    term, status, rank, note, use_instead]``, where ``rank`` orders the terms
    as :meth:`glossary.Term.sort_key` does. ``concepts`` holds each concept's
    :meth:`~glossary.Concept.heading`, :meth:`~glossary.Concept.section_lines`
    of every language of the glossary, and :meth:`~glossary.Concept.relation_lines`.
    """
    languages = glossary.languages
    concepts = list(glossary)
    candidates: dict[str, list[tuple[int, str, Term]]] = {}
    for number, concept in enumerate(concepts):
        for code in languages:
            section = concept.languages.get(code)
            for term in section.terms if section else ():
                candidates.setdefault(normalize(term.text), []).append((number, code, term))
    index = {}
    for key, found in candidates.items():
        order = sorted({term.sort_key() for _, _, term in found})
        index[key] = [
            [
                number,
                code,
                term.text,
                term.status.value,
                order.index(term.sort_key()),
                term.note,
                concepts[number].preferred(code) if term.status.value == "deprecated" else None,
            ]
            for number, code, term in found
        ]
    document = {
        "format": FORMAT,
        "digest": digest,
        "languages": languages,
        "index": index,
        "concepts": [
            [c.heading(), {code: c.section_lines(code) for code in languages}, c.relation_lines()]
            for c in concepts
        ],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


# -- the quick path -----------------------------------------------------------------


def _arguments(argv: Sequence[str]) -> tuple[str, str | None, list[str] | None] | None:
    """(text, --lang, --to) of ``lookup TEXT [--lang CODE] [--to CODE…]``, else None."""
    if len(argv) < 2 or argv[0] != "lookup":
        return None
    text: str | None = None
    lang: str | None = None
    to: list[str] | None = None
    rest = list(argv[1:])
    while rest:
        item = rest.pop(0)
        if item == "--lang" and lang is None and rest and not rest[0].startswith("-"):
            lang = rest.pop(0)
        elif item == "--to" and to is None and rest and not rest[0].startswith("-"):
            to = []
            while rest and not rest[0].startswith("-"):
                to.append(rest.pop(0))
        elif not item.startswith("-") and text is None and to is None:
            text = item
        else:
            return None
    return (text, lang, to) if text else None


def _index(data: str, root: str) -> dict | None:
    """The lookup index in the folder ``data`` if it was compiled from the catalogs
    now in ``root``."""
    try:
        with open(os.path.join(data, NAME), "rb") as handle:
            document = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("digest") != fingerprint(root)
    ):
        return None
    return document


def answer(argv: Sequence[str], data: str = os.path.join(_HERE, "data")) -> int | None:
    """Run ``glossary lookup`` from the index in ``data`` (the package's), or return
    None to leave it to the full command line (see the module docstring for when)."""
    parsed = _arguments(argv)
    if parsed is None:
        return None
    text, lang, to = parsed
    if os.path.exists(os.path.join("locales", "en", "LC_MESSAGES", "glossary.po")):
        return None  # the catalogs of the current folder are meant
    shipped = os.path.join(_HERE, "locales")
    root = shipped if os.path.isdir(shipped) else os.path.join(os.path.dirname(_HERE), "locales")
    document = _index(data, root)
    if document is None:
        return None
    languages = document["languages"]
    if (lang is not None and lang not in languages) or any(c not in languages for c in to or ()):
        return None  # the full command names the unknown language
    shown = to or languages
    key = normalize(text)
    candidates = document["index"].get(key, [])
    exact = (
        text
        if any(c[2] == text for c in candidates)
        else unicodedata.normalize("NFC", text.strip())
    )
    best: dict[tuple[int, str], list] = {}
    for candidate in candidates:  # as Glossary.lookup chooses
        number, code, term, _, rank = candidate[:5]
        if lang is not None and code != lang:
            continue
        held = best.get((number, code))
        if held is None or (term != exact, rank) < (held[2] != exact, held[4]):
            best[(number, code)] = candidate
    if not best:
        return None  # a miss: the full command suggests
    out = sys.stdout
    for _, code, term, _, _, note, use_instead in best.values():
        if use_instead:
            print(deprecated_warning(code, term, use_instead, note), file=sys.stderr)
    groups: dict[int, list[list]] = {}
    for candidate in best.values():
        groups.setdefault(candidate[0], []).append(candidate)
    blocks = []
    for number, found in groups.items():
        heading, sections, relations = document["concepts"][number]
        lines = [heading]
        for code in shown:
            lines += sections[code]
        lines += relations
        lines.append(matched_line([(c[1], c[2], c[3]) for c in found]))
        blocks.append("\n".join(lines))
    out.write("\n\n".join(blocks) + "\n")
    return 0
