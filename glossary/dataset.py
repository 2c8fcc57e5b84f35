"""Export the glossary as a Hugging Face dataset folder, ready for the Hub.

``write_dataset(glossary, out_dir)`` writes::

    out_dir/README.md                                  the dataset card
    out_dir/terms/train-00000-of-00001.parquet         config ``terms`` (the default)
    out_dir/concepts/train-00000-of-00001.parquet      config ``concepts``
    out_dir/translation/train-00000-of-00001.parquet   config ``translation``

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
``broader``        ``Concept.broader``                    list of concept ids
``related``        ``Concept.related``                    list of concept ids
``notes``          ``LangSection.notes``                  list of strings, in this language
``concept_notes``  ``Concept.notes``                      list of strings, language-independent
=================  =====================================  ========================================

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

import contextlib
import json
import os
import re
import time
from pathlib import Path
from typing import Any, Iterator

import datasets
import jinja2
from datasets import ClassLabel, Dataset, Features, List, Translation, Value
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from .model import (
    SOURCE_LANGUAGE, Glossary, GlossaryError, LangSection, PartOfSpeech, Status, TermType,
)

__all__ = ["write_dataset", "rows", "features", "build_datasets", "render_card",
           "size_category", "data_file", "hub_language", "citation",
           "CONFIGS", "DEFAULT_CONFIG", "SPLIT", "UNITS"]

#: The configs, in the order the card describes them; the first is the default.
CONFIGS = ("terms", "concepts", "translation")
DEFAULT_CONFIG = CONFIGS[0]
#: Every config has this one split.
SPLIT = "train"
#: The translatable units of the ``translation`` config, in row order.
UNITS = ("term", "abbreviation", "definition")

PRETTY_NAME = "BPO-KPO Glossary: multilingual outsourcing terminology"
TAGS = ["terminology", "glossary", "termbase", "outsourcing", "bpo", "kpo", "tbx", "gettext"]
TEMPLATE = Path(__file__).with_name("card.md.j2")

# The Hub's size buckets: (upper bound, exclusive; label).
_SIZES = [(10**3, "n<1K"), (10**4, "1K<n<10K"), (10**5, "10K<n<100K"), (10**6, "100K<n<1M"),
          (10**7, "1M<n<10M"), (10**8, "10M<n<100M"), (10**9, "100M<n<1B"),
          (10**10, "1B<n<10B"), (10**11, "10B<n<100B"), (10**12, "100B<n<1T")]

_ARTICLE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")

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
        "broader": "Ids of broader concepts.",
        "related": "Ids of related concepts.",
        "notes": "Notes in this language: usage, differences between languages and claims "
                 "of the source articles, attributed to the article by file name.",
        "concept_notes": "Notes on the concept that hold for every language (in English).",
    },
    "translation": {
        "concept_id": "Id of the concept. Joins with `terms` and `concepts`.",
        "unit": "What is translated: `term` (the preferred term), `abbreviation` (the "
                "admitted acronym or abbreviation) or `definition`.",
        "translation": "The unit's text in every language of the glossary, keyed by language "
                       "code; null where a language does not have it.",
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
        return Features({
            "concept_id": string,
            "language": string,
            "term": string,
            "status": ClassLabel(names=[s.value for s in Status]),
            "type": ClassLabel(names=[t.value for t in TermType]),
            "part_of_speech": ClassLabel(names=[p.value for p in PartOfSpeech]),
            "gender": string,
            "note": string,
        })
    if config == "concepts":
        return Features({
            "concept_id": string,
            "language": string,
            "preferred_term": string,
            "definition": string,
            "subject_field": string,
            "broader": List(string),
            "related": List(string),
            "notes": List(string),
            "concept_notes": List(string),
        })
    if config == "translation":
        return Features({
            "concept_id": string,
            "unit": string,
            "translation": Translation(languages=list(languages)),
        })
    raise ValueError(f"unknown config {config!r}; the configs are {', '.join(CONFIGS)}")


def _unit_text(section: LangSection | None, unit: str) -> str | None:
    if section is None:
        return None
    if unit == "term":
        return section.preferred.text if section.preferred else None
    if unit == "abbreviation":
        term = section.abbreviation
        return term.text if term else None
    return section.definition or None


def _sections(glossary: Glossary) -> Iterator[tuple[Any, str, LangSection]]:
    languages = glossary.languages
    for concept in glossary:
        for code in languages:
            section = concept.languages.get(code)
            if section is not None:
                yield concept, code, section


def rows(glossary: Glossary, config: str) -> list[dict[str, Any]]:
    """The rows of ``config`` as plain dicts (class labels as their names)."""
    if config == "terms":
        return [{"concept_id": concept.id, "language": code, "term": term.text,
                 "status": term.status.value, "type": term.type.value,
                 "part_of_speech": term.part_of_speech.value,
                 "gender": term.gender.value if term.gender else None,
                 "note": term.note}
                for concept, code, section in _sections(glossary) for term in section.terms]
    if config == "concepts":
        return [{"concept_id": concept.id, "language": code,
                 "preferred_term": section.preferred.text if section.preferred else None,
                 "definition": section.definition, "subject_field": concept.subject_field,
                 "broader": list(concept.broader), "related": list(concept.related),
                 "notes": list(section.notes), "concept_notes": list(concept.notes)}
                for concept, code, section in _sections(glossary)]
    if config == "translation":
        languages = glossary.languages
        out = []
        for concept in glossary:
            source = concept.languages.get(SOURCE_LANGUAGE)
            for unit in UNITS:
                if _unit_text(source, unit) is None:
                    continue
                out.append({"concept_id": concept.id, "unit": unit, "translation": {
                    code: _unit_text(concept.languages.get(code), unit) for code in languages}})
        return out
    raise ValueError(f"unknown config {config!r}; the configs are {', '.join(CONFIGS)}")


def build_datasets(glossary: Glossary) -> dict[str, Dataset]:
    """One in-memory :class:`datasets.Dataset` per config, with explicit features."""
    languages = glossary.languages
    if not languages:
        raise GlossaryError("the glossary has no language, so there is no dataset to write")
    out = {}
    for config in CONFIGS:
        feats = features(config, languages)
        data = rows(glossary, config)
        out[config] = Dataset.from_dict({name: [row[name] for row in data] for name in feats},
                                        features=feats)
    return out


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
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return time.strftime("%Y", time.gmtime(int(epoch)))
    except (ValueError, OverflowError):
        raise GlossaryError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds "
                            "since 1970-01-01 UTC") from None


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
    fields = [("title", "{BPO-KPO Glossary}: multilingual outsourcing terminology"),
              ("author", "{bpo-kpo-glossary contributors}"),
              ("howpublished", "bpo-kpo-glossary, Hugging Face dataset export"),
              ("note", f"Version {version}. Data licensed under CC BY 4.0")]
    if year:
        fields.append(("year", year))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{bpo_kpo_glossary,\n{body}\n}}"


def _type_label(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return "class label: " + ", ".join(f"{i} = `{name}`" for i, name in enumerate(feature.names))
    if isinstance(feature, Translation):
        return "translation: one string (or null) per language code: " + ", ".join(
            f"`{code}`" for code in sorted(feature.languages))
    if isinstance(feature, List):
        return f"list of {feature.feature.dtype}s"
    return feature.dtype


def _example_index(table: list[dict[str, Any]], config: str,
                   focus: tuple[str, str] | None) -> int:
    """The row the card shows: the one about the focus concept (and language), else the first."""
    if focus is not None:
        concept_id, code = focus
        for i, row in enumerate(table):
            if row["concept_id"] != concept_id:
                continue
            if config == "terms" and row["status"] == Status.DEPRECATED.value and row["language"] == code:
                return i
            if config == "concepts" and row["language"] == code:
                return i
            if config == "translation" and row["unit"] == "term":
                return i
    return 0


def _focus(glossary: Glossary) -> tuple[str, str] | None:
    """The first deprecated term outside the source language (else any), as the card's example."""
    found = None
    for concept, code, section in _sections(glossary):
        if section.terms_with(Status.DEPRECATED):
            if code != SOURCE_LANGUAGE:
                return concept.id, code
            found = found or (concept.id, code)
    return found


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No ``datasets`` progress bars while writing (the build prints its own counts)."""
    from datasets.utils import (
        are_progress_bars_disabled, disable_progress_bars, enable_progress_bars,
    )
    if are_progress_bars_disabled() or datasets.config.HF_DATASETS_DISABLE_PROGRESS_BARS is False:
        yield
        return
    disable_progress_bars()
    try:
        yield
    finally:
        enable_progress_bars()


def render_card(glossary: Glossary, built: dict[str, Dataset],
                file_sizes: dict[str, int] | None = None) -> str:
    """The text of ``README.md``: YAML header (from ``datasets``) and prose (``card.md.j2``)."""
    languages = glossary.languages
    file_sizes = file_sizes or {}
    largest = max(len(ds) for ds in built.values())
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
    DatasetInfosDict({
        config: DatasetInfo(
            config_name=config, features=ds.features,
            splits=SplitDict({SPLIT: SplitInfo(name=SPLIT, num_bytes=ds.data.nbytes,
                                               num_examples=len(ds))}),
            download_size=file_sizes.get(config, 0), dataset_size=ds.data.nbytes)
        for config, ds in built.items()
    }).to_dataset_card_data(card_data)
    MetadataConfigs({
        config: {"data_files": [{"split": SPLIT, "path": data_file(config)}],
                 **({"default": True} if config == DEFAULT_CONFIG else {})}
        for config in CONFIGS
    }).to_dataset_card_data(card_data)

    from . import __version__
    from .locales import language_name
    focus = _focus(glossary)
    configs = []
    for config in CONFIGS:
        ds = built[config]
        index = _example_index(rows(glossary, config), config, focus)
        example = ds[index] if len(ds) else None
        labels = {name: feat.int2str(example[name]) for name, feat in ds.features.items()
                  if isinstance(feat, ClassLabel) and example is not None}
        configs.append({
            "name": config, "default": config == DEFAULT_CONFIG, "path": data_file(config),
            "rows": len(ds),
            "example": json.dumps(example, ensure_ascii=False, indent=2) if example else "",
            "labels": labels,
            "fields": [{"name": name, "type": _type_label(feat), "meaning": _MEANINGS[config][name]}
                       for name, feat in ds.features.items()],
        })
    per_language = []
    for code in languages:
        sections = [c.languages[code] for c in glossary if code in c.languages]
        try:
            name = language_name(code)
        except ValueError:
            name = code
        per_language.append({
            "code": code, "name": name, "concepts": len(sections),
            "terms": sum(len(s.terms) for s in sections),
            "deprecated": sum(len(s.terms_with(Status.DEPRECATED)) for s in sections),
        })
    texts = [text for concept in glossary for text in concept.notes] + [
        text for _, _, section in _sections(glossary)
        for text in section.notes + [t.note for t in section.terms]]
    articles = sorted({name for text in texts for name in _ARTICLE.findall(text)})

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    text = template.render(
        card_data=card_data.to_yaml(), pretty_name=PRETTY_NAME,
        concepts=len(glossary), languages=per_language, source_language=SOURCE_LANGUAGE,
        configs=configs, default_config=DEFAULT_CONFIG, split=SPLIT, units=UNITS,
        articles=articles, deprecated=sum(lang["deprecated"] for lang in per_language),
        terms=sum(lang["terms"] for lang in per_language),
        citation=citation(__version__, _year()),
    )
    DatasetCard(text)  # the Hub's parser must accept the header
    return text


def write_dataset(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write the dataset folder (card and one Parquet file per config) into ``out_dir``.

    Returns the number of concepts and languages and the rows of each config.
    """
    out = Path(out_dir)
    built = build_datasets(glossary)
    sizes = {}
    with _quiet():
        for config, ds in built.items():
            path = out / data_file(config)
            path.parent.mkdir(parents=True, exist_ok=True)
            ds.to_parquet(str(path))
            sizes[config] = path.stat().st_size
    card = render_card(glossary, built, sizes)
    with open(out / "README.md", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(card)
    counts = {"concepts": len(glossary), "languages": len(glossary.languages)}
    counts.update({f"{config} rows": len(ds) for config, ds in built.items()})
    return counts
