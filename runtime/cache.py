"""On-disk compilation cache: entries published atomically; damaged entries are misses."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pantile.targets.cache_dir import cache_root, make_folder, remove, warn_uncached

_MANIFEST = "MANIFEST.json"


def cache_dir() -> Path:
    """`PANTILE_CACHE_DIR`, else the user cache directory (XDG)."""
    return cache_root(os.environ)


@lru_cache(maxsize=1)
def compiler_version() -> str:
    """A hash of pantile's own source files: any change to the compiler changes every key."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for folder in ("ir", "passes", "frontend", "targets", "runtime", "pantile"):
        for p in sorted((root / folder).rglob("*.py")):
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def make_key(*parts: Any) -> str:
    """A stable hex key for the given parts (their repr)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode())
        h.update(b"\0")
    return h.hexdigest()


class DiskCache:
    """Entries are directories of files plus a manifest of their sha256 digests.

    An entry is written in a temporary directory beside the final one and
    published with one rename, so readers see all of it or none of it. A cache
    that cannot be written never fails a compile: files of its own in the way
    are removed, and otherwise one warning says why entries are not kept.
    """

    def __init__(self, root: Optional[Path] = None) -> None:
        self.root = Path(root) if root is not None else cache_dir()

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Optional[dict[str, bytes]]:
        """The files of entry `key`, or None when absent, truncated or corrupted (which is then removed)."""
        entry = self._entry(key)
        try:
            manifest = json.loads((entry / _MANIFEST).read_text())
            files = {}
            for name, digest in manifest.items():
                data = (entry / name).read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError(f"checksum mismatch in {name}")
                files[name] = data
            return files
        except FileNotFoundError:
            return None
        except (OSError, ValueError, AttributeError, TypeError):
            shard = entry.parent
            # A damaged entry, or a file where the entry or its shard folder should be: removed, and a miss.
            remove(shard if shard.exists() and not shard.is_dir() else entry)
            return None

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Publish entry `key` atomically (a concurrent writer's entry wins if it came first); where the
        cache cannot be written, warn once and keep nothing."""
        try:
            self._publish(self._entry(key), files)
        except OSError as err:
            warn_uncached(self.root, err)

    def _publish(self, entry: Path, files: dict[str, bytes]) -> None:
        make_folder(self.root, entry.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name[:8]}-", dir=entry.parent))
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            manifest = {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
            (tmp / _MANIFEST).write_text(json.dumps(manifest))
            try:
                os.rename(tmp, entry)
            except OSError:
                if self.get(entry.name) is None:      # a damaged entry, or a file, is in the way: replace it
                    remove(entry)
                    os.rename(tmp, entry)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def get_object(self, key: str) -> Any:
        """A pickled object stored with `put_object`, or None."""
        files = self.get(key)
        if files is None or "object.pkl" not in files:
            return None
        try:
            return pickle.loads(files["object.pkl"])
        except Exception:  # a pickle from another version of a class: treat as a miss
            return None

    def put_object(self, key: str, obj: Any, **extra: bytes) -> None:
        """Store a picklable object (plus extra named files for people to read)."""
        self.put(key, {"object.pkl": pickle.dumps(obj), **extra})
