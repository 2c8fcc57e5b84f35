"""`glossary build`: every output, deterministic, atomic, and safe with the user's files."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import LOCALES, require_tool, run_cli, tree

from glossary import Glossary, LangSection, load
from glossary.build import MARKER, STEPS, build
from glossary.formats.po import write_po
from glossary.layout import catalog_path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "exports"
    lines: list[str] = []
    outputs = build(LOCALES, out, report=lines.append)
    return out, outputs, lines


def test_build_writes_every_output(built, shipped):
    out, outputs, _ = built
    for lang in shipped.languages:
        assert (out / "locale" / lang / "LC_MESSAGES" / "glossary.mo").stat().st_size > 0
    assert (out / "glossary.tbx").is_file() and (out / "glossary.csv").is_file()
    assert (out / "dataset" / "README.md").is_file()
    assert sorted(p.name for p in (out / "omegat").iterdir()) == sorted(
        f"en-{lang}.txt" for lang in shipped.languages if lang != "en"
    )
    assert (out / MARKER).is_file()
    assert [o.name for o in outputs] == [name for name, _ in STEPS]


def test_build_prints_one_line_per_output_with_counts_and_time(built):
    _, outputs, lines = built
    assert len(lines) == len(outputs) + 1
    for line in lines[:-1]:
        assert line.startswith("wrote exports/") and line.endswith(" s)")
        assert any(ch.isdigit() for ch in line.split(":", 1)[1])
    assert lines[-1].startswith("built ") and "concepts in" in lines[-1]
    times = re.search(r" in ([0-9.]+) s \(reading the catalogs ([0-9.]+) s\)", lines[-1])
    assert times, lines[-1]
    assert 0 <= float(times[2]) <= float(times[1])


def test_same_input_gives_byte_identical_output(built, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out, _, _ = built
    again = tmp_path / "again"
    build(LOCALES, again)
    assert tree(again) == tree(out)


def test_mo_holds_what_gnu_msgfmt_compiles(built, tmp_path, shipped):
    msgfmt = require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    msgunfmt = require_tool("msgunfmt", "GNU gettext: apt-get install gettext")
    out, _, _ = built
    for lang in shipped.languages:
        gnu = tmp_path / f"{lang}.mo"
        subprocess.run([msgfmt, "-o", str(gnu), str(catalog_path(LOCALES, lang))], check=True)
        ours = subprocess.run(
            [msgunfmt, str(out / "locale" / lang / "LC_MESSAGES" / "glossary.mo")],
            capture_output=True,
            check=True,
        ).stdout
        theirs = subprocess.run([msgunfmt, str(gnu)], capture_output=True, check=True).stdout
        assert ours == theirs, lang


def test_mo_leaves_out_fuzzy_and_untranslated_entries_like_msgfmt(locales, tmp_path):
    msgfmt = require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    msgunfmt = require_tool("msgunfmt", "GNU gettext: apt-get install gettext")
    import polib

    path = catalog_path(locales, "bg")
    catalog = polib.pofile(str(path), wrapwidth=0)
    next(e for e in catalog if e.msgctxt == "outsourcing.definition").flags.append("fuzzy")
    for entry in catalog:
        if entry.msgctxt.startswith("web_hosting."):
            entry.msgstr, entry.tcomment = "", ""
    catalog.save()
    build(locales, tmp_path / "exports", steps=[STEPS[0]])
    ours = subprocess.run(
        [msgunfmt, str(tmp_path / "exports/locale/bg/LC_MESSAGES/glossary.mo")],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run([msgfmt, "-o", str(tmp_path / "gnu.mo"), str(path)], check=True)
    theirs = subprocess.run(
        [msgunfmt, str(tmp_path / "gnu.mo")], capture_output=True, check=True
    ).stdout
    assert ours == theirs
    assert (
        b'msgctxt "outsourcing.definition"' not in ours
        and b'msgctxt "web_hosting.term"' not in ours
    )


def test_gnu_gettext_finds_the_same_string_as_python(built, shipped):
    gettext_bin = require_tool("gettext", "GNU gettext: apt-get install gettext")
    import gettext

    out, _, _ = built
    concept = shipped.get("knowledge_process_outsourcing")
    for lang in shipped.languages:
        python = gettext.translation("glossary", str(out / "locale"), languages=[lang]).pgettext(
            f"{concept.id}.term", concept.preferred("en")
        )
        env = dict(os.environ, LANGUAGE=lang, LC_ALL="C.UTF-8", TEXTDOMAINDIR=str(out / "locale"))
        gnu = subprocess.run(
            [gettext_bin, "-d", "glossary", "-c", f"{concept.id}.term", concept.preferred("en")],
            capture_output=True,
            text=True,
            env=env,
        )
        assert python == gnu.stdout == concept.preferred(lang), lang


def test_a_new_locale_appears_in_every_output(locales, tmp_path):
    glossary = load(locales)
    for concept in glossary:
        english = concept.languages["en"]
        concept.languages["fr"] = LangSection(
            "fr", [dataclasses.replace(t) for t in english.terms], english.definition + " (fr)"
        )
    glossary.metadata["fr"] = {}
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    write_po(glossary, "fr", catalog_path(locales, "fr"))
    out = tmp_path / "exports"
    build(locales, out)
    assert (out / "locale/fr/LC_MESSAGES/glossary.mo").is_file()
    assert 'xml:lang="fr"' in (out / "glossary.tbx").read_text(encoding="utf-8")
    assert "fr_term" in (out / "glossary.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert (out / "omegat/en-fr.txt").is_file()
    for other in glossary.languages:
        if other != "fr":
            for pair in (f"fr-{other}", f"{other}-fr"):
                assert (out / f"mt/deepl/{pair}.tsv").is_file()
                assert (out / f"mt/google/{pair}.tsv").is_file()
                assert (out / f"mt/constraints/{pair}.json").is_file()
    assert "fr" in (out / "mt/amazon/terminology.csv").read_text(encoding="utf-8").split("\n")[0]
    assert "- fr" in (out / "dataset/README.md").read_text(encoding="utf-8")


def _fake_step(name, fail=False):
    def step(glossary: Glossary, out: Path) -> dict[str, int]:
        if fail:
            raise OSError(28, "No space left on device")
        (out / name).write_text("x")
        return {"files": 1}

    return (name, step)


def test_a_failing_build_leaves_the_previous_output_exactly_as_it_was(tmp_path):
    out = tmp_path / "exports"
    build(LOCALES, out, steps=[STEPS[0]])
    before = tree(out)
    with pytest.raises(OSError):
        build(LOCALES, out, steps=[_fake_step("half"), _fake_step("full-disk", fail=True)])
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]  # no temporary folder left


def test_the_build_refuses_a_folder_it_did_not_make(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work")
    result = run_cli("build", "--locales", str(LOCALES), "--out", str(mine))
    assert result.code == 1 and "was not made by 'glossary build'" in result.err
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.txt"]
    here = run_cli("build", "--locales", str(LOCALES), "--out", ".", cwd=tmp_path)
    assert here.code == 1 and "refusing to replace" in here.err
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert run_cli("build", "--locales", str(LOCALES), "--out", str(a_file)).code == 1
    assert a_file.read_text() == "x"


def test_the_build_refuses_catalogs_with_errors_and_writes_nothing(locales, tmp_path):
    path = catalog_path(locales, "pl")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"Language: pl\\n"', '"Language: de\\n"'),
        encoding="utf-8",
    )
    out = tmp_path / "exports"
    result = run_cli("build", "--locales", str(locales), "--out", str(out))
    assert result.code == 1
    assert f"{path}:" in result.err and "contradicts the folder" in result.err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["locales"]


def test_default_output_folder_is_exports_not_dist(tmp_path):
    import shutil

    shutil.copytree(LOCALES, tmp_path / "locales")
    result = run_cli("build", cwd=tmp_path)  # the full build, as the quick start runs it
    assert result.code == 0, result.err
    assert (tmp_path / "exports" / MARKER).is_file() and not (tmp_path / "dist").exists()


def test_an_unwritable_output_folder_is_a_message_not_a_traceback(tmp_path):
    import os

    parent = tmp_path / "readonly"
    parent.mkdir()
    (parent / "file").write_text("x")
    target = parent / "file" / "exports"  # a path under a file cannot be created
    result = run_cli("build", "--locales", str(LOCALES), "--out", str(target))
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith("glossary: error: ") and str(parent / "file") in result.err
    assert os.listdir(parent) == ["file"]


def test_an_old_output_that_cannot_be_removed_is_a_warning_naming_it(tmp_path, monkeypatch):
    """The new output is in place; the old one, which could not be removed (a
    read-only folder inside it, on a file system that refuses), is named."""
    import shutil

    import glossary.build

    out = tmp_path / "exports"
    build(LOCALES, out, steps=[_fake_step("first")])
    real = shutil.rmtree

    def rmtree(path, ignore_errors=False, **kw):
        if ".old-" in Path(path).name:  # as when a subfolder cannot be emptied
            if not ignore_errors:
                raise PermissionError(13, "Permission denied", str(path))
            return None
        return real(path, ignore_errors=ignore_errors, **kw)

    monkeypatch.setattr(glossary.build.shutil, "rmtree", rmtree)
    lines: list[str] = []
    build(LOCALES, out, report=lines.append, steps=[_fake_step("second")])
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "second"])
    old = [p for p in tmp_path.iterdir() if p.name.startswith(".exports.old-")]
    assert len(old) == 1 and (old[0] / "first").is_file()
    warnings = [line for line in lines if line.startswith("warning:")]
    assert warnings == [
        f"warning: could not remove {old[0]} (an earlier output); remove it yourself"
    ]
    monkeypatch.setattr(glossary.build.shutil, "rmtree", real)
    build(LOCALES, out, report=lines.append, steps=[_fake_step("third")])  # cleared now
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]
