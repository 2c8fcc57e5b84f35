"""What the machine-translation exports share: language pairs, source terms, limits.

Every MT engine glossary maps a *source* term to one *target* term. From the
model:

* the directed pairs are every ordered pair of two different languages of the
  glossary (:func:`pairs`): 12 for four languages, and one more language adds
  its pairs without any other change;
* the source terms of a concept in a language are its preferred term, then its
  admitted terms (synonyms, acronyms, abbreviations) in stored order
  (:func:`source_terms`). Deprecated terms are never a source (they are not
  what a correct text contains) and never a target;
* the target is the preferred term of the target language.

An engine rejects a glossary where one source term has two entries, so a term
that two concepts share in one language is refused (:func:`duplicates`) with
the ``path:line`` of the catalog entry, and so is text an engine cannot carry
(:func:`text_findings`).

>>> from glossary.model import Concept, Glossary, LangSection, Term
>>> g = Glossary([Concept("kpo", languages={"en": LangSection("en", [Term("KPO")]),
...                                          "de": LangSection("de", [Term("KPO")]),
...                                          "pl": LangSection("pl", [Term("KPO")])})])
>>> pairs(g)
[('en', 'de'), ('en', 'pl'), ('de', 'en'), ('de', 'pl'), ('pl', 'en'), ('pl', 'de')]
"""

from __future__ import annotations

import contextlib
import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._fs import atomic_writer
from ..model import Concept, Finding, Glossary, LangSection, Origin, Severity, Status, Term

__all__ = [
    "pairs",
    "pair_name",
    "source_terms",
    "entries",
    "duplicates",
    "text_findings",
    "engine_code",
    "MAX_TERM_BYTES",
    "MAX_FILE_BYTES",
]

#: DeepL's limit on one term, in UTF-8 bytes.
MAX_TERM_BYTES = 1024
#: The largest glossary file DeepL (10 MiB) and Amazon Translate (10,485,760 bytes) accept.
MAX_FILE_BYTES = 10 * 1024 * 1024

# C0 and C1 control characters and the Unicode line and paragraph separators:
# what DeepL's client refuses in a term (deepl.util.validate_glossary_term).
_CONTROL = re.compile(r"[\x00-\x1f\x80-\x9f\u2028\u2029]")


class CsvDialect(csv.Dialect):
    """The CSV the engines read (Google's term sets, Amazon's terminology): commas,
    quotes only where needed, a doubled quote inside one, LF line ends."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    escapechar = None
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
    strict = True


def pairs(glossary: Glossary) -> list[tuple[str, str]]:
    """Every directed pair of two different languages, source language order first."""
    languages = glossary.languages
    return [(src, tgt) for src in languages for tgt in languages if src != tgt]


def pair_name(src: str, tgt: str) -> str:
    """The file stem of a pair: ``en-pl`` (locale codes keep their ``_``: ``pt_BR-de``).

    >>> pair_name("en", "pt_BR")
    'en-pt_BR'
    """
    return f"{src}-{tgt}"


def engine_code(lang: str) -> str:
    """A gettext locale code as the BCP 47 tag MT engines take (``pt_BR`` -> ``pt-BR``).

    >>> engine_code("bg"), engine_code("sr_Latn")
    ('bg', 'sr-Latn')
    """
    return lang.replace("_", "-")


def source_terms(section: LangSection) -> list[Term]:
    """The terms a source text is matched against: preferred first, then admitted.

    >>> s = LangSection("en", [Term("KPO", Status.ADMITTED), Term("knowledge process outsourcing"),
    ...                        Term("knowledge processing outsourcing", Status.DEPRECATED)])
    >>> [t.text for t in source_terms(s)]
    ['knowledge process outsourcing', 'KPO']
    """
    return section.terms_with(Status.PREFERRED)[:1] + section.terms_with(Status.ADMITTED)


def entries(
    glossary: Glossary, src: str, tgt: str, synonyms: bool = True
) -> Iterator[tuple[Concept, Term, str]]:
    """(concept, source term, target preferred term) for every concept with both
    languages, concepts by id; ``synonyms=False`` gives the preferred source term only."""
    for concept in glossary:
        source = concept.languages.get(src)
        target = concept.languages.get(tgt)
        if source is None or target is None or target.preferred is None:
            continue
        terms = source_terms(source) if synonyms else source.terms_with(Status.PREFERRED)[:1]
        for term in terms:
            yield concept, term, target.preferred.text


def _where(concept: Concept, section: LangSection, term: Term) -> Origin | None:
    return term.origin or section.origin or concept.origin


def duplicates(glossary: Glossary, preferred_only: bool = False) -> Iterator[Finding]:
    """A term (preferred or admitted; preferred only with ``preferred_only``) that
    two concepts share in one language: an engine would see one source term twice.

    The finding is at the later concept's term and names the first one.
    """
    for lang in glossary.languages:
        seen: dict[str, tuple[Concept, Origin | None]] = {}
        for concept in glossary:
            section = concept.languages.get(lang)
            if section is None:
                continue
            terms = section.terms_with(Status.PREFERRED)[:1] if preferred_only else None
            for term in terms if terms is not None else source_terms(section):
                key = unicodedata.normalize("NFC", term.text.strip())
                first = seen.get(key)
                if first is None:
                    seen[key] = (concept, _where(concept, section, term))
                    continue
                if first[0] is concept:
                    continue  # the same term twice in one concept: the model's own check
                yield Finding(
                    _where(concept, section, term),
                    Severity.ERROR,
                    f"{concept.id}: term {term.text!r} in {lang!r} is also a term of "
                    f"{first[0].id}" + (f" ({first[1]})" if first[1] else "") + "; a "
                    "machine-translation glossary (DeepL, Google, Amazon) maps each "
                    "source term to one target term",
                )


def text_findings(glossary: Glossary, terms: str = "source") -> Iterator[Finding]:
    """Terms an engine cannot carry: empty once stripped, a control character, or
    (DeepL) longer than :data:`MAX_TERM_BYTES` UTF-8 bytes.

    ``terms="source"``: every preferred and admitted term (each is a source term in
    some pair); ``"preferred"``: the preferred terms only.
    """
    for concept in glossary:
        for lang, section in concept.languages.items():
            chosen: Iterable[Term] = (
                source_terms(section)
                if terms == "source"
                else section.terms_with(Status.PREFERRED)[:1]
            )
            for term in chosen:
                where = _where(concept, section, term)
                label = f"{concept.id}: term {term.text!r} in {lang!r}"
                if not term.text.strip():
                    yield Finding(where, Severity.ERROR, f"{label} is empty")
                if _CONTROL.search(term.text):
                    yield Finding(
                        where,
                        Severity.ERROR,
                        f"{label} contains a control character or line separator, "
                        "which machine-translation glossaries cannot carry",
                    )
                size = len(term.text.strip().encode("utf-8"))
                if size > MAX_TERM_BYTES:
                    yield Finding(
                        where,
                        Severity.ERROR,
                        f"{label} has {size} UTF-8 bytes; DeepL takes at most {MAX_TERM_BYTES}",
                    )


def write_texts(folder: Path, files: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Write every file ((name, text), UTF-8) into ``folder``: all of them, or none
    (each goes to a temporary file; they take their names together at the end).
    The texts may come one at a time, so only one is held in memory. Returns the
    lines of each file."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = {}
    with contextlib.ExitStack() as stack:
        for name, text in files:
            lines[name] = text.count("\n")
            handle = stack.enter_context(atomic_writer(folder / name, durable=False))
            handle.write(text.encode("utf-8"))
    return lines
