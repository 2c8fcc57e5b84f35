"""A compiled index of the catalogs, so that reading them twice costs once.

Reading PO catalogs is the slow part of every command (``polib`` parses in
pure Python). What :func:`glossary.catalogs.load_catalogs` returns — the
glossary and every finding — depends only on the bytes of the catalogs, their
paths and this package's version, so it is kept, pickled, under a key that is
the SHA-256 of exactly those. Any change to a catalog gives a new key; a stale
entry is never used.

The index lives in ``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/bpo-kpo-glossary``,
else ``~/.cache/bpo-kpo-glossary``. ``GLOSSARY_CACHE=off`` turns it off. A cache
that cannot be read or written is ignored: it only ever saves time. Like
``__pycache__``, it trusts the user's own cache folder.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .locales import catalog_path, find_catalogs
from .model import SOURCE_LANGUAGE, Finding, Glossary

__all__ = ["cache_dir", "index_key", "read_index", "write_index"]

_FORMAT = b"bpo-kpo-glossary index 2\n"


def cache_dir() -> Path | None:
    """Where the index files go, or None when the cache is off."""
    if os.environ.get("GLOSSARY_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bpo-kpo-glossary"


def index_key(root: Path) -> str | None:
    """SHA-256 of the catalogs' paths and bytes and of this code; None if a
    catalog is not a plain readable file (then the loader reports why)."""
    from . import __version__
    digest = hashlib.sha256(_FORMAT + __version__.encode() + sys.version.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):  # the code that reads them
        info = module.stat()
        digest.update(f"{module.name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    digest.update(str(root.absolute()).encode())
    paths = dict(find_catalogs(root))
    paths.setdefault(SOURCE_LANGUAGE, catalog_path(root, SOURCE_LANGUAGE))
    for lang in sorted(paths):
        path = paths[lang]
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(f"\0{lang}\0{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def read_index(key: str) -> tuple[Glossary, list[Finding]] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        # read straight from the file: the file's bytes are never in memory all at once
        with open(folder / f"{key}.pickle", "rb") as handle:
            if handle.read(len(_FORMAT)) != _FORMAT:
                return None
            collecting = gc.isenabled()
            gc.disable()  # hundreds of thousands of new objects: collections only cost time
            try:
                glossary, findings = pickle.load(handle)
            finally:
                if collecting:
                    gc.enable()
            if handle.read(1):
                return None  # more than one pickle: not a file we wrote
    except Exception:  # a missing, truncated or foreign file only costs a re-read
        return None
    return glossary, findings


def write_index(key: str, glossary: Glossary, findings: list[Finding]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    from .fsutil import atomic_writer
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_writer(folder / f"{key}.pickle", durable=False) as handle:
            handle.write(_FORMAT)
            pickle.dump((glossary, findings), handle, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, RecursionError):
        pass
