"""DeepL glossaries: ``mt/deepl/<src>-<tgt>.tsv``, one per directed language pair.

The file is what DeepL's API takes as glossary entries in TSV
(``entries_format=tsv``) and what its Python client reads with
``deepl.util.convert_tsv_to_dict``:

* one entry per line: source term, TAB, target term; no header; LF line ends;
* UTF-8 **without** a byte order mark (a BOM would become part of the first
  source term);
* every term stripped, none empty, none with a C0 or C1 control character or a
  Unicode line or paragraph separator, none over 1024 UTF-8 bytes;
* no source term twice (DeepL refuses the whole glossary); each source term has
  exactly one target;
* at most 10 MiB per file.

Mapping from the model, for every concept (sorted by id) with a preferred term
in the target language:

==========================  ====================================================
line                        model
==========================  ====================================================
first line of the concept   source preferred term TAB target preferred term
one more line each          source admitted term (synonym, acronym,
                            abbreviation, in stored order) TAB target preferred
==========================  ====================================================

Deprecated terms appear on neither side: a deprecated source term is not what
a correct text contains, and a deprecated target term must never be produced.
DeepL has no way to forbid a term; the constraints files
(:mod:`glossary.formats.constraints`) carry the terms to avoid.

:func:`problems` refuses (with the catalog's ``path:line``) a term that two
concepts share in one language, a term DeepL cannot carry, and a file over the
size limit; :func:`write` writes nothing then.

>>> from glossary.model import Concept, LangSection, Term, Status, TermType
>>> g = Glossary([Concept("kpo", languages={
...     "en": LangSection("en", [Term("knowledge process outsourcing"),
...                              Term("KPO", Status.ADMITTED, TermType.ACRONYM)]),
...     "pl": LangSection("pl", [Term("outsourcing procesów wiedzy"),
...                              Term("outsourcing procesu wiedzy", Status.DEPRECATED)])})])
>>> print(texts(g)["en-pl.tsv"], end="")
knowledge process outsourcing\toutsourcing procesów wiedzy
KPO\toutsourcing procesów wiedzy
>>> print(texts(g)["pl-en.tsv"], end="")
outsourcing procesów wiedzy\tknowledge process outsourcing
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..model import Finding, Glossary, GlossaryError, Severity
from . import _mt

__all__ = ["write", "problems", "read", "texts", "iter_texts", "file_name"]


def file_name(src: str, tgt: str) -> str:
    """>>> file_name("en", "bg")
    'en-bg.tsv'
    """
    return f"{_mt.pair_name(src, tgt)}.tsv"


def _text(glossary: Glossary, src: str, tgt: str) -> str:
    return "".join(
        f"{term.text.strip()}\t{target.strip()}\n"
        for _, term, target in _mt.entries(glossary, src, tgt)
    )


def iter_texts(glossary: Glossary) -> Iterator[tuple[str, str]]:
    """(file name, file text) of every directed pair, made one at a time."""
    for src, tgt in _mt.pairs(glossary):
        yield file_name(src, tgt), _text(glossary, src, tgt)


def texts(glossary: Glossary) -> dict[str, str]:
    """File name -> file text, for every directed pair."""
    return dict(iter_texts(glossary))


def problems(glossary: Glossary) -> Iterator[Finding]:
    """What a DeepL glossary cannot carry (see the module docstring)."""
    yield from _mt.duplicates(glossary)
    yield from _mt.text_findings(glossary)
    for name, text in iter_texts(glossary):
        size = len(text.encode("utf-8"))
        if size > _mt.MAX_FILE_BYTES:
            yield Finding(
                None,
                Severity.ERROR,
                f"the DeepL glossary {name} would have {size} bytes; "
                f"DeepL takes at most {_mt.MAX_FILE_BYTES}",
            )


def write(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``<src>-<tgt>.tsv`` for every directed pair into ``out_dir``; return counts.

    Raises :class:`GlossaryError` with :func:`problems`' findings, writing nothing.
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    lines = _mt.write_texts(Path(out_dir), iter_texts(glossary))
    return {"files": len(lines), "entries": sum(lines.values())}


def read(path: str | os.PathLike[str]) -> dict[str, str]:
    """The entries (source -> target) of a file as DeepL's rules read it.

    A line without a tab, a second tab, a duplicate source or an invalid term
    raises :class:`GlossaryError` with ``path:line``.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "en-de.tsv")
    ...     _ = open(path, "w", encoding="utf-8").write("KPO\\tKPO\\nKPO\\tWissen\\n")
    ...     read(path)
    Traceback (most recent call last):
    ...
    glossary.model.GlossaryError: ...en-de.tsv:2: error: duplicate source term 'KPO'
    """
    from ..model import Origin

    name = str(path)
    found: dict[str, str] = {}
    errors = []
    for number, line in enumerate(Path(path).read_bytes().decode("utf-8").splitlines(), 1):
        if not line:
            continue
        where = Origin(name, number)
        fields = line.split("\t")
        if len(fields) != 2:
            errors.append(Finding(where, Severity.ERROR, f"{len(fields)} tab-separated fields"))
            continue
        source, target = (field.strip() for field in fields)
        if source in found:
            errors.append(Finding(where, Severity.ERROR, f"duplicate source term {source!r}"))
            continue
        for term in (source, target):
            if not term or _mt._CONTROL.search(term):
                errors.append(Finding(where, Severity.ERROR, f"invalid term {term!r}"))
        found[source] = target
    if errors:
        raise GlossaryError(errors)
    return found
