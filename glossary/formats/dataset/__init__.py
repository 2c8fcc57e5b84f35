"""Export the glossary as a Hugging Face dataset folder, ready for the Hub.

``write_dataset(glossary, out_dir)`` writes::

    out_dir/README.md                                  the dataset card
    out_dir/terms/train-00000-of-00001.parquet         config ``terms`` (the default)
    out_dir/concepts/train-00000-of-00001.parquet      config ``concepts``
    out_dir/translation/train-00000-of-00001.parquet   config ``translation``
    out_dir/constraints/train-00000-of-00001.parquet   config ``constraints``

Each config has a single split, ``train``. The card's YAML header names the
files (``configs[].data_files``) and the typed features of each config
(``dataset_info``), so ``datasets.load_dataset(out_dir, "terms")`` gives
back the same types, offline.

The mapping
===========

``terms``: one row per :class:`~glossary.model.Term`, for every concept (by
id) and language (``Glossary.languages``), terms in their stored order.

=================  =====================================  ========================================
column             from                                   type
=================  =====================================  ========================================
``concept_id``     ``Concept.id``                         string
``language``       the ``LangSection``'s language code    string
``term``           ``Term.text``                          string
``status``         ``Term.status``                        class label over ``Status`` values
``type``           ``Term.type``                          class label over ``TermType`` values
``part_of_speech`` ``Term.part_of_speech``                class label over ``PartOfSpeech`` values
``gender``         ``Term.gender``                        string, null when the term has none
``note``           ``Term.note``                          string, empty when the term has none
=================  =====================================  ========================================

``concepts``: one row per concept and language it has a section in.

=================  =====================================  ========================================
``concept_id``     ``Concept.id``                         string
``language``       the language code                      string
``preferred_term`` ``LangSection.preferred.text``         string, null without a preferred term
``definition``     ``LangSection.definition``             string
``subject_field``  ``Concept.subject_field``              string (English, the same in every row)
``broader``        ``Concept.broader``                    list of concept ids (generic: is a kind of)
``part_of``        ``Concept.part_of``                    list of concept ids (partitive: is a part of)
``related``        ``Concept.related``                    list of concept ids (associative)
``notes``          ``LangSection.notes``                  list of strings, in this language
``concept_notes``  ``Concept.notes``                      list of strings, language-independent
=================  =====================================  ========================================

``sources``: one row per source that notes cite as ``[id]`` (``Glossary.sources``).

=================  ===============================================================================
``source_id``      ``Source.id``, as cited in the notes: ``[art-003]``
``title``          ``Source.title``, as published
``language``       ``Source.language``
``kind``           ``Source.kind`` (article, standard, regulation, dictionary, termbase, …)
``origin``         ``Source.origin``: who published it and what is known of it
=================  ===============================================================================

``translation``: one row per translatable unit of a concept that the source
language (``SOURCE_LANGUAGE``) has, in the order term, abbreviation,
definition. These are the units of the gettext catalogs (``.term``,
``.abbr``, ``.definition``).

=================  ===============================================================================
``concept_id``     ``Concept.id``
``unit``           ``"term"``: the preferred term; ``"abbreviation"``: the first admitted acronym
                   or abbreviation; ``"definition"``: the definition
``translation``    ``datasets.Translation`` over every language of the glossary: the unit's text
                   in each language, null where a language lacks it
=================  ===============================================================================

``constraints``: one row per concept and directed language pair (every
ordered pair of two languages of the glossary) where the concept has a
preferred term in both languages: what a terminology-constrained translation
must use and must avoid, for MT training, prompting and evaluation (term
accuracy, forbidden-term rate). Rows by concept id, then pair.

=====================  ==========================================================================
``concept_id``         ``Concept.id``
``source_language``    the source language code
``target_language``    the target language code
``source_terms``       the source preferred term, then its admitted terms (synonyms, acronyms,
                       abbreviations): the words to find in a source text
``target_preferred``   the target preferred term: the one to use
``target_allowed``     every acceptable target term: the preferred term, then the admitted ones
``target_forbidden``   the deprecated target terms: never to be produced
=====================  ==========================================================================

The tables are built column by column with pyarrow (:func:`tables`), with the
Arrow schema of :func:`features` and the features in its metadata, as
``datasets`` stores them. Each is written with the settings of
``Dataset.to_parquet`` (snappy, dictionary encoding, content-defined chunking,
page index): the same schema and rows as
``build_datasets(glossary)[config].to_parquet(path)``. The rows are converted and
written a slice of concepts at a time, in row groups of a fixed number of rows
(:data:`_ROW_GROUP_ROWS`), so a large glossary's table is never whole in memory
and the bytes do not depend on the slicing.

The card (``README.md``) is rendered from ``card.md.j2`` with Jinja2; its YAML
header comes from ``huggingface_hub.DatasetCardData`` filled by ``datasets``'
own ``DatasetInfosDict`` and ``MetadataConfigs``, as ``push_to_hub`` writes it.
Nothing in the output depends on the time or the machine: the same glossary
gives byte-identical files. The citation carries a year only when
``SOURCE_DATE_EPOCH`` is set.

>>> from glossary.model import Concept, Glossary, LangSection, Term
>>> g = Glossary([Concept("kpo", languages={"en": LangSection("en", [Term("KPO")], "work")})])
>>> [row["term"] for row in rows(g, "terms")]
['KPO']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from datasets import ClassLabel, Dataset, Features, List, Translation, Value
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from ...model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    PartOfSpeech,
    Status,
    TermType,
)

__all__ = [
    "write_dataset",
    "tables",
    "rows",
    "features",
    "build_datasets",
    "render_card",
    "write_parquet",
    "TableFacts",
    "size_category",
    "data_file",
    "hub_language",
    "citation",
    "CONFIGS",
    "DEFAULT_CONFIG",
    "SPLIT",
    "UNITS",
]

#: The configs, in the order the card describes them; the first is the default.
CONFIGS = ("terms", "concepts", "translation", "constraints", "sources")
DEFAULT_CONFIG = CONFIGS[0]
#: Every config has this one split.
SPLIT = "train"
#: The translatable units of the ``translation`` config, in row order.
UNITS = ("term", "abbreviation", "definition")

PRETTY_NAME = "BPO-KPO Glossary: multilingual outsourcing terminology"
TAGS = ["terminology", "glossary", "termbase", "outsourcing", "bpo", "kpo", "tbx", "gettext"]
TEMPLATE = Path(__file__).with_name("card.md.j2")

# The Hub's size buckets: (upper bound, exclusive; label).
_SIZES = [
    (10**3, "n<1K"),
    (10**4, "1K<n<10K"),
    (10**5, "10K<n<100K"),
    (10**6, "100K<n<1M"),
    (10**7, "1M<n<10M"),
    (10**8, "10M<n<100M"),
    (10**9, "100M<n<1B"),
    (10**10, "1B<n<10B"),
    (10**11, "10B<n<100B"),
    (10**12, "100B<n<1T"),
]

# How ``datasets`` writes Parquet (``Dataset.to_parquet``): content-defined chunking with
# these options, recorded in the file's metadata.
_CDC_OPTIONS = {"min_chunk_size": 256 * 1024, "max_chunk_size": 1024 * 1024, "norm_level": 0}
#: Rows per row group: fixed, so that the bytes do not depend on how the rows were
#: sliced; at the glossary's row sizes (under 1 kB) a few MB, far below the 100 MB
#: that ``datasets`` allows a row group, and little to hold while writing.
_ROW_GROUP_ROWS = 16_384


# What each column means, for the card.
_MEANINGS: dict[str, dict[str, str]] = {
    "terms": {
        "concept_id": "Id of the concept (snake_case; the same in every language). "
        "Joins with `concepts` and `translation`.",
        "language": "Language code of the term (a gettext locale code such as `en` or `pt_BR`).",
        "term": "The term itself, in its base form.",
        "status": "Whether to use it: `preferred` (the one term to use), `admitted` "
        "(acceptable synonym) or `deprecated` (met in texts but not to be used; "
        "`note` says why and what to use instead).",
        "type": "Kind of term, TBX-Basic `termType`: full form, acronym, abbreviation, "
        "short form, variant or phrase.",
        "part_of_speech": "Part of speech, TBX-Basic `partOfSpeech`.",
        "gender": "Grammatical gender (`masculine`, `feminine`, `neuter`, `other`); null "
        "where the language has none or it was not recorded.",
        "note": "Usage note on this term; for a deprecated term, where it is met, what is "
        "wrong with it and what to use instead. Empty when there is none.",
    },
    "concepts": {
        "concept_id": "Id of the concept (snake_case). Joins with `terms` and `translation`.",
        "language": "Language code of this row.",
        "preferred_term": "The preferred term in this language.",
        "definition": "Definition written for this glossary in this language: the nearest "
        "broader concept, then what sets this one apart.",
        "subject_field": "Subject field of the concept (in English; the same in every language).",
        "broader": "Ids of the broader concepts this one is a kind of (generic relation).",
        "part_of": "Ids of the concepts this one is a part of (partitive relation).",
        "related": "Ids of associated concepts (associative relation, listed on both sides).",
        "notes": "Notes in this language: usage, differences between languages and claims "
        "of the sources, each cited by its id in square brackets (see the `sources` config).",
        "concept_notes": "Notes on the concept that hold for every language (in English).",
    },
    "sources": {
        "source_id": "Id of the source, as the notes cite it in square brackets: `[art-003]`.",
        "title": "Title of the source as published.",
        "language": "Language of the source (ISO 639-1, or `mul`).",
        "kind": "Kind of source: article, standard, regulation, dictionary, termbase, corpus, "
        "website or book.",
        "origin": "Who published it, and what is known of its origin.",
    },
    "translation": {
        "concept_id": "Id of the concept. Joins with `terms` and `concepts`.",
        "unit": "What is translated: `term` (the preferred term), `abbreviation` (the "
        "admitted acronym or abbreviation) or `definition`.",
        "translation": "The unit's text in every language of the glossary, keyed by language "
        "code; null where a language does not have it.",
    },
    "constraints": {
        "concept_id": "Id of the concept. Joins with `terms`, `concepts` and `translation`.",
        "source_language": "Language code of the source side.",
        "target_language": "Language code of the target side.",
        "source_terms": "The source terms that name the concept: the preferred term first, "
        "then the admitted synonyms, acronyms and abbreviations (deprecated terms are left out).",
        "target_preferred": "The target term to use.",
        "target_allowed": "Every acceptable target term: the preferred term first, then the "
        "admitted ones. A translation that has one of them uses the glossary's terminology.",
        "target_forbidden": "The deprecated target terms: wrong or misleading forms met in real "
        "texts, never to be produced (the `terms` config's `note` says why). Empty when the "
        "concept has none in the target language.",
    },
}


def features(config: str, languages: list[str]) -> Features:
    """The typed columns of ``config``; ``languages`` matter for ``translation`` only.

    >>> features("terms", ["en"])["status"].names
    ['preferred', 'admitted', 'deprecated']
    >>> features("translation", ["en", "de"])["translation"].languages
    ['en', 'de']
    """
    string = Value("string")
    if config == "terms":
        return Features(
            {
                "concept_id": string,
                "language": string,
                "term": string,
                "status": ClassLabel(names=[s.value for s in Status]),
                "type": ClassLabel(names=[t.value for t in TermType]),
                "part_of_speech": ClassLabel(names=[p.value for p in PartOfSpeech]),
                "gender": string,
                "note": string,
            }
        )
    if config == "concepts":
        return Features(
            {
                "concept_id": string,
                "language": string,
                "preferred_term": string,
                "definition": string,
                "subject_field": string,
                "broader": List(string),
                "part_of": List(string),
                "related": List(string),
                "notes": List(string),
                "concept_notes": List(string),
            }
        )
    if config == "translation":
        return Features(
            {
                "concept_id": string,
                "unit": string,
                "translation": Translation(languages=list(languages)),
            }
        )
    if config == "sources":
        return Features(
            {
                "source_id": string,
                "title": string,
                "language": string,
                "kind": string,
                "origin": string,
            }
        )
    if config == "constraints":
        return Features(
            {
                "concept_id": string,
                "source_language": string,
                "target_language": string,
                "source_terms": List(string),
                "target_preferred": string,
                "target_allowed": List(string),
                "target_forbidden": List(string),
            }
        )
    raise ValueError(f"unknown config {config!r}; the configs are {', '.join(CONFIGS)}")


def _unit_texts(section: LangSection | None) -> tuple[str | None, str | None, str | None]:
    """The texts of the units (``UNITS`` order) in one language; ``None`` where missing."""
    if section is None:
        return None, None, None
    preferred, abbreviation = section.preferred, section.abbreviation
    return (
        preferred.text if preferred else None,
        abbreviation.text if abbreviation else None,
        section.definition or None,
    )


def _sections(
    glossary: Glossary | list[Concept],
    languages: list[str] | None = None,
) -> Iterator[tuple[Any, str, LangSection]]:
    """Every concept's sections, concepts by id and languages in ``Glossary.languages`` order
    (``languages`` is needed when a list of concepts is given instead of the glossary)."""
    if languages is None:
        assert isinstance(glossary, Glossary)
        languages = glossary.languages
    for concept in glossary:
        sections = concept.languages
        for code in languages:
            section = sections.get(code)
            if section is not None:
                yield concept, code, section


# Class labels: a member's index is its position in its enum, as in ``features()``.
_STATUS = {member: i for i, member in enumerate(Status)}
_TYPE = {member: i for i, member in enumerate(TermType)}
_PART_OF_SPEECH = {member: i for i, member in enumerate(PartOfSpeech)}
_GENDER: dict[Gender | None, str | None] = {None: None, **{g: g.value for g in Gender}}


def _columns(glossary: list[Concept], config: str, languages: list[str]) -> dict[str, Any]:
    """The columns of ``config`` for some concepts (in id order) as Python lists (class
    labels as their indices); the ``translation`` column is one list per language."""
    if config == "terms":
        ids: list[str] = []
        codes: list[str] = []
        terms: list[Any] = []
        for concept, code, section in _sections(glossary, languages):
            n = len(section.terms)
            ids += [concept.id] * n
            codes += [code] * n
            terms += section.terms
        return {
            "concept_id": ids,
            "language": codes,
            "term": [t.text for t in terms],
            "status": [_STATUS[t.status] for t in terms],
            "type": [_TYPE[t.type] for t in terms],
            "part_of_speech": [_PART_OF_SPEECH[t.part_of_speech] for t in terms],
            "gender": [_GENDER[t.gender] for t in terms],
            "note": [t.note for t in terms],
        }
    if config == "concepts":
        found = list(_sections(glossary, languages))
        preferred = [section.preferred for _, _, section in found]
        return {
            "concept_id": [concept.id for concept, _, _ in found],
            "language": [code for _, code, _ in found],
            "preferred_term": [t.text if t else None for t in preferred],
            "definition": [section.definition for _, _, section in found],
            "subject_field": [concept.subject_field for concept, _, _ in found],
            "broader": [concept.broader for concept, _, _ in found],
            "part_of": [concept.part_of for concept, _, _ in found],
            "related": [concept.related for concept, _, _ in found],
            "notes": [section.notes for _, _, section in found],
            "concept_notes": [concept.notes for concept, _, _ in found],
        }
    if config == "translation":
        ids, units = [], []
        texts: dict[str, list[str | None]] = {code: [] for code in languages}
        for concept in glossary:
            sections = concept.languages
            if SOURCE_LANGUAGE not in sections:
                continue
            units_of = {code: _unit_texts(sections.get(code)) for code in languages}
            wanted = [i for i, text in enumerate(units_of[SOURCE_LANGUAGE]) if text is not None]
            ids += [concept.id] * len(wanted)
            units += [UNITS[i] for i in wanted]
            for code in languages:
                texts[code] += [units_of[code][i] for i in wanted]
        return {"concept_id": ids, "unit": units, "translation": texts}
    if config == "constraints":
        columns: dict[str, list[Any]] = {name: [] for name in _MEANINGS["constraints"]}
        pairs = [(src, tgt) for src in languages for tgt in languages if src != tgt]
        for concept in glossary:
            sections = concept.languages
            for src, tgt in pairs:
                source, target = sections.get(src), sections.get(tgt)
                if source is None or target is None:
                    continue
                src_term, tgt_term = source.preferred, target.preferred
                if src_term is None or tgt_term is None:
                    continue
                admitted = [t.text for t in target.terms_with(Status.ADMITTED)]
                columns["concept_id"].append(concept.id)
                columns["source_language"].append(src)
                columns["target_language"].append(tgt)
                columns["source_terms"].append(
                    [src_term.text] + [t.text for t in source.terms_with(Status.ADMITTED)]
                )
                columns["target_preferred"].append(tgt_term.text)
                columns["target_allowed"].append([tgt_term.text] + admitted)
                columns["target_forbidden"].append(
                    [t.text for t in target.terms_with(Status.DEPRECATED)]
                )
        return columns
    raise ValueError(f"unknown config {config!r}; the configs are {', '.join(CONFIGS)}")


def _utf8(values: list[Any], type_: pa.DataType) -> list[Any]:
    """A column's non-ASCII strings as UTF-8 bytes, which Arrow copies as they are.

    Given a ``str``, Arrow asks Python for its UTF-8 form, and Python keeps that
    form inside the string for as long as the string lives: every non-English
    text of the glossary would stay in memory twice.
    """
    if pa.types.is_string(type_):
        return [v.encode() if v is not None and not v.isascii() else v for v in values]
    if pa.types.is_list(type_) and pa.types.is_string(type_.value_type):
        return [[v.encode() if not v.isascii() else v for v in items] for items in values]
    return values


#: Concepts whose rows are converted to Arrow at a time: the Python lists of one
#: such slice are all that is ever held besides the table.
_CHUNK_CONCEPTS = 4096


def _source_columns(glossary: Glossary) -> dict[str, Any]:
    """The columns of the ``sources`` config, sorted by id."""
    found = [glossary.sources[key] for key in sorted(glossary.sources)]
    return {
        "source_id": [s.id for s in found],
        "title": [s.title for s in found],
        "language": [s.language for s in found],
        "kind": [s.kind for s in found],
        "origin": [s.origin for s in found],
    }


def _chunks(glossary: Glossary, config: str, languages: list[str]) -> Iterator[pa.Table]:
    """The table of ``config`` in slices of :data:`_CHUNK_CONCEPTS` concepts, each an
    Arrow table with the schema (and features metadata) of ``features()``.

    Only one slice's Python lists are held at a time; a concept's rows are in
    one slice.
    """
    schema = features(config, languages).arrow_schema
    concepts = list(glossary)
    parts: Iterable[dict[str, Any]] = (
        [_source_columns(glossary)]
        if config == "sources"
        else (
            _columns(concepts[start : start + _CHUNK_CONCEPTS], config, languages)
            for start in range(0, len(concepts), _CHUNK_CONCEPTS)
        )
    )
    for columns in parts:
        arrays = []
        for field in schema:
            values = columns.pop(field.name)  # each column's Python list is freed once converted
            if pa.types.is_struct(field.type):
                arrays.append(
                    pa.StructArray.from_arrays(
                        [
                            pa.array(_utf8(values.pop(sub.name), sub.type), sub.type)
                            for sub in field.type
                        ],
                        fields=list(field.type),
                    )
                )
            else:
                arrays.append(pa.array(_utf8(values, field.type), field.type))
        yield pa.Table.from_arrays(arrays, schema=schema)


def _table(glossary: Glossary, config: str, languages: list[str]) -> pa.Table:
    """The Arrow table of ``config``: its slices (:func:`_chunks`) joined without copying.

    The Parquet bytes are the same as from one contiguous table; ``nbytes``
    counts one offset more per slice.
    """
    chunks = list(_chunks(glossary, config, languages))
    if not chunks:
        return features(config, languages).arrow_schema.empty_table()
    return pa.concat_tables(chunks)


def tables(glossary: Glossary) -> dict[str, pa.Table]:
    """One Arrow table per config, typed and carrying its features as ``datasets`` stores them.

    >>> from glossary.model import Concept, Glossary, LangSection, Term
    >>> g = Glossary([Concept("kpo", languages={"en": LangSection("en", [Term("KPO")], "work")})])
    >>> {config: table.num_rows for config, table in tables(g).items()}
    {'terms': 1, 'concepts': 1, 'translation': 2, 'constraints': 0, 'sources': 0}
    """
    languages = glossary.languages
    if not languages:
        raise GlossaryError("the glossary has no language, so there is no dataset to write")
    return {config: _table(glossary, config, languages) for config in CONFIGS}


def rows(glossary: Glossary, config: str) -> list[dict[str, Any]]:
    """The rows of ``config`` as plain dicts (class labels as their names)."""
    languages = glossary.languages
    feats = features(config, languages)
    if not languages:
        return []
    out = _table(glossary, config, languages).to_pylist()
    labels = {name: feat.names for name, feat in feats.items() if isinstance(feat, ClassLabel)}
    for row in out:
        for name, names in labels.items():
            row[name] = names[row[name]]
    return out


def build_datasets(glossary: Glossary) -> dict[str, Dataset]:
    """One in-memory :class:`datasets.Dataset` per config, with explicit features."""
    return {
        config: Dataset(table, info=DatasetInfo(features=Features.from_arrow_schema(table.schema)))
        for config, table in tables(glossary).items()
    }


def data_file(config: str) -> str:
    """The Parquet file of ``config``, relative to the dataset folder (the Hub's layout).

    >>> data_file("terms")
    'terms/train-00000-of-00001.parquet'
    """
    return f"{config}/{SPLIT}-00000-of-00001.parquet"


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket for ``n`` rows.

    >>> size_category(999), size_category(1000), size_category(25_000)
    ('n<1K', '1K<n<10K', '10K<n<100K')
    """
    for bound, label in _SIZES:
        if n < bound:
            return label
    return "n>1T"


def hub_language(code: str) -> str:
    """A gettext locale code as the BCP 47 tag the Hub expects (``pt_BR`` -> ``pt-BR``).

    >>> hub_language("bg"), hub_language("sr_Latn")
    ('bg', 'sr-Latn')
    """
    return code.replace("_", "-")


def _year() -> str | None:
    from .. import source_date

    return source_date("%Y")


def citation(version: str, year: str | None = None) -> str:
    """The BibTeX entry of the dataset; a ``year`` field only when ``year`` is given.

    >>> print(citation("1.0"))  # doctest: +NORMALIZE_WHITESPACE
    @misc{bpo_kpo_glossary,
      title = {{BPO-KPO Glossary}: multilingual outsourcing terminology},
      author = {{bpo-kpo-glossary contributors}},
      howpublished = {bpo-kpo-glossary, Hugging Face dataset export},
      note = {Version 1.0. Data licensed under CC BY 4.0}
    }
    """
    fields = [
        ("title", "{BPO-KPO Glossary}: multilingual outsourcing terminology"),
        ("author", "{bpo-kpo-glossary contributors}"),
        ("howpublished", "bpo-kpo-glossary, Hugging Face dataset export"),
        ("note", f"Version {version}. Data licensed under CC BY 4.0"),
    ]
    if year:
        fields.append(("year", year))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{bpo_kpo_glossary,\n{body}\n}}"


def _type_label(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return "class label: " + ", ".join(
            f"{i} = `{name}`" for i, name in enumerate(feature.names)
        )
    if isinstance(feature, Translation):
        return "translation: one string (or null) per language code: " + ", ".join(
            f"`{code}`" for code in sorted(feature.languages)
        )
    if isinstance(feature, List):
        return f"list of {feature.feature.dtype}s"
    return feature.dtype


def _example_index(table: pa.Table, config: str, focus: tuple[str, str] | None) -> int:
    """The row the card shows: the one about the focus concept (and language), else the first."""
    return _example_row(table, config, focus) or 0


def _example_row(table: pa.Table, config: str, focus: tuple[str, str] | None) -> int | None:
    """The row about the focus concept (and language) that the card shows, or None when
    ``table`` has none."""
    if focus is None or not table.num_rows or "concept_id" not in table.column_names:
        return None
    concept_id, code = focus
    start = pc.index(table.column("concept_id"), concept_id).as_py()
    if start < 0:
        return None
    deprecated = list(Status).index(Status.DEPRECATED)
    # A concept's rows are consecutive: read them in small slices from the first one on.
    for offset in range(start, table.num_rows, 64):
        for i, row in enumerate(table.slice(offset, 64).to_pylist(), offset):
            if row["concept_id"] != concept_id:
                return None
            if config == "terms" and row["status"] == deprecated and row["language"] == code:
                return i
            if config == "concepts" and row["language"] == code:
                return i
            if config == "translation" and row["unit"] == "term":
                return i
            if (
                config == "constraints"
                and row["target_language"] == code
                and row["target_forbidden"]
            ):
                return i
    return None


def _focus(glossary: Glossary) -> tuple[str, str] | None:
    """The first deprecated term outside the source language (else any), as the card's example."""
    found = None
    for concept, code, section in _sections(glossary):
        if section.terms_with(Status.DEPRECATED):
            if code != SOURCE_LANGUAGE:
                return concept.id, code
            found = found or (concept.id, code)
    return found


def _articles(glossary: Glossary) -> list[str]:
    """The articles the glossary was drawn from, as the card names them: id and title."""
    return [
        f"[{source.id}] {source.title} ({source.language})"
        for _, source in sorted(glossary.sources.items())
        if source.kind == "article"
    ]


class TableFacts(NamedTuple):
    """What the card says of one config's table, so the table itself can be freed."""

    schema: pa.Schema
    num_rows: int
    nbytes: int
    example: dict[str, Any] | None  # the row the card shows

    @classmethod
    def of(cls, table: pa.Table, config: str, focus: tuple[str, str] | None) -> TableFacts:
        index = _example_index(table, config, focus)
        example = table.slice(index, 1).to_pylist()[0] if table.num_rows else None
        return cls(table.schema, table.num_rows, table.nbytes, example)


def render_card(
    glossary: Glossary,
    built: Mapping[str, pa.Table | TableFacts],
    file_sizes: dict[str, int] | None = None,
) -> str:
    """The text of ``README.md``: YAML header (from ``datasets``) and prose (``card.md.j2``).

    ``built`` holds the table of each config, as :func:`tables` makes them, or its
    :class:`TableFacts`.
    """
    languages = glossary.languages
    file_sizes = file_sizes or {}
    if not all(isinstance(table, TableFacts) for table in built.values()):
        focus = _focus(glossary)
        built = {
            config: table if isinstance(table, TableFacts) else TableFacts.of(table, config, focus)
            for config, table in built.items()
        }
    feats = {config: Features.from_arrow_schema(table.schema) for config, table in built.items()}
    largest = max(table.num_rows for table in built.values())
    card_data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        license="cc-by-4.0",
        language=[hub_language(code) for code in languages],
        multilinguality="multilingual" if len(languages) > 1 else "monolingual",
        size_categories=[size_category(largest)],
        source_datasets=["original"],
        task_categories=["translation"],
        tags=list(TAGS),
    )
    DatasetInfosDict(
        {
            config: DatasetInfo(
                config_name=config,
                features=feats[config],
                splits=SplitDict(
                    {
                        SPLIT: SplitInfo(
                            name=SPLIT, num_bytes=table.nbytes, num_examples=table.num_rows
                        )
                    }
                ),
                download_size=file_sizes.get(config, 0),
                dataset_size=table.nbytes,
            )
            for config, table in built.items()
        }
    ).to_dataset_card_data(card_data)
    MetadataConfigs(
        {
            config: {
                "data_files": [{"split": SPLIT, "path": data_file(config)}],
                **({"default": True} if config == DEFAULT_CONFIG else {}),
            }
            for config in CONFIGS
        }
    ).to_dataset_card_data(card_data)

    from ... import __version__
    from ...layout import language_name

    configs = []
    for config in CONFIGS:
        table, config_feats = built[config], feats[config]
        example = table.example
        labels = {
            name: feat.int2str(example[name])
            for name, feat in config_feats.items()
            if isinstance(feat, ClassLabel) and example is not None
        }
        configs.append(
            {
                "name": config,
                "default": config == DEFAULT_CONFIG,
                "path": data_file(config),
                "rows": table.num_rows,
                "example": json.dumps(example, ensure_ascii=False, indent=2) if example else "",
                "labels": labels,
                "fields": [
                    {"name": name, "type": _type_label(feat), "meaning": _MEANINGS[config][name]}
                    for name, feat in config_feats.items()
                ],
            }
        )
    counts = {code: [0, 0, 0] for code in languages}  # concepts, terms, deprecated terms
    for _, code, section in _sections(glossary, languages):
        count = counts[code]
        count[0] += 1
        count[1] += len(section.terms)
        count[2] += len(section.terms_with(Status.DEPRECATED))
    per_language = []
    for code in languages:
        try:
            name = language_name(code)
        except ValueError:
            name = code
        per_language.append(
            {
                "code": code,
                "name": name,
                "concepts": counts[code][0],
                "terms": counts[code][1],
                "deprecated": counts[code][2],
            }
        )
    articles = _articles(glossary)

    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    text = template.render(
        card_data=card_data.to_yaml(),
        pretty_name=PRETTY_NAME,
        concepts=len(glossary),
        languages=per_language,
        source_language=SOURCE_LANGUAGE,
        configs=configs,
        default_config=DEFAULT_CONFIG,
        split=SPLIT,
        units=UNITS,
        articles=articles,
        deprecated=sum(lang["deprecated"] for lang in per_language),
        terms=sum(lang["terms"] for lang in per_language),
        citation=citation(__version__, _year()),
    )
    DatasetCard(text)  # the Hub's parser must accept the header
    return text


def _parquet_writer(path: str | os.PathLike[str], schema: pa.Schema) -> pq.ParquetWriter:
    """A writer with the settings of ``Dataset.to_parquet``: the schema with the features
    metadata, snappy and dictionary encoding, content-defined chunking, a page index."""
    return pq.ParquetWriter(
        str(path),
        schema=schema,
        compression="snappy",
        use_dictionary=True,
        write_page_index=True,
        use_content_defined_chunking=_CDC_OPTIONS,
    )


def _row_groups(chunks: Iterable[pa.Table]) -> Iterator[pa.Table]:
    """The rows of ``chunks`` regrouped into tables of :data:`_ROW_GROUP_ROWS` rows (the
    last one shorter), holding no more than one row group's rows at a time."""
    held: list[pa.Table] = []
    rows = 0
    for chunk in chunks:
        held.append(chunk)
        rows += chunk.num_rows
        while rows >= _ROW_GROUP_ROWS:
            joined = pa.concat_tables(held)
            yield joined.slice(0, _ROW_GROUP_ROWS)
            rest = joined.slice(_ROW_GROUP_ROWS)
            held, rows = [rest], rest.num_rows
    if rows:
        yield pa.concat_tables(held)


def write_parquet(table: pa.Table, path: str | os.PathLike[str]) -> None:
    """Write ``table`` as the dataset's files are written (see :func:`_parquet_writer`)."""
    _write_config([table], table.schema, Path(path), "", None)


def _write_config(
    chunks: Iterable[pa.Table], schema: pa.Schema, path: Path, config: str, focus
) -> TableFacts:
    """Write the slices of a config's table as they come, in row groups of
    :data:`_ROW_GROUP_ROWS` rows, so the whole table is never in memory; return what
    the card says of it."""
    num_rows = nbytes = 0
    first: dict[str, Any] | None = None
    example: dict[str, Any] | None = None

    def noted(chunks: Iterable[pa.Table]) -> Iterator[pa.Table]:
        nonlocal num_rows, nbytes, first, example
        for chunk in chunks:
            if first is None and chunk.num_rows:
                first = chunk.slice(0, 1).to_pylist()[0]
            if example is None:
                index = _example_row(chunk, config, focus)
                if index is not None:
                    example = chunk.slice(index, 1).to_pylist()[0]
            num_rows += chunk.num_rows
            nbytes += chunk.nbytes
            yield chunk

    with _parquet_writer(path, schema) as writer:
        for group in _row_groups(noted(chunks)):
            # contiguous arrays: the content-defined pages must not depend on the slicing
            writer.write_table(group.combine_chunks(), row_group_size=_ROW_GROUP_ROWS)
        writer.add_key_value_metadata({"content_defined_chunking": json.dumps(_CDC_OPTIONS)})
    return TableFacts(schema, num_rows, nbytes, example or first)


def write_dataset(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write the dataset folder (card and one Parquet file per config) into ``out_dir``.

    Returns the number of concepts and languages and the rows of each config.
    """
    out = Path(out_dir)
    languages = glossary.languages
    if not languages:
        raise GlossaryError("the glossary has no language, so there is no dataset to write")
    focus = _focus(glossary)
    built: dict[str, TableFacts] = {}
    sizes = {}
    for config in CONFIGS:  # one slice of one table at a time is in memory
        path = out / data_file(config)
        path.parent.mkdir(parents=True, exist_ok=True)
        schema = features(config, languages).arrow_schema
        built[config] = _write_config(
            _chunks(glossary, config, languages), schema, path, config, focus
        )
        sizes[config] = path.stat().st_size
    card = render_card(glossary, built, sizes)
    with open(out / "README.md", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(card)
    counts = {"concepts": len(glossary), "languages": len(glossary.languages)}
    counts.update({f"{config} rows": facts.num_rows for config, facts in built.items()})
    return counts


def problems(glossary: Glossary) -> Iterator[Finding]:
    """Nothing in a checked glossary that this format cannot carry."""
    return iter(())


write = write_dataset
