"""Built OpenCL programs, cached by the hash of their SPIR-V: in memory, and on disk as device binaries.

Intel's OpenCL compiler takes seconds for a kernel with many sub-group
shuffles, while loading the device binary it produced takes milliseconds, so
the binary is kept in pantile's cache, keyed by the SPIR-V, the device and
driver, and the build options. A damaged entry is rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import os
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

from pantile.targets.base import Artifact
from pantile.targets.cache_dir import cache_root, make_folder, remove, warn_uncached
from pantile.targets.spirv.module import spirv_internal_error

from . import ARCH
from .device import DeviceInfo, OpenCLRuntime


def build_options(info: DeviceInfo) -> str:
    """Ask for correctly rounded f32 division and sqrt (pt.div_rn, pt.sqrt_rn) where the device offers it;
    Intel's CPU runtime rounds them correctly without being asked."""
    return "-cl-fp32-correctly-rounded-divide-sqrt" if info.correctly_rounded_divide_sqrt else ""


@contextmanager
def quiet_build(cl: Any) -> Iterator[None]:
    """Silence pyopencl's warning about a non-empty build log (Intel's lists vectoriser remarks)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cl.CompilerWarning)
        yield


def program_key(binary: bytes, info: DeviceInfo, options: str) -> str:
    """The cache key of a program: its SPIR-V, the device and driver, and the build options."""
    return hashlib.sha256(binary + b"\0" + info.key.encode() + b"\0" + options.encode()).hexdigest()


class ProgramCache:
    """The built programs of one OpenCL device."""

    def __init__(self, rt: OpenCLRuntime, folder: Optional[Path] = None) -> None:
        self.rt = rt
        self._folder = folder
        self.programs: dict[str, Any] = {}
        self.lock = threading.Lock()

    @property
    def folder(self) -> Path:
        """Where device binaries live: the given folder, else `opencl-programs` in pantile's cache."""
        return self._folder if self._folder is not None else cache_root(os.environ) / "opencl-programs"

    def kernel(self, artifact: Artifact) -> Any:
        """A fresh kernel object of the artifact's program (built, or loaded from disk, on first use)."""
        options = build_options(self.rt.info)
        key = program_key(artifact.binary, self.rt.info, options)
        with self.lock:
            program = self.programs.get(key)
            if program is None:
                program = self.programs[key] = self._load(key, options) or self._build(key, artifact, options)
        return self.rt.cl.Kernel(program, artifact.kernel_name)

    def _load(self, key: str, options: str) -> Any:
        cl = self.rt.cl
        try:
            data = (self.folder / f"{key}.bin").read_bytes()
            with quiet_build(cl):
                return cl.Program(self.rt.context, [self.rt.device], [data]).build(options=options)
        except (OSError, cl.Error):   # missing or damaged: build afresh
            return None

    def _build(self, key: str, artifact: Artifact, options: str) -> Any:
        cl = self.rt.cl
        try:
            with quiet_build(cl):
                program = cl.Program(self.rt.context, artifact.binary).build(options=options)
        except cl.Error as err:
            raise spirv_internal_error(ARCH, "the OpenCL driver could not build the SPIR-V", str(err),
                                 artifact.asm.get("llir", ""), artifact.binary) from None
        self._store(key, program.binaries[0])
        return program

    def _store(self, key: str, data: bytes) -> None:
        root = self.folder.parent if self._folder is None else self.folder
        try:
            make_folder(root, self.folder)
            tmp, path = self.folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp", self.folder / f"{key}.bin"
            tmp.write_bytes(data)
            if path.is_dir():   # a folder in the way would stop the replace
                remove(path)
            tmp.replace(path)
        except OSError as err:   # an unwritable cache only costs the next process a rebuild
            warn_uncached(root, err)
