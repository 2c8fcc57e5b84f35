"""Builds that are killed or run at the same time.

A build writes into a temporary folder beside ``exports/`` and swaps it in at
the end, under a lock on the parent folder. So whenever it dies, the output
is the previous one or the new one, complete, never a mix; what a killed build
leaves beside the output, the next build removes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import LOCALES, ROOT, tree

from glossary.build import MARKER
from glossary.layout import catalog_path

KILLS = 6
SEED = 20240601


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def start_build(locales: Path, out: Path) -> subprocess.Popen:
    """``python -m glossary build`` in a subprocess, as a user runs it."""
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(
            [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        ),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "glossary", "build", "--locales", str(locales), "--out", str(out)],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the build did not finish within 300 s")
    return process.returncode, err


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, tuple[Path, dict[str, str], float]]:
    """Two versions of the catalogs (the shipped ones and one with a changed Polish
    definition), each with the tree of a clean build and how long that build took."""
    base = tmp_path_factory.mktemp("versions")
    changed = base / "changed"
    shutil.copytree(LOCALES, changed)
    path = catalog_path(changed, "pl")
    text = path.read_text(encoding="utf-8")
    old = 'msgstr "Zautomatyzowane wykrywanie nieznanych wcześniej wzorców, korelacji i zależności w bardzo dużych zbiorach informacji."'
    assert old in text
    path.write_text(text.replace(old, old[:-1] + ' (wersja druga)"'), encoding="utf-8")
    found = {}
    for name, locales in (("shipped", LOCALES), ("changed", changed)):
        out = base / f"clean-{name}" / "exports"
        started = time.monotonic()
        code, err = finish(start_build(locales, out))
        assert code == 0, err
        found[name] = (locales, tree(out), time.monotonic() - started)
    assert found["shipped"][1] != found["changed"][1]
    assert found["shipped"][1].keys() == found["changed"][1].keys()
    return found


def test_a_killed_build_leaves_the_previous_output_or_the_new_one_never_a_mix(versions, tmp_path):
    rng = random.Random(SEED)
    typical = max(seconds for _, _, seconds in versions.values())
    out = tmp_path / "exports"
    code, err = finish(start_build(versions["shipped"][0], out))
    assert code == 0, err
    for _ in range(KILLS):
        current = tree(out)
        name = "changed" if current == versions["shipped"][1] else "shipped"
        target, wanted, _ = versions[name]
        process = start_build(target, out)
        delay = rng.uniform(0, typical)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        after = tree(out)
        assert after in (current, wanted), (
            f"killed after {delay:.2f} s: {len(set(after.items()) ^ set(current.items()))} "
            "files differ from the previous output, and it is not the new one either"
        )
    # whatever the killed builds left beside the output, the next build clears it away
    code, err = finish(start_build(versions["shipped"][0], out))
    assert code == 0, err
    assert tree(out) == versions["shipped"][1]
    assert leftovers(out) == [], "temporary folders of killed builds are still there"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_leftovers_of_killed_builds_do_not_break_the_next_build(versions, tmp_path):
    out = tmp_path / "exports"
    code, err = finish(start_build(versions["shipped"][0], out))
    assert code == 0, err
    for name in (".exports.tmp-kill1", ".exports.old-kill2"):
        stale = tmp_path / name / "dataset"
        stale.mkdir(parents=True)
        (stale / "half.parquet").write_bytes(b"PAR1 cut short")
        (tmp_path / name / MARKER).write_text("x", encoding="utf-8")
    (tmp_path / ".exports.tmp-kill1" / "locked").mkdir(mode=0o500)
    code, err = finish(start_build(versions["changed"][0], out))
    assert code == 0, err
    assert tree(out) == versions["changed"][1]
    assert leftovers(out) == []


def test_two_builds_at_once_end_with_one_complete_output(versions, tmp_path):
    out = tmp_path / "exports"
    for round_ in range(2):
        first = start_build(versions["shipped"][0], out)
        second = start_build(versions["changed"][0], out)
        results = [finish(first), finish(second)]
        assert [code for code, _ in results] == [0, 0], results
        assert tree(out) in (versions["shipped"][1], versions["changed"][1]), round_
        assert leftovers(out) == []
