"""LLVM IR -> AMDGPU relocatable object (llvmlite, in the isolated worker) -> HSACO (`ld.lld-22 -shared`), and
the code object's own metadata from `llvm-readelf-22 --notes` (registers, spills, LDS, kernel arguments)."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Optional

import llvmlite.binding as llvm

from pantile.targets.base import ValidationError
from pantile.targets.llvm.emission import emit_isolated, init_llvm

from .arch import TRIPLE

LLD, READELF, OBJDUMP = "ld.lld-22", "llvm-readelf-22", "llvm-objdump-22"
TOOLS_APT = ("lld-22", "llvm-22")
TOOLS_HINT = f"install them with `apt-get install {' '.join(TOOLS_APT)}` (Debian 12 security updates)"


def _optimise_and_emit(llvm_ir: str, gfx: str, opt_level: int) -> tuple[bytes, str, str]:
    init_llvm()
    module = llvm.parse_assembly(llvm_ir)
    machine = llvm.Target.from_triple(TRIPLE).create_target_machine(cpu=gfx, opt=opt_level, reloc="pic")
    options = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    builder = llvm.create_pass_builder(machine, options)
    builder.getModulePassManager().run(module, builder)
    optimised = str(module)
    return machine.emit_object(module), machine.emit_assembly(llvm.parse_assembly(optimised)), optimised


def emit_object(arch: str, gfx: str, llvm_ir: str, opt_level: int = 3) -> tuple[bytes, str, str]:
    """(relocatable object, assembly, optimised LLVM IR) for `gfx`; InternalCompilerError with the reproducer
    where LLVM rejects or crashes on the module."""
    return emit_isolated(arch, "the LLVM AMDGPU back end", "code object emission", llvm_ir, _optimise_and_emit,
                         gfx, opt_level)


def tool(name: str) -> Optional[str]:
    """The path of LLVM 22 tool `name`, or None."""
    return shutil.which(name) or (f"/usr/lib/llvm-22/bin/{name[:-3]}"
                                  if Path(f"/usr/lib/llvm-22/bin/{name[:-3]}").is_file() else None)


def _require(name: str) -> str:
    path = tool(name)
    if path is None:
        raise ValidationError(f"{name} was not found: {TOOLS_HINT}")
    return path


def _run(args: list[str], what: str) -> str:
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ValidationError(f"{what} failed:\n{(proc.stdout + proc.stderr).strip()}")
    return proc.stdout


def link(obj: bytes) -> bytes:
    """The loadable HSACO: `ld.lld-22 -shared` of the relocatable object."""
    lld = _require(LLD)
    with tempfile.TemporaryDirectory(prefix="pantile-amdgpu-") as tmp:
        src, out = Path(tmp) / "kernel.o", Path(tmp) / "kernel.hsaco"
        src.write_bytes(obj)
        _run([lld, "-shared", str(src), "-o", str(out)], f"{LLD} -shared")
        return out.read_bytes()


def _with_file(hsaco: bytes, args: list[str], what: str) -> str:
    with tempfile.TemporaryDirectory(prefix="pantile-amdgpu-") as tmp:
        path = Path(tmp) / "kernel.hsaco"
        path.write_bytes(hsaco)
        return _run(args + [str(path)], what)


def notes_text(hsaco: bytes) -> str:
    """`llvm-readelf-22 --notes` of the code object."""
    return _with_file(hsaco, [_require(READELF), "--notes"], f"{READELF} --notes")


def disassemble(hsaco: bytes) -> str:
    """`llvm-objdump-22 -d` of the code object."""
    return _with_file(hsaco, [_require(OBJDUMP), "-d"], f"{OBJDUMP} -d")


_LINE = re.compile(r"^(\s*)(- )?(\.[a-z_]+):\s*(.*?)\s*$")


def _value(text: str) -> Any:
    text = text.removeprefix("!str ").strip("'\"")
    return int(text) if re.fullmatch(r"-?\d+", text) else text


def parse_notes(text: str) -> list[dict[str, Any]]:
    """The kernels of the AMDGPU metadata note (`amdhsa.kernels`): each a dict of its scalar fields (".sgpr_count",
    ".vgpr_spill_count", ".wavefront_size" ...) with ".args" a list of dicts (".offset", ".size", ".value_kind")."""
    kernels: list[dict[str, Any]] = []
    body = text.split("amdhsa.kernels:", 1)[1] if "amdhsa.kernels:" in text else ""
    kernel_column = -1                          # where a kernel's keys start
    for line in body.splitlines():
        if re.match(r"^[a-z]", line):           # the next top-level key ends the kernel list
            break
        m = _LINE.match(line)
        if m is None:
            continue
        indent, item, key, val = m.groups()
        column = len(indent) + (2 if item else 0)
        if item and (kernel_column < 0 or column == kernel_column):
            kernel_column = column
            kernels.append({".args": []})
        if column == kernel_column:
            if key != ".args" and val:
                kernels[-1][key] = _value(val)
            continue
        args = kernels[-1][".args"]
        if item:
            args.append({})
        args[-1][key] = _value(val)
    return kernels


def kernel_notes(hsaco: bytes, kernel: str) -> dict[str, Any]:
    """The metadata of `kernel` in the code object; ValidationError when it is missing."""
    for k in parse_notes(notes_text(hsaco)):
        if k.get(".name") == kernel:
            return k
    raise ValidationError(f"the code object has no metadata for kernel {kernel!r}")
