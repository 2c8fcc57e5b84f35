"""The data model: a :class:`Glossary` of :class:`Concept` entries.

This module imports no file format. Readers (``glossary.po`` and friends)
build these objects; writers turn them into files.

One concept is one entry. Per language it has a :class:`LangSection`: the
terms (exactly one of them preferred), a definition and notes.

>>> g = Glossary()
>>> c = g.add(Concept("kpo", subject_field="outsourcing models"))
>>> c.languages["en"] = LangSection(
...     "en",
...     [Term("knowledge process outsourcing"), Term("KPO", Status.ADMITTED, TermType.ACRONYM)],
...     definition="outsourcing of knowledge-intensive work")
>>> g.get("kpo").preferred("en")
'knowledge process outsourcing'
>>> [m.concept.id for m in g.lookup("kpo")]
['kpo']
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .folding import normalize

__all__ = [
    "Status",
    "TermType",
    "PartOfSpeech",
    "Gender",
    "Severity",
    "Origin",
    "Term",
    "LangSection",
    "Concept",
    "Glossary",
    "Match",
    "Occurrence",
    "Finding",
    "GlossaryError",
    "Source",
    "citations",
    "group_matches",
    "normalize",
    "is_valid_id",
    "SOURCE_LANGUAGE",
]

#: The language of the source catalog; every other catalog translates it.
SOURCE_LANGUAGE = "en"


class Status(str, enum.Enum):
    """Administrative status of a term (ISO 12620 / TBX-Basic)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


class TermType(str, enum.Enum):
    """Term type; the values are TBX-Basic's ``termType`` picklist."""

    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class PartOfSpeech(str, enum.Enum):
    """Part of speech; the values are TBX-Basic's ``partOfSpeech`` picklist."""

    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    OTHER = "other"


class Gender(str, enum.Enum):
    """Grammatical gender; TBX-Basic's ``grammaticalGender`` picklist."""

    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Origin(NamedTuple):
    """Where a fact was read: a file and a 1-based line number."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class Term:
    """One designation of a concept in one language.

    >>> Term("KPO", Status.ADMITTED, TermType.ACRONYM)
    Term('KPO', admitted, acronym)
    """

    text: str
    status: Status = Status.PREFERRED
    type: TermType = TermType.FULL_FORM
    part_of_speech: PartOfSpeech = PartOfSpeech.NOUN
    gender: Gender | None = None
    note: str = ""
    origin: Origin | None = field(default=None, compare=False)
    #: inflected forms of the term that a text may contain (``glossary lint``
    #: matches them); not part of the term's identity, and not exported
    #: (a tuple, so the many terms without forms share one empty value)
    forms: tuple[str, ...] = field(default=(), compare=False)

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.status.value}, {self.type.value})"

    def sort_key(self) -> tuple:
        return (list(Status).index(self.status), self.text)

    @classmethod
    def from_dict(cls, data: dict) -> Term:
        """The term of :meth:`to_dict`'s plain data."""
        return cls(
            data["text"],
            Status(data["status"]),
            TermType(data["type"]),
            PartOfSpeech(data["part_of_speech"]),
            Gender(data["gender"]) if data["gender"] else None,
            data["note"],
            forms=tuple(data.get("forms", ())),
        )

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        return {
            "text": self.text,
            "status": self.status.value,
            "type": self.type.value,
            "part_of_speech": self.part_of_speech.value,
            "gender": self.gender.value if self.gender else None,
            "note": self.note,
            "forms": list(self.forms),
        }


@dataclass(slots=True)
class LangSection:
    """What a concept has in one language: terms, a definition, notes."""

    lang: str
    terms: list[Term] = field(default_factory=list)
    definition: str = ""
    notes: list[str] = field(default_factory=list)
    origin: Origin | None = field(default=None, compare=False)

    @property
    def preferred(self) -> Term | None:
        """The first preferred term, or ``None``."""
        return next((t for t in self.terms if t.status is Status.PREFERRED), None)

    @property
    def abbreviation(self) -> Term | None:
        """The abbreviation that stands beside the preferred term: the first
        admitted acronym or abbreviation (terms are kept in canonical order)."""
        return next(
            (
                t
                for t in self.terms
                if t.status is Status.ADMITTED
                and t.type in (TermType.ACRONYM, TermType.ABBREVIATION)
            ),
            None,
        )

    def terms_with(self, status: Status) -> list[Term]:
        return [t for t in self.terms if t.status is status]

    def sort_terms(self, abbreviation: Term | None = None) -> None:
        """Put the terms in canonical order: by status, each status by text, except
        that ``abbreviation`` (by default the first admitted acronym or abbreviation
        in that order) leads the admitted terms, so that it stays :attr:`abbreviation`.

        >>> s = LangSection("en", [Term("B", Status.ADMITTED), Term("kpo"),
        ...                        Term("A", Status.ADMITTED, TermType.ACRONYM)])
        >>> s.sort_terms(); [t.text for t in s.terms]
        ['kpo', 'A', 'B']
        """
        self.terms.sort(key=Term.sort_key)
        chosen = abbreviation if abbreviation is not None else self.abbreviation
        self.terms.sort(key=lambda t: (t.sort_key()[0], t is not chosen))


@dataclass(slots=True)
class Concept:
    """One concept, with its language-independent facts and its languages.

    ``id`` is snake_case ASCII and a valid XML ID (it becomes the TBX
    ``conceptEntry/@id``). The relations hold ids of other concepts, in the
    three kinds of ISO 704 and ISO 25964: ``broader`` is generic (this concept
    *is a kind of* that one), ``part_of`` partitive (*is a part of*), and
    ``related`` associative (symmetric).
    """

    id: str
    subject_field: str = ""
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    languages: dict[str, LangSection] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)
    part_of: list[str] = field(default_factory=list)

    def preferred(self, lang: str) -> str | None:
        """The preferred term in ``lang``, or ``None``."""
        section = self.languages.get(lang)
        term = section.preferred if section else None
        return term.text if term else None

    def definition(self, lang: str) -> str | None:
        section = self.languages.get(lang)
        return section.definition if section else None

    def terms(self, lang: str | None = None) -> list[Term]:
        """All terms, of one language or of all (by language code)."""
        langs = [lang] if lang else sorted(self.languages)
        return [t for code in langs if code in self.languages for t in self.languages[code].terms]

    def to_dict(self, languages: Iterable[str] | None = None) -> dict:
        """Plain data (JSON-ready), optionally for some languages only."""
        codes = [c for c in (languages or sorted(self.languages)) if c in self.languages]
        return {
            "id": self.id,
            "subject_field": self.subject_field,
            "broader": list(self.broader),
            "part_of": list(self.part_of),
            "related": list(self.related),
            "notes": list(self.notes),
            "languages": {
                code: {
                    "preferred": self.preferred(code),
                    "definition": self.languages[code].definition,
                    "notes": list(self.languages[code].notes),
                    "terms": [t.to_dict() for t in self.languages[code].terms],
                }
                for code in codes
            },
        }

    def describe(self, languages: Iterable[str] | None = None) -> str:
        """The concept as readable text, in ``languages`` (default: all).

        >>> c = Concept("kpo", "outsourcing models", languages={"en": LangSection(
        ...     "en", [Term("knowledge process outsourcing"),
        ...            Term("KPO", Status.ADMITTED, TermType.ACRONYM)], "outsourcing of …")})
        >>> print(c)
        kpo  [outsourcing models]
        en: knowledge process outsourcing
            outsourcing of …
            admitted acronym: KPO
        """
        lines = [self.heading()]
        for code in languages if languages is not None else sorted(self.languages):
            lines += self.section_lines(code)
        lines += self.relation_lines()
        return "\n".join(lines)

    def heading(self) -> str:
        """The first line of :meth:`describe`: the id and the subject field."""
        return self.id + (f"  [{self.subject_field}]" if self.subject_field else "")

    def section_lines(self, code: str) -> list[str]:
        """The lines of :meth:`describe` for the language ``code``."""
        section = self.languages.get(code)
        if section is None:
            return [f"{code}: (not translated)"]
        preferred = section.preferred
        lines = [f"{code}: {preferred.text if preferred else '(no preferred term)'}"]
        if section.definition:
            lines.append(f"    {section.definition}")
        for term in section.terms:
            if term is not preferred:
                kind = "" if term.type is TermType.FULL_FORM else f" {term.type.value}"
                lines.append(f"    {term.status.value}{kind}: {term.text}")
        return lines

    def relation_lines(self) -> list[str]:
        """The last lines of :meth:`describe`: the related concepts of each kind."""
        lines = []
        for kind in ("broader", "part_of", "related"):
            ids = getattr(self, kind)
            if ids:
                lines.append(f"{kind.replace('_', '-')}: {', '.join(ids)}")
        return lines

    def __str__(self) -> str:
        return self.describe()


@dataclass(slots=True)
class Source:
    """A source that notes cite as ``[id]``: an article, a standard, a dictionary…

    >>> Source("art-003", "The basic elements that differentiate BPO from KPO", "en").citation
    '[art-003]'
    """

    id: str
    title: str
    language: str = ""
    kind: str = ""
    origin: str = ""
    file: str = ""
    where: Origin | None = field(default=None, compare=False)

    @property
    def citation(self) -> str:
        return f"[{self.id}]"

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "kind": self.kind,
            "origin": self.origin,
            "file": self.file,
        }


#: A citation of a source in a note: ``[art-003]``, ``[iso-704]``.
CITATION = re.compile(r"\[([a-z0-9][a-z0-9.-]*[a-z0-9])\]")


def citations(text: str) -> list[str]:
    """The source ids that ``text`` cites.

    >>> citations("According to article [art-004], growth is expected [iate].")
    ['art-004', 'iate']
    """
    return CITATION.findall(text)


class Finding(NamedTuple):
    """A problem found in the data, printed as ``path:line: severity: message``."""

    origin: Origin | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity.value}: {self.message}"


class GlossaryError(Exception):
    """Bad input a user can cause. ``str()`` gives ``path:line: message`` lines."""

    def __init__(self, findings: Iterable[Finding] | str) -> None:
        if isinstance(findings, str):
            findings = [Finding(None, Severity.ERROR, findings)]
        self.findings = list(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class Match(NamedTuple):
    """One answer of :meth:`Glossary.lookup`."""

    concept: Concept
    term: Term
    lang: str

    @property
    def status(self) -> Status:
        return self.term.status

    @property
    def use_instead(self) -> str | None:
        """For a deprecated term, the preferred term of its language."""
        if self.term.status is not Status.DEPRECATED:
            return None
        return self.concept.preferred(self.lang)


def group_matches(matches: Iterable[Match]) -> list[tuple[Concept, list[Match]]]:
    """The matches of a lookup by concept, in the order each concept first appears.

    >>> kpo = Concept("kpo", languages={"en": LangSection("en", [Term("KPO")]),
    ...                                  "pl": LangSection("pl", [Term("KPO")])})
    >>> [(c.id, [m.lang for m in found]) for c, found in group_matches(
    ...     [Match(kpo, kpo.languages["en"].terms[0], "en"),
    ...      Match(kpo, kpo.languages["pl"].terms[0], "pl")])]
    [('kpo', ['en', 'pl'])]
    """
    groups: dict[str, tuple[Concept, list[Match]]] = {}
    for match in matches:
        groups.setdefault(match.concept.id, (match.concept, []))[1].append(match)
    return list(groups.values())


class Occurrence(NamedTuple):
    """One answer of :meth:`Glossary.find_terms`: a glossary term found in a text.

    ``start`` and ``end`` are offsets into the text (``text[start:end]`` is
    ``text``, the words as written there); ``match`` is the concept and term.
    """

    start: int
    end: int
    text: str
    match: Match

    @property
    def concept(self) -> Concept:
        return self.match.concept

    @property
    def term(self) -> Term:
        return self.match.term

    @property
    def status(self) -> Status:
        return self.match.term.status

    @property
    def use_instead(self) -> str | None:
        """For a deprecated term, the preferred term of its language."""
        return self.match.use_instead


# A word for term matching: letters and digits, with any combining marks
# (so that text in Unicode form NFD is split as in NFC).
_TERM_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+"
)
_CASE_SENSITIVE_TYPES = ("acronym", "abbreviation")


def _is_case_sensitive(term: Term) -> bool:
    """Acronyms and abbreviations match with their letter case only: *IT* is not *it*."""
    return term.type.value in _CASE_SENSITIVE_TYPES or (term.text.isupper() and len(term.text) > 1)


class _Phrase(NamedTuple):
    """A term prepared for matching in running text."""

    keys: tuple[str, ...]  # its words, normalised
    gaps: tuple[str, ...]  # what stands between them, normalised ("" for spaces and hyphens)
    exact: tuple[str, ...] | None  # its words as written (NFC), for a case-sensitive term
    match: Match


def _phrase(text: str) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """The word spans of ``text``, the words normalised, and the gaps between them normalised."""
    spans = [m.span() for m in _TERM_WORD.finditer(text)]
    keys = [normalize(text[a:b]) for a, b in spans]
    gaps = [normalize(text[spans[i][1] : spans[i + 1][0]]) for i in range(len(spans) - 1)]
    return spans, keys, gaps


_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def is_valid_id(concept_id: str) -> bool:
    """True for snake_case ASCII ids, which are also valid XML IDs.

    >>> is_valid_id("knowledge_process_outsourcing"), is_valid_id("1st"), is_valid_id("a-b")
    (True, False, False)
    """
    return bool(_ID.match(concept_id))


class Glossary:
    """A set of concepts, keyed by id, in any number of languages.

    ``metadata`` keeps per-language catalog metadata that a reader found and
    a writer should keep (for PO: header fields such as ``Last-Translator``).
    """

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts: dict[str, Concept] = {}
        self.metadata: dict[str, dict[str, str]] = {}
        #: the sources that notes cite, by id (see :class:`Source`)
        self.sources: dict[str, Source] = {}
        self._index: dict[str, list[Match]] | None = None
        self._exact: dict[str, str] = {}  # a term's text as stored -> its index key
        self._phrases: dict[str, dict[str, list[_Phrase]]] = {}  # lang -> first word -> terms
        for concept in concepts:
            self.add(concept)

    def add(self, concept: Concept) -> Concept:
        self.concepts[concept.id] = concept
        self._index = None
        self._phrases = {}
        return concept

    def invalidate(self) -> None:
        """Forget the lookup indexes (call after changing concepts in place)."""
        self._index = None
        self._phrases = {}

    def __iter__(self) -> Iterator[Concept]:
        return (self.concepts[k] for k in sorted(self.concepts))

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.concepts == other.concepts

    def __repr__(self) -> str:
        return f"<Glossary: {len(self)} concepts in {', '.join(self.languages) or 'no language'}>"

    @property
    def languages(self) -> list[str]:
        """Every language code used, the source language first, then sorted.

        Computed from every concept on each access: keep it in a variable
        rather than asking for it inside a loop over the concepts.
        """
        codes = {code for c in self.concepts.values() for code in c.languages}
        codes |= set(self.metadata)
        return sorted(codes, key=lambda code: (code != SOURCE_LANGUAGE, code))

    def get(self, concept_id: str, default: Concept | None = None) -> Concept | None:
        """The concept with this id, or ``default``; never raises.

        >>> Glossary().get("nope") is None
        True
        """
        return self.concepts.get(concept_id, default)

    # -- lookup -------------------------------------------------------------

    def _build_index(self) -> dict[str, list[Match]]:
        index: dict[str, list[Match]] = {}
        exact: dict[str, str] = {}
        self._exact = exact
        languages = self.languages
        for concept in self:
            for code in languages:
                if code not in concept.languages:
                    continue
                for term in concept.languages[code].terms:
                    key = normalize(term.text)
                    index.setdefault(key, []).append(Match(concept, term, code))
                    exact[term.text] = key
        return index

    def lookup(self, text: str, lang: str | None = None) -> list[Match]:
        """Every concept that has ``text`` as a term, in any language.

        Matching ignores case, diacritics, Unicode normalisation form, extra
        spaces and hyphen/space variants. ``lang`` restricts the languages
        searched. Several matches come back for an ambiguous text. Nothing
        found raises :class:`LookupError` naming ``text``, with suggestions in
        its ``suggestions`` attribute.
        """
        index = self._index
        if index is None:
            index = self._index = self._build_index()
        key = self._exact.get(text)
        if key is None:
            key = normalize(text)
        exact = text if text in self._exact else unicodedata.normalize("NFC", text.strip())
        best: dict[tuple[str, str], Match] = {}
        for m in index.get(key, ()):
            if lang is not None and m.lang != lang:
                continue
            # one match per concept and language: the exactly typed term, else the best status
            rank = (m.term.text != exact, m.term.sort_key())
            held = best.get((m.concept.id, m.lang))
            if held is None or rank < (held.term.text != exact, held.term.sort_key()):
                best[(m.concept.id, m.lang)] = m
        if best:
            return list(best.values())
        error = LookupError(
            f"no term {text!r} in the glossary" + (f" for language {lang!r}" if lang else "")
        )
        error.suggestions = self.suggest(text, lang)  # type: ignore[attr-defined]
        if error.suggestions:  # type: ignore[attr-defined]
            error.args = (error.args[0] + "; did you mean: " + ", ".join(error.suggestions) + "?",)  # type: ignore[attr-defined]
        raise error

    def _phrase_index(self, lang: str) -> dict[str, list[_Phrase]]:
        index = self._phrases.get(lang)
        if index is not None:
            return index
        index = {}
        for concept in self:
            section = concept.languages.get(lang)
            for term in section.terms if section else ():
                spans, keys, gaps = _phrase(term.text)
                if not keys:
                    continue
                exact = None
                if _is_case_sensitive(term):
                    exact = tuple(unicodedata.normalize("NFC", term.text[a:b]) for a, b in spans)
                index.setdefault(keys[0], []).append(
                    _Phrase(tuple(keys), tuple(gaps), exact, Match(concept, term, lang))
                )
        self._phrases[lang] = index
        return index

    def find_terms(self, text: str, lang: str) -> list[Occurrence]:
        """Every occurrence of a term of ``lang`` in ``text``, in text order.

        Words are compared as :meth:`lookup` compares terms (case, diacritics,
        Unicode form, hyphens and spaces do not matter, see :func:`normalize`),
        except acronyms and abbreviations, which match with their letter case
        only (*IT* is not *it*). A term matches whole words only, and what
        stands between its words must be what the term has there once
        normalised (a space, a hyphen or nothing stands for a space; ``&`` or
        ``,`` must be there).

        The longest match wins: where terms overlap, the one of more words (then
        more characters, then the first) is kept, and no term inside it or across
        it is reported. A text that is a term of several concepts gives one
        occurrence per concept, with the term that is written exactly so (else
        the best status) for each; a deprecated term of one concept is left out
        where the same words are a preferred or admitted term of another.
        Deprecated terms are found too: ``status`` and ``use_instead`` tell.

        >>> g = Glossary([Concept("bpo", languages={"en": LangSection("en", [
        ...     Term("business process outsourcing"), Term("BPO", Status.ADMITTED, TermType.ACRONYM)])}),
        ...     Concept("process", languages={"en": LangSection("en", [Term("process")])})])
        >>> [(o.text, o.concept.id) for o in g.find_terms("Business-process outsourcing (BPO) is a process.", "en")]
        [('Business-process outsourcing', 'bpo'), ('BPO', 'bpo'), ('process', 'process')]
        >>> g.find_terms("bpo", "en")
        []
        """
        index = self._phrase_index(lang)
        if not index or not text:
            return []
        spans, keys, gaps = _phrase(text)
        found: dict[tuple[int, int], list[Match]] = {}
        for i, key in enumerate(keys):
            for phrase in index.get(key, ()):
                n = len(phrase.keys)
                if (
                    i + n > len(keys)
                    or tuple(keys[i : i + n]) != phrase.keys
                    or tuple(gaps[i : i + n - 1]) != phrase.gaps
                ):
                    continue
                if phrase.exact is not None and phrase.exact != tuple(
                    unicodedata.normalize("NFC", text[a:b]) for a, b in spans[i : i + n]
                ):
                    continue
                found.setdefault((i, i + n), []).append(phrase.match)
        # the longest first: more words, then more characters, then the earlier
        order = sorted(
            found,
            key=lambda ij: (
                -(ij[1] - ij[0]),
                -(spans[ij[1] - 1][1] - spans[ij[0]][0]),
                ij[0],
            ),
        )
        taken = [False] * len(keys)
        chosen = []
        for i, j in order:
            if any(taken[i:j]):
                continue
            taken[i:j] = [True] * (j - i)
            chosen.append((i, j))
        occurrences = []
        for i, j in sorted(chosen):
            start, end = spans[i][0], spans[j - 1][1]
            written = unicodedata.normalize("NFC", text[start:end]).casefold()
            best: dict[str, Match] = {}
            for m in found[(i, j)]:
                rank = (
                    unicodedata.normalize("NFC", m.term.text).casefold() != written,
                    m.term.sort_key(),
                )
                held = best.get(m.concept.id)
                if held is None or rank < (
                    unicodedata.normalize("NFC", held.term.text).casefold() != written,
                    held.term.sort_key(),
                ):
                    best[m.concept.id] = m
            matches = sorted(best.values(), key=lambda m: m.concept.id)
            if any(m.term.status is not Status.DEPRECATED for m in matches):
                matches = [m for m in matches if m.term.status is not Status.DEPRECATED]
            occurrences += [Occurrence(start, end, text[start:end], m) for m in matches]
        return occurrences

    def suggest(self, text: str, lang: str | None = None, n: int = 5) -> list[str]:
        """The terms closest to ``text``, best first (``rapidfuzz``, else ``difflib``).

        >>> g = Glossary([Concept("x", languages={"en": LangSection("en", [Term("offshore")])})])
        >>> g.suggest("ofshore")
        ['offshore']
        """
        index = self._index if self._index is not None else self._build_index()
        shown: dict[str, str] = {}
        for key, matches in index.items():
            for m in matches:
                if lang is None or m.lang == lang:
                    shown.setdefault(key, m.term.text)
        query = normalize(text)
        try:
            from rapidfuzz import fuzz, process
        except ImportError:
            import difflib  # only on a miss: ``glossary lookup`` of a term never needs it

            close = difflib.get_close_matches(query, list(shown), n=n, cutoff=0.6)
        else:
            close = [
                key
                for key, score, _ in process.extract(
                    query, list(shown), scorer=fuzz.ratio, limit=n, score_cutoff=60
                )
            ]
        return [shown[k] for k in close]
