"""Check a translation against the glossary: ``glossary lint FILE... [--lang L]``.

A translation is read as segments, each an English text (the source) and
its translation into ``L`` (the target):

========================  ==========================================================
format                    a segment is
========================  ==========================================================
PO (``.po``)              an entry that is translated, not fuzzy, not obsolete
                          (``msgid``/``msgid_plural`` and every ``msgstr``)
XLIFF 1.2 and 2.x         a translated unit (``<trans-unit>``, ``<segment>``) that is
(``.xlf``, ``.xliff``)    not marked fuzzy; read with translate-toolkit
TMX (``.tmx``)            a ``<tu>`` with a ``<tuv>`` in each language; read with
                          translate-toolkit
plain text (other)        one line; the source is the file with the same line
                          numbering given by ``--source``, else found beside it
                          (``doc.pl.txt`` -> ``doc.en.txt``, ``pl/doc.txt`` ->
                          ``en/doc.txt``); without one, only deprecated terms
                          are looked for
========================  ==========================================================

The languages come from ``--lang``/``--source-lang``, else from the file
(the PO ``Language`` header, XLIFF ``target-language``/``trgLang``, the TMX
``srclang``); the source language defaults to English. Any language of the
glossary can be the source.

What is reported
================

For every concept whose (preferred or admitted) source-language term occurs
in the source:

* a deprecated target term of the concept is an **error**:
  ``FILE:line: error: deprecated term 'X' for 'english term'; use 'Y'``;
* when no preferred or admitted target term of the concept is found, a
  **warning**: ``'english term' should be translated as 'Y'``.

A deprecated target term of a concept that the source does *not* name is a
**warning** naming the concept (the source may paraphrase, or mean another
concept). A deprecated term that is also a valid term of another concept in
the same language (a homograph in the glossary itself) is at most a warning.

Matching
========

Texts are compared word by word after :func:`glossary.model.normalize`
(case, diacritics and hyphens do not matter, except as below). A target term
is found

1. as its text or as one of the **forms** its catalog lists (``# forms: …``,
   see CONTRIBUTING.md): these are the forms a finding may be an error for;
2. by **inflection tolerance**: a word of the text matches a word of the term
   when they share a beginning from which the term's word has at most
   max(1, min(3, n // 4)) letters left (n = its length, at least 4) and the
   text's word at most 3: *procesów* matches *procesu*, *Prozess* does not
   match *Prozent*;
3. by **lemma**, when the optional lemmatiser is installed
   (``pip install "bpo-kpo-glossary[lint]"``, which installs simplemma):
   the words' lemmas are equal.

A deprecated term found only by 2 or 3 is a warning, never an error: what a
heuristic alone finds is a prompt for a reviewer. Preferred and admitted terms
are found by all three, so that an inflected correct term never gives a
"should be translated" warning when it can be recognised.

* English terms in the source match with their plural (``-s``, ``-es``,
  ``-y`` -> ``-ies``) on the last word. An English one-word noun term is not
  taken where the text uses the word as a verb: after *to*, a modal or a
  pronoun, first in a sentence before an article or possessive
  (*Process the files.*), or with an *-s* ending before one (*The system
  processes the data*).
* Acronyms and abbreviations (``BPO``, ``IT``) match only with the same
  letter case and as whole words, so that ``IT`` is not found in *it*.
* German nouns are written with a capital letter and verbs are not: a noun
  term's capitalised words match only capitalised words (*Verarbeiten*, a
  noun, is not found in *Die Dateien verarbeiten.*), and a verb term's words
  do not match capitalised words inside a sentence. A one-word German noun
  term that ends like an infinitive (*-en*, *-ern*, *-eln*), found first in a
  sentence (*Verarbeiten Sie …*), may be the verb: at most a warning.
* When a deprecated term and a preferred or admitted term (of any concept)
  match the same words, the better match wins (more words exactly equal, then
  more words), and on a tie the valid term: *Buchhaltung* as a deprecated
  term of one concept never hides a valid longer term, and inflection alone
  never makes an error.

Matching is one pass over the words of a text: each word is looked up in
indexes of the terms' first words (exact, by prefix, by lemma), so the time
grows linearly with the length of the text.

Waivers and baselines
=====================

A segment can carry waivers that a reviewer accepted: a PO translator
comment, or an XLIFF or TMX note, with ``glossary-lint: allow CONCEPT_ID``
(several ids separated by commas) drops the findings about that concept in
that segment. :func:`write_baseline` records the findings of today in a file
and :func:`apply_baseline` sets aside the findings it records, so that only
new findings fail: the baseline identifies a finding by the file, the
segment's texts, the concept and the term, not by line numbers, so edits
elsewhere in the file do not invalidate it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from .formats import po
from .model import (
    SOURCE_LANGUAGE,
    Finding,
    Glossary,
    GlossaryError,
    Origin,
    PartOfSpeech,
    Severity,
    Status,
    Term,
    TermType,
    normalize,
)

__all__ = [
    "lint",
    "LintResult",
    "Issue",
    "Segment",
    "Document",
    "read_document",
    "read_translation",
    "resolve_language",
    "word_matches",
    "term_in",
    "waivers",
    "write_baseline",
    "apply_baseline",
    "lemmatizer",
    "to_json",
]

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?:;\n\u2022]")
_CASE_SENSITIVE_TYPES = (TermType.ACRONYM, TermType.ABBREVIATION)
_WAIVER = re.compile(r"glossary-lint:\s*allow\s+([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)")

#: English words after which a one-word noun term is a verb ("to process")
_VERB_BEFORE = frozenset(
    [
        "to",
        "can",
        "cannot",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "please",
        "we",
        "you",
        "they",
        "i",
        "not",
        "don",
        "doesn",
        "didn",
        "let",
        "lets",
    ]
)
#: English words that follow an imperative at the start of a sentence ("Process the files")
_OBJECT_AFTER = frozenset(
    [
        "the",
        "a",
        "an",
        "all",
        "your",
        "our",
        "this",
        "these",
        "those",
        "each",
        "every",
        "its",
        "their",
        "my",
        "his",
        "her",
        "any",
        "some",
    ]
)
_INFINITIVE = re.compile(r"(?:en|ern|eln)\Z")


def _case_sensitive(term: Term) -> bool:
    return term.type in _CASE_SENSITIVE_TYPES or (term.text.isupper() and len(term.text) > 1)


def _words(text: str, case_sensitive: bool = False) -> list[str]:
    """The words of a text for matching."""
    if case_sensitive:
        return _WORD.findall(text)
    return _WORD.findall(normalize(text))


def word_matches(term_word: str, word: str) -> int | None:
    """How a (normalised) word of the translation matches a word of a term:
    2 when equal, 1 when only the endings differ (see the module docstring),
    ``None`` when it does not match.

    >>> word_matches("procesow", "procesu"), word_matches("prozess", "prozesse")
    (1, 1)
    >>> word_matches("prozess", "prozent") is None, word_matches("na", "nad") is None
    (True, True)
    """
    if term_word == word:
        return 2
    n = len(term_word)
    if n < 4:
        return None
    shared = len(os.path.commonprefix([term_word, word]))
    if n - shared <= max(1, min(3, n // 4)) and len(word) - shared <= 3 and shared >= 3:
        return 1
    return None


def _prefix_keys(term_word: str) -> range:
    """The prefix lengths under which a term's word is indexed for tolerant matching."""
    n = len(term_word)
    return range(max(3, n - max(1, min(3, n // 4))), n + 1)


def lemmatizer(lang: str) -> Callable[[str], str] | None:
    """The lemmatiser of ``lang`` (simplemma, the ``[lint]`` extra), or ``None``
    when it is not installed or does not know the language."""
    try:
        import simplemma
    except ImportError:
        return None
    code = lang.split("_")[0]
    try:
        simplemma.lemmatize("test", lang=code)
    except (ValueError, KeyError, TypeError):
        return None
    cache: dict[str, str] = {}

    def lemma(word: str) -> str:
        found = cache.get(word)
        if found is None:
            found = cache[word] = normalize(simplemma.lemmatize(word, lang=code))
        return found

    return lemma


# -- tokens ------------------------------------------------------------------------


class _Token(NamedTuple):
    norm: str  # normalised (case, diacritics)
    raw: str  # as written
    capital: bool  # starts with an upper-case letter
    first: bool  # first word of a sentence


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    end = 0
    for m in _WORD.finditer(text):
        raw = m.group()
        first = not tokens or bool(_SENTENCE_END.search(text, end, m.start()))
        tokens.append(_Token(normalize(raw), raw, raw[:1].isupper(), first))
        end = m.end()
    return tokens


# -- the matcher ---------------------------------------------------------------------

EXACT, TOLERANT, LEMMA = 3, 2, 1  # how a term was found, best first


@dataclass(frozen=True)
class _Ref:
    """A term of one language with what matching needs to know about it."""

    concept_id: str
    term: Term
    sensitive: bool
    noun_caps: tuple[bool, ...]  # per word: must be capitalised (German nouns)
    verb_lower: bool  # German verb: words must not be capitalised inside a sentence
    infinitive_like: bool  # German one-word noun that may be read as a verb


@dataclass(frozen=True)
class _Hit:
    ref: _Ref
    start: int
    end: int
    score: tuple[int, int, int]  # (how found, words exactly equal, words)
    part: int = 0
    ambiguous: bool = False  # German noun/verb first in a sentence


class _Matcher:
    """Every term of one language, indexed by first word; finds them in a text
    in one pass over its words."""

    def __init__(
        self,
        glossary: Glossary,
        lang: str,
        statuses: Iterable[Status],
        *,
        english_plurals: bool = False,
        lemma: Callable[[str], str] | None = None,
    ) -> None:
        self.lang = lang
        self.lemma = lemma
        self.german = lang.split("_")[0] == "de"
        self.english = english_plurals
        wanted = set(statuses)
        self.exact: dict[str, list[tuple[_Ref, tuple[str, ...]]]] = {}
        self.tolerant: dict[str, list[tuple[_Ref, tuple[str, ...]]]] = {}
        self.lemmas: dict[str, list[tuple[_Ref, tuple[str, ...]]]] = {}
        for concept in glossary:
            section = concept.languages.get(lang)
            for term in section.terms if section else []:
                if term.status in wanted:
                    self._add(concept.id, term)

    def _add(self, concept_id: str, term: Term) -> None:
        sensitive = _case_sensitive(term)
        raw = _WORD.findall(term.text)
        if not raw:
            return
        noun = term.part_of_speech is PartOfSpeech.NOUN
        ref = _Ref(
            concept_id,
            term,
            sensitive,
            tuple(self.german and noun and w[:1].isupper() for w in raw),
            self.german and term.part_of_speech is PartOfSpeech.VERB,
            self.german and noun and len(raw) == 1 and bool(_INFINITIVE.search(raw[0])),
        )
        pattern = tuple(raw) if sensitive else tuple(normalize(w) for w in raw)
        patterns = {pattern}
        for form in term.forms:
            words = _WORD.findall(form)
            if words:
                patterns.add(tuple(words) if sensitive else tuple(normalize(w) for w in words))
        if self.english:
            last = pattern[-1]
            plurals = {last + "s"} if sensitive else {last + "s", last + "es"}
            if not sensitive and last.endswith("y"):
                plurals.add(last[:-1] + "ies")
            patterns |= {pattern[:-1] + (p,) for p in plurals}
        for p in sorted(patterns):
            self.exact.setdefault(p[0], []).append((ref, p))
        if sensitive or self.english:
            return  # English is matched exactly, with its plurals
        # tolerance on the term's own words (its forms are matched as listed)
        for length in _prefix_keys(pattern[0]):
            self.tolerant.setdefault(pattern[0][:length], []).append((ref, pattern))
        if self.lemma is not None:
            lemmas = tuple(self.lemma(w) for w in raw)
            self.lemmas.setdefault(lemmas[0], []).append((ref, lemmas))

    def _fits(self, ref: _Ref, tokens: list[_Token], i: int) -> bool:
        """The letter case of the words at ``i`` allows the term (German nouns, verbs)."""
        for k, needs_capital in enumerate(ref.noun_caps):
            if needs_capital and not tokens[i + k].capital:
                return False
        if ref.verb_lower:
            n = len(_WORD.findall(ref.term.text))
            for k in range(n):
                if tokens[i + k].capital and not tokens[i + k].first:
                    return False
        return True

    def _tolerant_start(self, word: str) -> list[tuple[_Ref, tuple[str, ...], int]]:
        """The tolerant patterns whose first word matches ``word``, with
        whether it matches exactly (1) or not (0)."""
        found = []
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for length in range(max(3, len(word) - 3), len(word) + 1):
            for ref, p in self.tolerant.get(word[:length], ()):
                if (id(ref), p) in seen:
                    continue
                seen.add((id(ref), p))
                quality = word_matches(p[0], word)
                if quality is not None:
                    found.append((ref, p, int(quality == 2)))
        return found

    def find(self, tokens: list[_Token], part: int = 0) -> list[_Hit]:
        """Every term found in the words ``tokens``: one pass, a bounded
        amount of work per word."""
        hits: dict[tuple[int, int, int], _Hit] = {}  # best hit per (term, start, end)

        def keep(ref: _Ref, start: int, n: int, score: tuple[int, int, int]) -> None:
            if not self._fits(ref, tokens, start):
                return
            ambiguous = ref.infinitive_like and tokens[start].first
            key = (id(ref), start, start + n)
            held = hits.get(key)
            if held is None or score > held.score:
                hits[key] = _Hit(ref, start, start + n, score, part, ambiguous)

        lemmas = [self.lemma(t.raw) for t in tokens] if self.lemma and self.lemmas else None
        # the same words recur: what a word starts, and how two words match, once each
        candidates: dict[str, list[tuple[_Ref, tuple[str, ...], int]]] = {}
        matches: dict[tuple[str, str], int | None] = {}
        for i, token in enumerate(tokens):
            for ref, p in self.exact.get(token.norm, ()):
                if not ref.sensitive:
                    n = len(p)
                    if tuple(t.norm for t in tokens[i : i + n]) == p:
                        keep(ref, i, n, (EXACT, n, n))
            for ref, p in self.exact.get(token.raw, ()):
                if ref.sensitive:
                    n = len(p)
                    if tuple(t.raw for t in tokens[i : i + n]) == p:
                        keep(ref, i, n, (EXACT, n, n))
            starting = candidates.get(token.norm)
            if starting is None:
                starting = candidates[token.norm] = self._tolerant_start(token.norm)
            for ref, p, first in starting:
                n = len(p)
                if i + n > len(tokens):
                    continue
                exact = first
                for t, w in zip(p[1:], tokens[i + 1 : i + n], strict=False):
                    key = (t, w.norm)
                    quality = matches.get(key, 0)
                    if quality == 0:
                        quality = matches[key] = word_matches(t, w.norm)
                    if quality is None:
                        break
                    exact += quality == 2
                else:
                    keep(ref, i, n, (TOLERANT, exact, n))
            if lemmas is not None:
                for ref, p in self.lemmas.get(lemmas[i], ()):
                    n = len(p)
                    if tuple(lemmas[i : i + n]) == p:
                        keep(ref, i, n, (LEMMA, 0, n))
        return list(hits.values())


def term_in(term: Term, text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Where a term of the translation's language occurs in ``text``:
    (first word, last word + 1, (words exactly equal, words)), with the forms
    the term lists and inflection tolerance.

    >>> from glossary.model import Term
    >>> term_in(Term("outsourcing procesów wiedzy"), "Outsourcingu procesów wiedzy nie ma.")
    [(0, 3, (2, 3))]
    >>> term_in(Term("działanie tylne", forms=("działania tylnego",)), "Wsparcie działania tylnego.")
    [(1, 3, (2, 2))]
    """
    from .model import Concept, LangSection

    g = Glossary([Concept("t", languages={"xx": LangSection("xx", [term])})])
    hits = _Matcher(g, "xx", list(Status)).find(_tokens(text))
    return sorted((h.start, h.end, h.score[1:]) for h in hits)


# -- segments and the formats they come from -----------------------------------------


def waivers(text: str) -> frozenset[str]:
    """The concept ids a comment or note waives (``glossary-lint: allow ID, ID``).

    >>> sorted(waivers("Reviewed. glossary-lint: allow back_office, process"))
    ['back_office', 'process']
    """
    return frozenset(
        cid.strip() for m in _WAIVER.finditer(text or "") for cid in m.group(1).split(",")
    )


@dataclass
class Segment:
    """One unit of a translation: source texts, their translations, and the
    concepts waived for it. ``line`` is 1-based (0 when unknown)."""

    line: int
    source: list[str]
    target: list[str]
    waived: frozenset[str] = frozenset()
    id: str = ""


@dataclass
class Document:
    """A translation file read into segments."""

    path: str
    segments: list[Segment] = field(default_factory=list)
    source_lang: str | None = None
    target_lang: str | None = None
    has_source: bool = True


def read_translation(path: str | os.PathLike[str]) -> po.ParsedCatalog:
    """Parse any PO file (syntax checked as strictly as the catalogs, by the same
    reader, but without the glossary's own rules); GlossaryError with file and line."""
    return po.parse_file(path)


def _read_po(path: Path) -> Document:
    parsed = read_translation(path)
    catalog = parsed.po
    doc = Document(str(path), target_lang=catalog.metadata.get("Language", "").strip() or None)
    for entry in catalog:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        targets = (
            [entry.msgstr]
            if not entry.msgid_plural
            else [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        )
        targets = [t for t in targets if t]
        if not targets:
            continue
        english = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        doc.segments.append(
            Segment(parsed.msgstr_line(entry), english, targets, waivers(entry.tcomment))
        )
    return doc


def _strings(value: object) -> list[str]:
    strings = getattr(value, "strings", None)
    return [str(s) for s in strings] if strings else ([str(value)] if value else [])


def _toolkit_error(path: Path, exc: Exception) -> GlossaryError:
    line = getattr(exc, "lineno", None)
    if not isinstance(line, int):
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else 0
    return GlossaryError([Finding(Origin(str(path), line), Severity.ERROR, f"cannot read: {exc}")])


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise GlossaryError([Finding(Origin(str(path), 0), Severity.ERROR, "is a directory")])
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(
            [Finding(Origin(str(path), 0), Severity.ERROR, f"cannot read: {exc.strerror or exc}")]
        ) from None


def _toolkit(path: Path, module: str) -> ModuleType:
    """A translate-toolkit module, or GlossaryError saying how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise GlossaryError(
            [
                Finding(
                    Origin(str(path), 0),
                    Severity.ERROR,
                    "reading XLIFF and TMX needs translate-toolkit 3.17 or later: "
                    "pip install 'bpo-kpo-glossary[lint]'",
                )
            ]
        ) from None


def _read_xliff(path: Path) -> Document:
    from lxml import etree

    data = _read_bytes(path)
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise _toolkit_error(path, exc) from None
    version = root.get("version", "")
    try:
        if version.startswith("2.") or ":2." in (root.nsmap.get(None) or ""):
            Xliff2File = _toolkit(path, "translate.storage.xliff2").Xliff2File
            store = Xliff2File.parsestring(data)
            source_lang, target_lang = store.getsourcelanguage(), store.gettargetlanguage()
        else:
            PoXliffFile = _toolkit(path, "translate.storage.poxliff").PoXliffFile
            store = PoXliffFile.parsestring(data)
            source_lang, target_lang = store.getsourcelanguage(), store.gettargetlanguage()
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise _toolkit_error(path, exc) from None
    doc = Document(str(path), source_lang=source_lang or None, target_lang=target_lang or None)
    for unit in store.units:
        if unit.isheader() or not unit.target or unit.isfuzzy():
            continue
        element = getattr(unit, "xmlelement", None)
        line = _target_line(element)
        doc.segments.append(
            Segment(
                line,
                _strings(unit.source),
                [t for t in _strings(unit.target) if t],
                waivers(unit.getnotes()),
                unit.getid() or "",
            )
        )
    return doc


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _target_line(element: object) -> int:
    """The line of a unit's ``<target>`` (else of the unit) in the file."""
    if element is None:
        return 0
    for child in element.iter():  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag.rsplit("}", 1)[-1] == "target" and child.sourceline:
            return int(child.sourceline)
    return int(element.sourceline or 0)  # type: ignore[attr-defined]


def _read_tmx(path: Path, source_lang: str | None, target_lang: str | None) -> Document:
    from lxml import etree

    tmxfile = _toolkit(path, "translate.storage.tmx").tmxfile
    data = _read_bytes(path)
    try:
        store = tmxfile.parsestring(data)
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise _toolkit_error(path, exc) from None
    header = store.document.getroot().find("header")
    srclang = header.get("srclang") if header is not None else None
    if srclang in (None, "*all*"):
        srclang = None
    source_lang = source_lang or srclang or SOURCE_LANGUAGE
    doc = Document(str(path), source_lang=source_lang, target_lang=target_lang)
    languages: set[str] = set()
    found: list[tuple[object, dict[str, str], dict[str, int]]] = []
    for unit in store.units:
        texts = {}
        lines = {}
        for tuv in unit.xmlelement.iter("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            texts[lang] = "".join(seg.itertext()) if seg is not None else ""
            lines[_base(lang)] = (seg if seg is not None else tuv).sourceline or 0
        languages |= set(texts)
        found.append((unit, texts, lines))
    if target_lang is None:
        others = sorted(lang for lang in languages if _base(lang) != _base(source_lang))
        if len(others) == 1:
            doc.target_lang = target_lang = others[0]
    for unit, texts, lines in found:
        by_base = {_base(k): v for k, v in texts.items()}
        source = texts.get(source_lang) or by_base.get(_base(source_lang), "")
        target = (
            texts.get(target_lang) or by_base.get(_base(target_lang), "") if target_lang else ""
        )
        if not target:
            continue
        element = unit.xmlelement  # type: ignore[attr-defined]
        doc.segments.append(
            Segment(
                lines.get(_base(target_lang)) or element.sourceline or 0,
                [source] if source else [],
                [target],
                waivers(unit.getnotes()),  # type: ignore[attr-defined]
                element.get("tuid") or "",
            )
        )
    return doc


def _base(lang: str | None) -> str:
    return (lang or "").replace("-", "_").split("_")[0].lower()


def _read_lines(path: Path) -> list[str]:
    data = _read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(
            [Finding(Origin(str(path), line), Severity.ERROR, "not valid UTF-8")]
        ) from None
    return [line.rstrip("\r") for line in text.split("\n")]


def _source_beside(path: Path, lang: str | None, source_lang: str) -> Path | None:
    """``doc.pl.txt`` -> ``doc.en.txt``; ``pl/doc.txt`` -> ``en/doc.txt``."""
    candidates = []
    parts = path.name.split(".")
    if lang and len(parts) >= 3 and _base(parts[-2]) == _base(lang):
        candidates.append(path.with_name(".".join(parts[:-2] + [source_lang, parts[-1]])))
    if lang and _base(path.parent.name) == _base(lang):
        candidates.append(path.parent.parent / source_lang / path.name)
    return next((c for c in candidates if c.is_file()), None)


def _read_text(
    path: Path, source: Path | None, source_lang: str | None, target_lang: str | None
) -> Document:
    targets = _read_lines(path)
    source_lang = source_lang or SOURCE_LANGUAGE
    source = source or _source_beside(path, target_lang, source_lang)
    sources = _read_lines(source) if source else None
    if sources is not None:
        while sources and not sources[-1].strip():
            sources.pop()
        while targets and not targets[-1].strip():
            targets.pop()
        if len(sources) != len(targets):
            raise GlossaryError(
                [
                    Finding(
                        Origin(str(path), 0),
                        Severity.ERROR,
                        f"{len(targets)} lines, but its source {source} has {len(sources)}: "
                        "plain text is read one segment per line, so both need the same lines",
                    )
                ]
            )
    doc = Document(
        str(path), source_lang=source_lang, target_lang=target_lang, has_source=bool(sources)
    )
    for number, target in enumerate(targets, 1):
        if target.strip():
            text = sources[number - 1] if sources else ""
            doc.segments.append(Segment(number, [text] if text.strip() else [], [target]))
    return doc


def read_document(
    path: str | os.PathLike[str],
    *,
    source: str | os.PathLike[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Document:
    """Read a translation file (PO, XLIFF 1.2 or 2.x, TMX, plain text) into
    segments; the format is told by the file's extension. Raises
    :class:`GlossaryError` with the file and line when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        return _read_po(path)
    if suffix in (".xlf", ".xliff", ".sdlxliff"):
        return _read_xliff(path)
    if suffix == ".tmx":
        return _read_tmx(path, source_lang, target_lang)
    return _read_text(path, Path(source) if source else None, source_lang, target_lang)


def resolve_language(glossary: Glossary, lang: str) -> str:
    """The glossary language to check ``lang`` against (``de_DE`` -> ``de``).

    >>> from glossary.model import Glossary
    >>> g = Glossary(); g.metadata.update({"en": {}, "de": {}})
    >>> resolve_language(g, "de-DE")
    'de'
    """
    languages = glossary.languages
    if lang in languages:
        return lang
    candidates = [lang.replace("-", "_")]
    try:
        from .layout import normalize_locale

        candidates.append(normalize_locale(lang))
    except ValueError:
        pass
    candidates += [c.split("_")[0] for c in list(candidates)]
    candidates += [c.lower() for c in list(candidates)]
    for code in candidates:
        if code in languages:
            return code
    raise GlossaryError(f"the glossary has no language {lang!r}; it has {', '.join(languages)}")


# -- checking --------------------------------------------------------------------------


class Issue(NamedTuple):
    """One finding of :func:`lint`, with what it is about: ``kind`` is
    ``deprecated`` or ``missing`` (or ``waiver`` for a waiver naming no
    concept); ``key`` identifies the segment for a baseline."""

    finding: Finding
    concept: str
    kind: str
    term: str
    key: str
    segment: str = ""  # the segment's id, where the format has one


class _Covering:
    """The hits of a text by the words they cover, to find the hits that
    overlap one in time bounded by the length of the terms, not of the text."""

    def __init__(self, hits: list[_Hit]) -> None:
        self.by_word: dict[tuple[int, int], list[_Hit]] = {}
        for hit in hits:
            for word in range(hit.start, hit.end):
                self.by_word.setdefault((hit.part, word), []).append(hit)

    def overlapping(self, hit: _Hit) -> Iterator[_Hit]:
        for word in range(hit.start, hit.end):
            for other in self.by_word.get((hit.part, word), ()):
                if other is not hit:
                    yield other


class _Checker:
    def __init__(
        self,
        glossary: Glossary,
        lang: str,
        source_lang: str,
        lemma: Callable[[str], str] | None,
    ) -> None:
        self.glossary, self.lang, self.source_lang = glossary, lang, source_lang
        self.source = _Matcher(
            glossary,
            source_lang,
            (Status.PREFERRED, Status.ADMITTED),
            english_plurals=source_lang == SOURCE_LANGUAGE,
        )
        self.target = _Matcher(glossary, lang, list(Status), lemma=lemma)
        valid: dict[str, list[str]] = {}
        for concept in glossary:
            section = concept.languages.get(lang)
            for term in section.terms if section else []:
                if term.status is not Status.DEPRECATED:
                    valid.setdefault(normalize(term.text), []).append(concept.id)
        self.valid_elsewhere = valid

    def name(self, concept_id: str) -> str:
        concept = self.glossary.get(concept_id)
        return (concept.preferred(self.source_lang) if concept else None) or concept_id

    def _verb_use(self, hit: _Hit, tokens: list[_Token]) -> bool:
        """An English one-word noun term used as a verb (``to process``, ``Process the files``)."""
        if self.source_lang != SOURCE_LANGUAGE or hit.end - hit.start != 1:
            return False
        if hit.ref.term.part_of_speech is not PartOfSpeech.NOUN or hit.ref.sensitive:
            return False
        before = tokens[hit.start - 1].norm if hit.start else ""
        after = tokens[hit.end].norm if hit.end < len(tokens) else ""
        if before in _VERB_BEFORE and not tokens[hit.start].first:
            return True
        if after not in _OBJECT_AFTER:
            return False
        # "Process the files"; "The system processes the data" (a plural noun
        # is not followed by an article)
        return tokens[hit.start].first or tokens[hit.start].norm != normalize(hit.ref.term.text)

    def concepts_in(self, texts: list[str]) -> tuple[list[tuple[str, Term]], set[str]]:
        """(concept id, source term) named in the source texts, longest match
        first where matches overlap, in text order; and the concepts whose
        one-word noun term the texts use as a verb."""
        found: list[tuple[int, int, str, Term]] = []
        verbal: set[str] = set()
        for part, text in enumerate(texts):
            tokens = _tokens(text)
            hits = []
            for h in self.source.find(tokens, part):
                if self._verb_use(h, tokens):
                    verbal.add(h.ref.concept_id)
                else:
                    hits.append(h)
            hits.sort(key=lambda h: (-(h.end - h.start), -h.score[0], h.start))
            taken: set[int] = set()  # the words a longer match has taken
            for hit in hits:
                words = range(hit.start, hit.end)
                if any(w in taken for w in words):
                    continue
                taken.update(words)
                found.append((part, hit.start, hit.ref.concept_id, hit.ref.term))
        found.sort(key=lambda f: f[:2])
        result: list[tuple[str, Term]] = []
        seen: set[str] = set()
        for _, _, concept_id, term in found:
            if concept_id not in seen:
                seen.add(concept_id)
                result.append((concept_id, term))
        return result, verbal

    def check(self, segment: Segment, origin: Origin, key: str) -> list[Issue]:
        found, verbal = self.concepts_in(segment.source)
        named = dict(found)
        hits = [
            h for part, t in enumerate(segment.target) for h in self.target.find(_tokens(t), part)
        ]
        good = [h for h in hits if h.ref.term.status is not Status.DEPRECATED]
        bad = [h for h in hits if h.ref.term.status is Status.DEPRECATED]
        good_concepts = {h.ref.concept_id for h in good}
        at = _Covering(hits)
        issues: list[Issue] = []
        reported: set[tuple[str, str]] = set()
        bad.sort(key=lambda h: (h.part, h.start, -h.score[0]))
        for hit in bad:
            term, cid = hit.ref.term, hit.ref.concept_id
            if (cid, term.text) in reported:
                continue
            # a valid term (of any concept) fits these words at least as well,
            # or another deprecated term fits them better
            if any(
                other.score >= hit.score
                if other.ref.term.status is not Status.DEPRECATED
                else other.score > hit.score
                for other in at.overlapping(hit)
            ):
                continue
            if hit.score[0] != EXACT and cid in good_concepts:
                continue  # a guess, and the concept's valid term is there
            if (
                cid in verbal
                and cid not in named
                and (term.part_of_speech is PartOfSpeech.VERB or hit.ambiguous)
            ):
                continue  # a verb (or maybe one), where the source uses the concept's word as a verb
            reported.add((cid, term.text))
            preferred = self._preferred(cid)
            english = named[cid].text if cid in named else self.name(cid)
            others = [c for c in self.valid_elsewhere.get(normalize(term.text), []) if c != cid]
            severity, message = Severity.WARNING, ""
            if others:
                message = (
                    f"'{term.text}' is deprecated for '{english}' ({cid}) but is a term of "
                    + ", ".join(f"'{self.name(o)}' ({o})" for o in others)
                    + f": check which is meant; for '{english}' use '{preferred}'"
                )
            elif hit.ambiguous:
                message = (
                    f"'{term.text}' first in a sentence may be the verb; if it is the noun, "
                    f"it is a deprecated term for '{english}' ({cid}); use '{preferred}'"
                )
            elif hit.score[0] != EXACT:
                message = (
                    f"this may be a form of the deprecated term '{term.text}' for "
                    f"'{english}' ({cid}), not among its listed forms; use '{preferred}'"
                )
            elif cid not in named:
                message = (
                    f"deprecated term '{term.text}' of '{english}' ({cid}), which the source "
                    f"does not name; if that concept is meant, use '{preferred}'"
                )
            else:
                severity = Severity.ERROR
                message = f"deprecated term '{term.text}' for '{english}'; use '{preferred}'"
            issues.append(
                Issue(Finding(origin, severity, message), cid, "deprecated", term.text, key)
            )
        for cid, en_term in named.items():
            if cid in good_concepts or any(i.concept == cid for i in issues):
                continue
            concept = self.glossary.get(cid)
            section = concept.languages.get(self.lang) if concept else None
            if section is None or section.preferred is None:
                continue  # the concept is not translated into this language
            others = [t.text for t in section.terms_with(Status.ADMITTED)]
            issues.append(
                Issue(
                    Finding(
                        origin,
                        Severity.WARNING,
                        f"'{en_term.text}' should be translated as '{section.preferred.text}'"
                        + (f" (or: {', '.join(repr(o) for o in others)})" if others else ""),
                    ),
                    cid,
                    "missing",
                    section.preferred.text,
                    key,
                )
            )
        return issues

    def _preferred(self, concept_id: str) -> str:
        concept = self.glossary.get(concept_id)
        return (concept.preferred(self.lang) if concept else None) or ""


class LintResult(NamedTuple):
    """What :func:`lint` found: the issues in file order (:attr:`findings` has
    their findings), the number of segments checked, the glossary languages
    used, and how many findings waivers and a baseline set aside."""

    issues: list[Issue]
    checked: int
    lang: str
    source_lang: str = SOURCE_LANGUAGE
    waived: int = 0
    baselined: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [issue.finding for issue in self.issues]


def _segment_key(segment: Segment) -> str:
    text = "\x1f".join(segment.source) + "\x1e" + "\x1f".join(segment.target)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def lint(
    path: str | os.PathLike[str],
    glossary: Glossary,
    lang: str | None = None,
    *,
    source_lang: str | None = None,
    source: str | os.PathLike[str] | None = None,
    lemmatize: bool = True,
) -> LintResult:
    """Check the translation in ``path`` (PO, XLIFF, TMX or plain text) against
    ``glossary`` in ``lang`` (default: the language the file declares; ``de_DE``
    is checked against ``de``, see :func:`resolve_language`). ``lemmatize``
    uses the lemmatiser when it is installed.

    Raises :class:`GlossaryError` when the file cannot be read or parsed, or a
    language is unknown or not given.
    """
    doc = read_document(path, source=source, source_lang=source_lang, target_lang=lang)
    where = str(path)
    wanted = lang or doc.target_lang
    if not wanted:
        raise GlossaryError(
            [
                Finding(
                    Origin(where, 0),
                    Severity.ERROR,
                    "the file does not say its language: give it with --lang",
                )
            ]
        )
    lang = resolve_language(glossary, wanted)
    src = resolve_language(glossary, source_lang or doc.source_lang or SOURCE_LANGUAGE)
    checker = _Checker(glossary, lang, src, lemmatizer(lang) if lemmatize else None)
    issues: list[Issue] = []
    waived = 0
    for segment in doc.segments:
        origin = Origin(where, segment.line)
        key = _segment_key(segment)
        for cid in sorted(segment.waived):
            if cid not in glossary:
                issues.append(
                    Issue(
                        Finding(
                            origin,
                            Severity.WARNING,
                            f"the waiver names {cid!r}, which is not a concept of the glossary",
                        ),
                        cid,
                        "waiver",
                        "",
                        key,
                    )
                )
        for issue in checker.check(segment, origin, key):
            if issue.concept in segment.waived:
                waived += 1
            else:
                issues.append(issue._replace(segment=segment.id))
    return LintResult(issues, len(doc.segments), lang, src, waived)


# -- baselines ---------------------------------------------------------------------------

_BASELINE_VERSION = 1


def _baseline_key(issue: Issue, path: str) -> tuple[str, str, str, str, str]:
    return (Path(path).as_posix(), issue.key, issue.concept, issue.kind, issue.term)


def write_baseline(results: dict[str, LintResult], target: str | os.PathLike[str]) -> int:
    """Record every finding of ``results`` (by file) in ``target``; return how many."""
    from ._fs import atomic_write_text

    rows = sorted(
        _baseline_key(issue, path) for path, result in results.items() for issue in result.issues
    )
    document = {
        "version": _BASELINE_VERSION,
        "findings": [
            dict(zip(("file", "segment", "concept", "kind", "term"), row, strict=True))
            for row in rows
        ],
    }
    atomic_write_text(Path(target), json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return len(rows)


def _read_baseline(source: str | os.PathLike[str]) -> Counter[tuple[str, ...]]:
    where = str(source)
    try:
        document = json.loads(Path(source).read_text(encoding="utf-8"))
        if document.get("version") != _BASELINE_VERSION:
            raise ValueError(f"unknown baseline version {document.get('version')!r}")
        return Counter(
            tuple(row[k] for k in ("file", "segment", "concept", "kind", "term"))
            for row in document["findings"]
        )
    except OSError as exc:
        raise GlossaryError(
            [Finding(Origin(where, 0), Severity.ERROR, f"cannot read: {exc.strerror or exc}")]
        ) from None
    except json.JSONDecodeError as exc:
        raise GlossaryError(
            [Finding(Origin(where, exc.lineno), Severity.ERROR, f"not a baseline: {exc.msg}")]
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise GlossaryError(
            [Finding(Origin(where, 0), Severity.ERROR, f"not a baseline ({exc})")]
        ) from None


def apply_baseline(
    results: dict[str, LintResult], baseline: str | os.PathLike[str]
) -> dict[str, LintResult]:
    """The results without the findings ``baseline`` records (each recorded
    finding sets aside one finding), with their number in ``baselined``."""
    known = _read_baseline(baseline)
    out = {}
    for path, result in results.items():
        kept = []
        for issue in result.issues:
            k = _baseline_key(issue, path)
            if known[k] > 0:
                known[k] -= 1
            else:
                kept.append(issue)
        out[path] = result._replace(
            issues=kept, baselined=result.baselined + len(result.issues) - len(kept)
        )
    return out


def to_json(results: dict[str, LintResult]) -> str:
    """The results as a JSON document (``glossary lint --format json``)."""
    files = []
    findings = []
    for path, result in results.items():
        errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
        files.append(
            {
                "path": path,
                "lang": result.lang,
                "source_lang": result.source_lang,
                "checked": result.checked,
                "errors": errors,
                "warnings": len(result.issues) - errors,
                "waived": result.waived,
                "baselined": result.baselined,
            }
        )
        for issue in result.issues:
            origin = issue.finding.origin
            findings.append(
                {
                    "path": path,
                    "line": origin.line if origin else 0,
                    "segment": issue.segment,
                    "severity": issue.finding.severity.value,
                    "kind": issue.kind,
                    "concept": issue.concept,
                    "term": issue.term,
                    "message": issue.finding.message,
                }
            )
    return json.dumps({"files": files, "findings": findings}, ensure_ascii=False, indent=2)
