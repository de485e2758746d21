"""Making Intel's pip-installed OpenCL CPU runtime visible to the ICD loader, with no manual step.

The pip package `intel-opencl-rt` ships `libintelocl.so` but its ICD file holds a
placeholder path, so the loader finds no platform. Before pyopencl first asks the
loader for platforms, pantile writes a vendors folder of its own holding an ICD file
with the real path plus a copy of every ICD file the loader would have read anyway,
and points `OCL_ICD_VENDORS` at it for this process only: platforms the user already
has stay visible, and nothing is written when the loader already knows Intel's runtime.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Mapping, Optional

from pantile.targets.cache_dir import cache_root, make_folder, warn_uncached

DEFAULT_VENDORS_DIR = "/etc/OpenCL/vendors"
INTEL_LIBRARY = "libintelocl.so"
INTEL_ICD_NAME = "pantile-intel-cpu.icd"


@dataclass(frozen=True)
class IcdEntry:
    """One ICD file the loader reads: its file name and the library it names."""

    name: str
    library: str


def installed_intel_library() -> Optional[Path]:
    """The real path of `libintelocl.so` from the `intel-opencl-rt` pip package, or None."""
    try:
        dist = metadata.distribution("intel-opencl-rt")
    except metadata.PackageNotFoundError:
        return None
    for f in dist.files or ():
        if Path(str(f)).name == INTEL_LIBRARY:
            path = Path(dist.locate_file(f)).resolve()
            if path.is_file():
                return path
    return None


def loader_sources(env: Mapping[str, str]) -> list[Path]:
    """The ICD files the loader reads under this environment (OCL_ICD_VENDORS may name a folder or a file)."""
    where = Path(env.get("OCL_ICD_VENDORS") or env.get("OPENCL_VENDOR_PATH") or DEFAULT_VENDORS_DIR)
    if where.is_file():
        return [where]
    if where.is_dir():
        return sorted(p for p in where.iterdir() if p.suffix == ".icd" and p.is_file())
    return []


def read_entries(files: list[Path]) -> list[IcdEntry]:
    """The library each readable ICD file names."""
    entries = []
    for f in files:
        try:
            library = f.read_text().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if library:
            entries.append(IcdEntry(f.name, library))
    return entries


def names_intel_runtime(entry: IcdEntry) -> bool:
    """True when the entry points at an existing Intel CPU runtime library."""
    path = Path(entry.library)
    return path.name.startswith(INTEL_LIBRARY) and path.is_file()


def vendors_folder_entries(existing: list[IcdEntry], intel_library: Path) -> list[IcdEntry]:
    """The ICD files pantile's folder holds: the user's own ones, then one for the pip runtime."""
    kept = [e for e in existing if e.name != INTEL_ICD_NAME]
    return kept + [IcdEntry(INTEL_ICD_NAME, str(intel_library))]


def _write_entries(folder: Path, entries: list[IcdEntry]) -> None:
    for e in entries:
        (folder / e.name).write_text(e.library + "\n")


def write_vendors_folder(root: Path, entries: list[IcdEntry]) -> Path:
    """Write the ICD files into a folder named by their content (published atomically) and return it; where
    `root` cannot be written, into a temporary folder of this process, with one warning saying why."""
    digest = hashlib.sha256(repr(entries).encode()).hexdigest()[:16]
    folder = root / f"opencl-vendors-{digest}"
    if folder.is_dir():
        return folder
    try:
        make_folder(root, root)
        staging = Path(tempfile.mkdtemp(prefix=".opencl-vendors-", dir=root))
    except OSError as err:
        warn_uncached(root, err)
        temporary = Path(tempfile.mkdtemp(prefix="pantile-opencl-vendors-"))
        atexit.register(shutil.rmtree, temporary, True)
        _write_entries(temporary, entries)
        return temporary
    _write_entries(staging, entries)
    try:
        staging.rename(folder)
    except OSError:  # another process published the same folder first
        for p in staging.iterdir():
            p.unlink()
        staging.rmdir()
    return folder


def plan_vendors(env: Mapping[str, str], intel_library: Optional[Path]) -> Optional[list[IcdEntry]]:
    """The ICD files pantile must provide under `env`, or None when the loader needs no help."""
    if intel_library is None or env.get("OCL_ICD_FILENAMES"):
        return None  # nothing to add, or the user chose the libraries explicitly
    existing = read_entries(loader_sources(env))
    if any(names_intel_runtime(e) for e in existing):
        return None
    return vendors_folder_entries(existing, intel_library)


def ensure_intel_icd(env: Optional[dict] = None) -> Optional[Path]:
    """Point this process's ICD loader at the pip Intel runtime if it cannot find it; the folder used, or None."""
    env = os.environ if env is None else env
    entries = plan_vendors(env, installed_intel_library())
    if entries is None:
        return None
    folder = write_vendors_folder(cache_root(env), entries)
    env["OCL_ICD_VENDORS"] = str(folder)
    return folder
