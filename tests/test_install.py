"""The installed wheel answers from outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, require


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    try:
        import hatchling  # noqa: F401  (the build backend, so the wheel builds offline)
    except ImportError:
        require(False, "hatchling is not installed (pip install '.[test]')")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [path] = out.glob("bpo_kpo_glossary-*.whl")
    return path


def test_wheel_ships_the_catalogs_as_package_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    catalogs = sorted(n for n in names if n.startswith("glossary/locales/") and n.endswith(".po"))
    shipped = sorted(
        f"glossary/locales/{p.relative_to(ROOT / 'locales')}"
        for p in (ROOT / "locales").glob("*/LC_MESSAGES/glossary.po")
    )
    assert catalogs == shipped
    assert "glossary/locales/glossary.pot" in names and "glossary/py.typed" in names
    assert {"glossary/data/glossary.json", "glossary/data/lookup.json"} <= set(names)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (no dependencies)."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps"]
        + ["--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv


def _run_installed(venv: Path, cwd: Path, *cmd: str) -> subprocess.CompletedProcess:
    """``cmd`` (relative to the environment's bin folder) from ``cwd``, nothing of the
    checkout on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(venv / "bin" / cmd[0]), *cmd[1:]], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_installed_package_answers_from_another_folder(installed, tmp_path):
    code = (
        "import glossary\n"
        "g = glossary.load()\n"
        "print(glossary.__file__)\n"
        "print(g.lookup('outsourcing procesow wiedzy')[0].concept.id)\n"
    )
    result = _run_installed(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    where, concept = result.stdout.split()
    assert Path(where).is_relative_to(installed) and concept == "knowledge_process_outsourcing"
    cli = _run_installed(installed, tmp_path, "glossary", "lookup", "KPO", "--to", "de")
    assert cli.returncode == 0 and "de: Knowledge Process Outsourcing" in cli.stdout


#: What ``glossary lookup`` of a term must not import: the catalog readers and the
#: libraries of the exports (a suggestion after a miss may import rapidfuzz).
HEAVY = ("polib", "babel", "lxml", "jinja2", "datasets", "pyarrow", "rapidfuzz")


def test_installed_lookup_answers_from_the_index_and_imports_nothing_of_the_library(
    installed, tmp_path
):
    code = (
        "import contextlib, io, json, sys\n"
        "from glossary.cli import main, run\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    status = main(['lookup', 'KPO'])\n"
        "modules = sorted(sys.modules)\n"
        "with contextlib.redirect_stdout(io.StringIO()) as full:\n"
        "    run(['lookup', 'KPO'])\n"
        "print(json.dumps([status, out.getvalue(), full.getvalue(), modules]))\n"
    )
    result = _run_installed(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    status, shown, full, modules = json.loads(result.stdout)
    assert status == 0 and "knowledge_process_outsourcing" in shown
    assert shown == full  # the index says what the full command says
    top = {name.partition(".")[0] for name in modules}
    assert not top & set(HEAVY), sorted(top & set(HEAVY))
    assert "glossary._quick" in modules
    assert not {"glossary.model", "glossary.compiled", "glossary.catalogs"} & set(modules)


def test_installed_load_reads_the_precompiled_glossary(installed, tmp_path):
    code = (
        "import json, sys, glossary\n"
        "g = glossary.load()\n"
        "print(json.dumps([len(g), sorted(sys.modules)]))\n"
    )
    result = _run_installed(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    size, modules = json.loads(result.stdout)
    assert size > 0
    top = {name.partition(".")[0] for name in modules}
    assert not top & set(HEAVY), sorted(top & set(HEAVY))
    assert "glossary.compiled" in modules and "glossary.catalogs" not in modules
