"""Shared fixtures: the OpenCL runtime, a way to run hand-written LLVM kernels on it, and a child process for
kernels that once crashed Intel's compiler."""
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

import pytest
from llvmlite import ir as llir

from pantile.targets.base import Artifact, ArgSpec
from pantile.targets.intel.device import OpenCLRuntime, opencl_runtime
from pantile.targets.intel.hooks import IntelHooks
from pantile.targets.intel.launcher import launcher_for
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.intel.programs import ProgramCache
from pantile.targets.intel import ARCH
from pantile.targets.spirv.module import emit_spirv, validate_spirv


@pytest.fixture(scope="session")
def rt() -> OpenCLRuntime:
    """Intel's OpenCL CPU runtime from pip; a missing runtime fails the tests (CI installs it)."""
    return opencl_runtime()


@pytest.fixture(scope="session")
def programs(rt) -> ProgramCache:
    return ProgramCache(rt)


def artifact_of(module: llir.Module, name: str, args: Sequence[ArgSpec], local_size: int,
                assertions: Optional[list] = None) -> Artifact:
    """Emit and validate a hand-built llvmlite module as an intel:spirv artifact."""
    text = str(module)
    binary = emit_spirv(ARCH, text)
    validate_spirv(ARCH, binary, text)
    return Artifact("intel:spirv", name, "spirv", binary, tuple(args),
                    metadata={"local_size": local_size, "assertions": assertions}, asm={"llir": text})


@pytest.fixture
def handbuilt(rt, programs) -> Callable:
    """build(hooks, builder, kernel_fn) writes the body; returns a launcher of the finished kernel."""
    def make(args: Sequence[ArgSpec], arg_types: Sequence[llir.Type], body: Callable, sub_group_size: int = 16,
             local_size: int = 64, debug: bool = False) -> SharedLauncher:
        hooks = IntelHooks(sub_group_size, rt.info.local_memory, debug)
        module = llir.Module()
        module.triple, module.data_layout = hooks.triple, hooks.data_layout
        fn = hooks.declare_kernel(module, "k", arg_types, local_size)
        b = llir.IRBuilder(fn.append_basic_block())
        body(hooks, b, fn)
        b.ret_void()
        assertions = hooks.assertions if debug else None
        return launcher_for(rt, programs, artifact_of(module, "k", args, local_size, assertions))
    return make


@pytest.fixture
def in_child(tmp_path) -> Callable:
    """run(*argv, script=None): Python with `argv` (or the source `script`, written to a file) in a child process
    with a kernel cache of its own, so that a crash of Intel's compiler fails the test, not the test run; asserts
    that the child exits with status 0."""
    root = Path(__file__).resolve().parents[2]

    def run(*argv: str, script: Optional[str] = None) -> None:
        if script is not None:
            path = tmp_path / "kernel_script.py"
            path.write_text(script)
            argv = (str(path),)
        done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=600, cwd=root,
                              env={**os.environ, "PANTILE_CACHE_DIR": str(tmp_path / "cache")})
        assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    return run
