"""``glossary build``: every export, written atomically into one folder.

The build

1. loads and checks every catalog, and refuses to go on if there are errors;
2. refuses an output folder that is not empty and was not made by a build
   (the marker file ``.glossary-build`` tells), so ``--out .`` cannot wipe
   anything;
3. takes a lock, so that two builds into the same folder run one after the
   other;
4. writes every output into a temporary folder beside the target, then swaps
   it into place in one atomic step. A build that fails or is killed leaves
   the previous output exactly as it was.

The outputs are the formats of :data:`glossary.formats.FORMATS`, written
one after the other.

Outputs (inside the output folder, ``exports/`` by default)::

    locale/<lang>/LC_MESSAGES/glossary.mo   compiled gettext catalogs
    dataset/                                Hugging Face dataset (Parquet + card)
    glossary.tbx                            TBX-Basic (TBX v3)
    tbx2008/glossary.tbx, en-<lang>.tbx     TBX-Basic 2.x (TBX 2008), all languages and per pair
    glossary.csv                            one row per concept (RFC 4180)
    omegat/en-<lang>.txt                    OmegaT glossaries
    mt/deepl/<src>-<tgt>.tsv                DeepL glossaries, one per directed language pair
    mt/google/                              Google Cloud Translation glossaries
    mt/amazon/terminology.csv               Amazon Translate custom terminology
    mt/constraints/<src>-<tgt>.json         terms to use and to avoid, for LLM prompts
    site/                                   static, searchable HTML page
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from .formats import FORMATS
from .model import Glossary, GlossaryError

__all__ = ["build", "STEPS", "MARKER", "Output"]

MARKER = ".glossary-build"


class Output(NamedTuple):
    """One output written: its path (relative to the output folder), counts, seconds."""

    name: str
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        counts = ", ".join(f"{v} {k}" for k, v in self.counts.items())
        return f"{self.name}: {counts} ({self.seconds:.2f} s)"


Step = tuple[str, Callable[[Glossary, Path], dict[str, int]]]

#: (name shown, writer into the output folder) for each output, in build order.
STEPS: list[Step] = [(fmt.name, fmt.write) for fmt in FORMATS]


def _owned(out: Path) -> None:
    """Refuse to replace anything that a build did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise GlossaryError(f"{out}: exists and is not a folder; refusing to replace it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GlossaryError(
            f"{out}: the folder is not empty and was not made by "
            f"'glossary build' (no {MARKER} in it); refusing to replace it. "
            "Choose another --out, or empty it yourself."
        )


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (the output's parent) for the build's duration."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here; the atomic swap still holds
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _swap(new: Path, out: Path) -> Path | None:
    """Put ``new`` at ``out``; return where the old output went (to be removed)."""
    if not out.exists():
        os.rename(new, out)
        return None
    old = new.with_name(new.name.replace(".tmp-", ".old-"))
    os.rename(out, old)
    os.rename(new, out)
    return old


def _remove(folder: Path, report: Callable[[str], None]) -> None:
    """Remove a folder of an earlier build; say so when it cannot be removed."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        report(f"warning: could not remove {folder} (an earlier output); remove it yourself")


def _clean_leftovers(out: Path, report: Callable[[str], None]) -> None:
    """Remove temporary folders of builds that were killed (we hold the lock)."""
    for stale in sorted(out.parent.glob(f".{out.name}.tmp-*")) + sorted(
        out.parent.glob(f".{out.name}.old-*")
    ):
        _remove(stale, report)


def build(
    locales: str | os.PathLike[str],
    out: str | os.PathLike[str] = "exports",
    report: Callable[[str], None] = lambda line: None,
    steps: list[Step] | None = None,
) -> list[Output]:
    """Build every output from the catalogs in ``locales`` into ``out``.

    ``report`` receives one line per output written, then one with the
    total time and the part of it spent reading the catalogs. Raises
    :class:`GlossaryError` (nothing written) on catalog errors or a folder it
    does not own.
    """
    from .catalogs import errors_in, load_catalogs

    started = time.perf_counter()
    out = Path(out).absolute()
    glossary, findings = load_catalogs(locales)
    reading = time.perf_counter() - started
    errors = errors_in(findings)
    if errors:
        raise GlossaryError(errors)
    warnings = len(findings) - len(errors)
    _owned(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        _owned(out)  # another build may have run while we waited
        _clean_leftovers(out, report)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            os.chmod(tmp, 0o755)
            (tmp / MARKER).write_text(
                "Made by 'glossary build' (bpo-kpo-glossary). "
                "The next build replaces this folder.\n",
                encoding="utf-8",
            )
            outputs = []
            for name, step in steps if steps is not None else STEPS:
                t0 = time.perf_counter()
                outputs.append(Output(name, step(glossary, tmp), time.perf_counter() - t0))
                report(f"wrote {out.name}/{outputs[-1]}")
            old = _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if old is not None:
            _remove(old, report)
    report(
        f"built {out} from {len(glossary)} concepts in {len(glossary.languages)} languages "
        f"({', '.join(glossary.languages)}) in {time.perf_counter() - started:.2f} s "
        f"(reading the catalogs {reading:.2f} s)"
        + (f"; {warnings} warnings (see 'glossary check')" if warnings else "")
    )
    return outputs
