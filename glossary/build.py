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

Outputs (inside the output folder, ``exports/`` by default)::

    locale/<lang>/LC_MESSAGES/glossary.mo   compiled gettext catalogs
    dataset/                                Hugging Face dataset (Parquet + card)
    glossary.tbx                            TBX-Basic
    glossary.csv                            one row per concept (RFC 4180)
    omegat/en-<lang>.tsv                    OmegaT glossaries
    site/                                   static, searchable HTML page
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

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


def _mo(glossary: Glossary, out: Path) -> dict[str, int]:
    from .mo import write_locale_tree
    return write_locale_tree(glossary, out / "locale")


def _dataset(glossary: Glossary, out: Path) -> dict[str, int]:
    from .dataset import write_dataset
    return write_dataset(glossary, out / "dataset")


def _tbx(glossary: Glossary, out: Path) -> dict[str, int]:
    from .tbx import write_tbx
    return write_tbx(glossary, out / "glossary.tbx")


def _csv(glossary: Glossary, out: Path) -> dict[str, int]:
    from .csv import write_csv
    return write_csv(glossary, out / "glossary.csv")


def _omegat(glossary: Glossary, out: Path) -> dict[str, int]:
    from .omegat import write_omegat
    return write_omegat(glossary, out / "omegat")


def _site(glossary: Glossary, out: Path) -> dict[str, int]:
    from .site import write_site
    return write_site(glossary, out / "site")


#: (name shown, writer) for each output, in build order.
STEPS: list[tuple[str, Callable[[Glossary, Path], dict[str, int]]]] = [
    ("locale/*/LC_MESSAGES/glossary.mo", _mo),
    ("glossary.tbx", _tbx),
    ("glossary.csv", _csv),
    ("omegat/", _omegat),
    ("dataset/", _dataset),
    ("site/", _site),
]


def _owned(out: Path) -> None:
    """Refuse to replace anything that a build did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise GlossaryError(f"{out}: exists and is not a folder; refusing to replace it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GlossaryError(f"{out}: the folder is not empty and was not made by "
                            f"'glossary build' (no {MARKER} in it); refusing to replace it. "
                            "Choose another --out, or empty it yourself.")


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


_RENAME_EXCHANGE = 2


def _swap(new: Path, out: Path) -> Path | None:
    """Put ``new`` at ``out`` in one step; return where the old output went."""
    if not out.exists():
        os.rename(new, out)
        return None
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) \
        if libc_name else None
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(out),
                     _RENAME_EXCHANGE) == 0:
            return new  # ``new`` now holds the old output
    old = new.with_name(new.name.replace(".tmp-", ".old-"))
    os.rename(out, old)
    os.rename(new, out)
    return old


def _clean_leftovers(out: Path) -> None:
    """Remove temporary folders of builds that were killed (we hold the lock)."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def build(locales: str | os.PathLike[str], out: str | os.PathLike[str] = "exports",
          report: Callable[[str], None] = lambda line: None,
          steps: list[tuple[str, Callable[[Glossary, Path], dict[str, int]]]] | None = None,
          ) -> list[Output]:
    """Build every output from the catalogs in ``locales`` into ``out``.

    ``report`` receives one line per output written. Raises
    :class:`GlossaryError` (nothing written) on catalog errors or a folder it
    does not own.
    """
    from .catalogs import errors_in, load_catalogs
    started = time.perf_counter()
    out = Path(out).absolute()
    glossary, findings = load_catalogs(locales)
    errors = errors_in(findings)
    if errors:
        raise GlossaryError(errors)
    _owned(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    outputs: list[Output] = []
    with _locked(out.parent):
        _owned(out)  # another build may have run while we waited
        _clean_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            os.chmod(tmp, 0o755)
            (tmp / MARKER).write_text("Made by 'glossary build' (bpo-kpo-glossary). "
                                      "The next build replaces this folder.\n", encoding="utf-8")
            for name, step in steps if steps is not None else STEPS:
                t0 = time.perf_counter()
                counts = step(glossary, tmp)
                outputs.append(Output(name, counts, time.perf_counter() - t0))
                report(f"wrote {out.name}/{outputs[-1]}")
            old = _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    warnings = len(findings) - len(errors)
    report(f"built {out} from {len(glossary)} concepts in {len(glossary.languages)} languages "
           f"({', '.join(glossary.languages)}) in {time.perf_counter() - started:.2f} s"
           + (f"; {warnings} warnings (see 'glossary check')" if warnings else ""))
    return outputs
