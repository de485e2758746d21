"""The internal-error report of every target: what failed, the tool's words, and a folder to reproduce it from."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Mapping, Optional

from .base import ValidationError
from .cache_dir import cache_root, make_folder, warn_uncached


class InternalCompilerError(ValidationError):
    """pantile produced a module that LLVM or a vendor tool rejects or crashes on: a compiler bug,
    reported with a reproducer."""


def save_reproducer(target: str, files: Mapping[str, bytes]) -> Path:
    """Write the named files into a reproducer folder in pantile's cache and return the folder."""
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:16]
    name = f"{target.replace(':', '-')}-{digest}"
    root = cache_root(os.environ)
    try:
        folder = root / "reproducers" / name
        make_folder(root, folder)
        _write(folder, files)
    except OSError as err:   # an unwritable cache: the report still needs its files
        warn_uncached(root, err)
        folder = Path(tempfile.mkdtemp(prefix=f"pantile-reproducer-{name}-"))
        _write(folder, files)
    return folder


def _write(folder: Path, files: Mapping[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)


def internal_error(target: str, stage: str, message: str, llvm_ir: str,
                   extra_files: Optional[Mapping[str, bytes]] = None) -> InternalCompilerError:
    """The report for a module pantile generated wrongly for `target` (e.g. 'cuda:sm_90a'): the stage that
    failed, the tool's message, and the reproducer folder holding kernel.ll and `extra_files`."""
    folder = save_reproducer(target, {"kernel.ll": llvm_ir.encode(), **(extra_files or {})})
    return InternalCompilerError(
        f"internal compiler error in the {target} target ({stage}); this is a bug in pantile, not in "
        f"your kernel. Please report it with the reproducer in {folder}\n{message.strip()}")
