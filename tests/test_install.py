"""The installed wheel answers from outside the repository."""

from __future__ import annotations

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


def test_installed_package_answers_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = (
        "import glossary\n"
        "g = glossary.load()\n"
        "print(glossary.__file__)\n"
        "print(g.lookup('outsourcing procesow wiedzy')[0].concept.id)\n"
    )
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert result.returncode == 0, result.stderr
    where, concept = result.stdout.split()
    assert Path(where).is_relative_to(venv) and concept == "knowledge_process_outsourcing"
    cli = subprocess.run(
        [str(venv / "bin" / "glossary"), "lookup", "KPO", "--to", "de"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert cli.returncode == 0 and "de: Knowledge Process Outsourcing" in cli.stdout
