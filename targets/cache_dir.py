"""Where targets keep what outlives a process (built programs, device figures, reproducers), and what happens
when that place cannot be written: pantile's own files in the way are repaired, otherwise the work goes on in
memory and one warning per process says why."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from typing import Mapping


class CacheWarning(RuntimeWarning):
    """pantile's cache folder cannot be written; kernels compile in memory and are not kept."""


_warned: set[str] = set()


def cache_root(env: Mapping[str, str]) -> Path:
    """pantile's cache folder: `PANTILE_CACHE_DIR`, else the XDG user cache folder."""
    if env.get("PANTILE_CACHE_DIR"):
        return Path(env["PANTILE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pantile"


def remove(path: Path) -> None:
    """Remove a file or a folder of pantile's cache, whichever `path` is, as far as permissions allow."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return
    try:
        path.unlink()
    except OSError:   # gone already, or read-only: what uses the path reports it
        pass


def make_folder(root: Path, folder: Path) -> None:
    """Create `folder` inside the cache `root`, removing files of the cache that stand where its folders
    should be; OSError when it cannot (the root itself is a file, or is read-only)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    for path in reversed([folder, *folder.parents]):     # from the top down
        if root in path.parents and path.exists() and not path.is_dir():
            remove(path)
    folder.mkdir(parents=True, exist_ok=True)


def warn_uncached(root: Path, err: OSError) -> None:
    """Warn, once per process and cache folder, that the cache at `root` cannot be written, and why."""
    if str(root) in _warned:
        return
    _warned.add(str(root))
    why = "it is a file, not a folder" if root.exists() and not root.is_dir() else err.strerror or str(err)
    warnings.warn(f"pantile cannot write its cache folder {root} ({why}): compiled kernels are not kept on disk, "
                  f"so each process compiles them again; point PANTILE_CACHE_DIR at a writable folder",
                  CacheWarning)
