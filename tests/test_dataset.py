"""The Hugging Face dataset export: Parquet configs, the card, offline loading."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import socket
from pathlib import Path

import datasets
import pytest
import yaml
from datasets import ClassLabel, List, Translation, Value
from format_contract import FormatContract
from huggingface_hub import DatasetCard

from glossary.formats.dataset import (
    CONFIGS,
    DEFAULT_CONFIG,
    SPLIT,
    build_datasets,
    data_file,
    hub_language,
    render_card,
    size_category,
    tables,
    write_dataset,
)
from glossary.model import SOURCE_LANGUAGE, Glossary, GlossaryError, Status, TermType

REQUIRED_KEYS = {
    "pretty_name",
    "license",
    "language",
    "task_categories",
    "tags",
    "size_categories",
    "configs",
    "dataset_info",
}


@contextlib.contextmanager
def no_network():
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket.socket, "connect_ex", refuse)
        mp.setattr(socket, "create_connection", refuse)
        yield


def load_all(folder: Path, cache: Path) -> dict[str, datasets.Dataset]:
    with no_network():
        return {
            config: datasets.load_dataset(str(folder), config, split=SPLIT, cache_dir=str(cache))
            for config in CONFIGS
        }


def card_header(folder: Path) -> dict:
    text = (folder / "README.md").read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, "README.md does not start with a YAML header"
    return yaml.safe_load(match.group(1))


def source_units(glossary: Glossary) -> int:
    """Term, admitted abbreviation and definition units of the source language."""
    count = 0
    for concept in glossary:
        source = concept.languages.get(SOURCE_LANGUAGE)
        if source is None:
            continue
        count += source.preferred is not None
        count += any(
            t.status is Status.ADMITTED and t.type in (TermType.ACRONYM, TermType.ABBREVIATION)
            for t in source.terms
        )
        count += bool(source.definition)
    return count


@pytest.fixture(scope="module")
def built(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "dataset"
    counts = write_dataset(shipped, out)
    return out, counts


@pytest.fixture(scope="module")
def loaded(built, tmp_path_factory):
    return load_all(built[0], tmp_path_factory.mktemp("hf-cache"))


def test_layout_and_counts(shipped, built):
    out, counts = built
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        ["README.md"] + [data_file(c) for c in CONFIGS]
    )
    assert counts["concepts"] == len(shipped)
    assert counts["languages"] == len(shipped.languages)


def test_row_counts_match_the_model(shipped, built, loaded):
    expected = {
        "terms": sum(len(s.terms) for c in shipped for s in c.languages.values()),
        "concepts": sum(len(c.languages) for c in shipped),
        "translation": source_units(shipped),
        "sources": len(shipped.sources),
        "constraints": sum(
            1
            for c in shipped
            for src in shipped.languages
            for tgt in shipped.languages
            if src != tgt and c.preferred(src) and c.preferred(tgt)
        ),
    }
    assert {c: len(loaded[c]) for c in CONFIGS} == expected
    assert {c: built[1][f"{c} rows"] for c in CONFIGS} == expected


def test_loaded_features_are_typed(shipped, loaded):
    terms = loaded["terms"].features
    assert isinstance(terms["status"], ClassLabel)
    assert terms["status"].names == ["preferred", "admitted", "deprecated"]
    assert isinstance(terms["type"], ClassLabel)
    assert terms["type"].names == [t.value for t in TermType]
    assert terms["gender"] == Value("string")
    concepts = loaded["concepts"].features
    for name in ("broader", "related", "notes", "concept_notes"):
        assert concepts[name] == List(Value("string"))
    translation = loaded["translation"].features["translation"]
    assert isinstance(translation, Translation)
    assert translation.languages == shipped.languages


def test_a_deprecated_term_is_marked_deprecated(shipped, loaded):
    concept, code, term = next(
        (c, code, t)
        for c in shipped
        for code, s in c.languages.items()
        for t in s.terms
        if t.status is Status.DEPRECATED
    )
    terms = loaded["terms"]
    found = [
        row
        for row in terms
        if (row["concept_id"], row["language"], row["term"]) == (concept.id, code, term.text)
    ]
    assert len(found) == 1
    assert terms.features["status"].int2str(found[0]["status"]) == "deprecated"
    assert found[0]["note"] == term.note


def test_rows_follow_the_model(shipped, loaded):
    concept = next(iter(shipped))
    concept_rows = [r for r in loaded["concepts"] if r["concept_id"] == concept.id]
    assert [r["language"] for r in concept_rows] == [
        c for c in shipped.languages if c in concept.languages
    ]
    for row in concept_rows:
        section = concept.languages[row["language"]]
        assert row["definition"] == section.definition
        assert row["preferred_term"] == section.preferred.text
        assert row["notes"] == section.notes
        assert row["broader"] == concept.broader
    term_unit = next(
        r for r in loaded["translation"] if r["concept_id"] == concept.id and r["unit"] == "term"
    )
    assert term_unit["translation"] == {code: concept.preferred(code) for code in shipped.languages}


def test_card_header(shipped, built, loaded):
    out = built[0]
    header = card_header(out)
    assert set(header) >= REQUIRED_KEYS
    assert header["license"] == "cc-by-4.0"
    assert header["language"] == [hub_language(code) for code in shipped.languages]
    assert header["task_categories"] == ["translation"]
    assert {"terminology", "glossary", "bpo", "kpo", "tbx"} <= set(header["tags"])
    assert header["size_categories"] == [size_category(max(len(ds) for ds in loaded.values()))]
    configs = {c["config_name"]: c for c in header["configs"]}
    assert set(configs) == set(CONFIGS)
    assert [name for name, c in configs.items() if c.get("default")] == [DEFAULT_CONFIG]
    for config in configs.values():
        for entry in config["data_files"]:
            assert entry["split"] == SPLIT
            assert (out / entry["path"]).is_file(), entry
    infos = {info["config_name"]: info for info in header["dataset_info"]}
    assert set(infos) == set(CONFIGS)
    for name, info in infos.items():
        assert datasets.Features._from_yaml_list(info["features"]) == loaded[name].features
        assert info["splits"] == [
            {"name": SPLIT, "num_bytes": info["dataset_size"], "num_examples": len(loaded[name])}
        ]
    # the Hub's own parser reads the same header
    card = DatasetCard.load(out / "README.md")
    assert card.data.license == "cc-by-4.0"


def test_card_examples_are_real_rows(built, loaded):
    text = (built[0] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)\n```", text, re.S)
    assert len(blocks) == len(CONFIGS)
    for config, block in zip(CONFIGS, blocks, strict=False):
        example = json.loads(block)
        assert example in list(loaded[config]), f"{config}: the card's example is not a row"
        for name in loaded[config].features:
            assert f"| `{name}` |" in text, f"{config}.{name} is not explained in the card"
    assert 'load_dataset("path/to/dataset", "terms"' in text


def test_citation_has_a_year_only_with_source_date_epoch(shipped, monkeypatch):
    built = tables(shipped)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bibtex = re.search(r"```bibtex\n(.*?)```", render_card(shipped, built), re.S).group(1)
    assert bibtex.startswith("@misc{") and "year" not in bibtex
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    bibtex = re.search(r"```bibtex\n(.*?)```", render_card(shipped, built), re.S).group(1)
    assert "year = {2026}" in bibtex
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(GlossaryError, match="SOURCE_DATE_EPOCH"):
        render_card(shipped, built)


def test_two_builds_are_byte_identical(shipped, built, tmp_path):
    first, _ = built
    second = tmp_path / "again"
    write_dataset(shipped, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_parquet_files_hold_what_datasets_writes(shipped, built, tmp_path):
    """The same table, schema and features as ``Dataset.to_parquet`` gives. Compared by
    what the files hold, not byte for byte: a datasets release may change its
    writer's settings (chunking, page index) without changing the data."""
    import pyarrow.parquet as pq

    for config, ds in build_datasets(shipped).items():
        path = tmp_path / f"{config}.parquet"
        ds.to_parquet(str(path))
        theirs, ours = pq.read_table(path), pq.read_table(built[0] / data_file(config))
        assert ours.schema.equals(theirs.schema, check_metadata=True), config
        assert ours.equals(theirs), config


def test_converting_in_slices_changes_no_byte(shipped, built, tmp_path, monkeypatch):
    import glossary.formats.dataset as dataset

    size = next(n for n in range(5, 20) if len(shipped) % n)  # the last slice is short
    monkeypatch.setattr(dataset, "_CHUNK_CONCEPTS", size)
    sliced = tmp_path / "sliced"
    write_dataset(shipped, sliced)
    for config in CONFIGS:
        assert (sliced / data_file(config)).read_bytes() == (
            built[0] / data_file(config)
        ).read_bytes(), config
    # the card is the same but for the in-memory size, which counts each slice's offsets

    def card(folder):
        return re.sub(
            r"(num_bytes|dataset_size): \d+",
            r"\1: N",
            (folder / "README.md").read_text(encoding="utf-8"),
        )

    assert card(sliced) == card(built[0])


def test_row_groups_do_not_depend_on_the_slicing(shipped, tmp_path, monkeypatch):
    """A large glossary is written in several row groups, a slice of concepts at a
    time; the files are the same whatever the slices."""
    import pyarrow.parquet as pq

    import glossary.formats.dataset as dataset

    monkeypatch.setattr(dataset, "_ROW_GROUP_ROWS", 37)
    written = {}
    for size in (7, 16, 1000):
        monkeypatch.setattr(dataset, "_CHUNK_CONCEPTS", size)
        write_dataset(shipped, tmp_path / str(size))
        written[size] = {c: (tmp_path / str(size) / data_file(c)).read_bytes() for c in CONFIGS}
    assert written[7] == written[16] == written[1000]
    terms = pq.ParquetFile(tmp_path / "7" / data_file("terms")).metadata
    assert terms.num_row_groups > 2 and terms.row_group(0).num_rows == 37


def test_a_new_locale_appears_everywhere(shipped, tmp_path):
    glossary = copy.deepcopy(shipped)
    new = next(code for code in ("fr", "it", "es", "nl", "sv") if code not in glossary.languages)
    model = glossary.languages[-1]
    for concept in glossary:
        if model in concept.languages:
            section = copy.deepcopy(concept.languages[model])
            section.lang = new
            concept.languages[new] = section
    assert new in glossary.languages and new not in shipped.languages

    out = tmp_path / "dataset"
    write_dataset(glossary, out)
    loaded = load_all(out, tmp_path / "cache")
    copies = sum(1 for c in glossary if new in c.languages)
    assert sum(1 for r in loaded["concepts"] if r["language"] == new) == copies
    assert sum(1 for r in loaded["terms"] if r["language"] == new) == sum(
        1 for r in loaded["terms"] if r["language"] == model
    )
    assert new in loaded["translation"].features["translation"].languages
    for row in loaded["translation"]:
        assert row["translation"][new] == row["translation"][model]
    assert hub_language(new) in card_header(out)["language"]


def test_an_empty_glossary_is_refused(tmp_path):
    with pytest.raises(GlossaryError, match="no language"):
        write_dataset(Glossary(), tmp_path / "dataset")


def test_the_sources_config_lists_every_cited_source_with_its_title(shipped, loaded):
    sources = loaded["sources"]
    assert sources.features["title"].dtype == "string"
    by_id = {row["source_id"]: row for row in sources}
    assert set(by_id) == set(shipped.sources)
    for source_id, source in shipped.sources.items():
        assert by_id[source_id]["title"] == source.title


def test_relations_keep_their_kind(shipped, loaded):
    rows = {row["concept_id"]: row for row in loaded["concepts"] if row["language"] == "en"}
    assert any(row["part_of"] for row in rows.values())
    for concept in shipped:
        row = rows[concept.id]
        assert (row["broader"], row["part_of"], row["related"]) == (
            concept.broader,
            concept.part_of,
            concept.related,
        )


def test_constraints_rows_say_what_to_use_and_what_never_to_produce(shipped, loaded):
    rows = loaded["constraints"]
    features = rows.features
    for name in ("source_terms", "target_allowed", "target_forbidden"):
        assert isinstance(features[name], List) and features[name].feature.dtype == "string"
    assert features["target_preferred"].dtype == "string"
    pairs = {(r["source_language"], r["target_language"]) for r in rows}
    languages = shipped.languages
    assert pairs == {(s, t) for s in languages for t in languages if s != t}
    forbidden = 0
    for row in rows:
        concept = shipped.get(row["concept_id"])
        source = concept.languages[row["source_language"]]
        target = concept.languages[row["target_language"]]
        assert row["source_terms"] == [source.preferred.text] + [
            t.text for t in source.terms_with(Status.ADMITTED)
        ]
        assert row["target_preferred"] == target.preferred.text
        assert row["target_allowed"] == [target.preferred.text] + [
            t.text for t in target.terms_with(Status.ADMITTED)
        ]
        assert row["target_forbidden"] == [t.text for t in target.terms_with(Status.DEPRECATED)]
        assert not set(row["target_forbidden"]) & set(row["target_allowed"])
        forbidden += bool(row["target_forbidden"])
    assert forbidden, "the shipped glossary has deprecated terms in every language"


class TestContract(FormatContract):
    name = "dataset/"  # read back with datasets.load_dataset in the tests above
