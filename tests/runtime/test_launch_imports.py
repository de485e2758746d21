"""Launching an already compiled artifact loads no compiler: neither pantile.frontend nor pantile.passes (the
warm path and ahead-of-time launches pay for neither), checked in a fresh process on every installed target
that executes here (the host target, device targets whose driver and device are here, plug-ins)."""
import pickle
import subprocess
import sys

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.registry import all_targets, host_target


def _checked_archs() -> list[str]:
    here = [t.arch for t in all_targets() if t.unavailable() is None]
    return sorted(here, key=lambda arch: arch != host_target().arch)

LAUNCH = """
import pickle, sys
import numpy as np
from pantile.targets.registry import get_target
artifact = pickle.loads(open(sys.argv[1], "rb").read())
x = np.arange(16, dtype=np.float32)
out = np.zeros(16, np.float32)
get_target(artifact.target).launcher(artifact)((1, 1, 1), [x, out, 16])
print(out.tolist())
print(sorted(m for m in sys.modules if m.startswith(("pantile.frontend", "pantile.passes"))))
"""


@pantile.jit
def doubled(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * 2, mask=offs < n)


@pytest.mark.parametrize("arch", _checked_archs())
def test_launching_a_compiled_artifact_imports_neither_the_frontend_nor_the_passes(arch, tmp_path):
    artifact = pantile.compile(doubled, {"x_ptr": "*fp32", "out_ptr": "*fp32", "n": "i32"}, {"BLOCK": 16},
                               target=arch)
    path = tmp_path / "artifact.pickle"
    path.write_bytes(pickle.dumps(artifact))
    done = subprocess.run([sys.executable, "-c", LAUNCH, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{(np.arange(16) * 2.0).tolist()}\n[]\n"


TARGET_ALONE = """
import importlib, sys
from pantile.targets.registry import get_target
target = get_target(sys.argv[1])
target.capabilities, target.unavailable()
package = type(target).__module__.rsplit(".", 1)[0]
for part in ("launcher", "runtime"):
    if importlib.util.find_spec(f"{package}.{part}") is not None:
        importlib.import_module(f"{package}.{part}")
print(sorted(m for m in sys.modules if m.startswith(("pantile.frontend", "pantile.passes"))))
"""


@pytest.mark.parametrize("arch", ["cuda:sm_80", "cuda:sm_90a", *(t.arch for t in all_targets()
                                                                  if not t.arch.startswith("cuda"))])
def test_a_target_and_its_launcher_load_without_the_compiler_on_any_machine(arch):
    """The same property, offline: making the target a launch asks for and importing its launcher module. A
    GPU's launch can only be checked where the GPU is; this catches an import that would pull the compiler in."""
    done = subprocess.run([sys.executable, "-c", TARGET_ALONE, arch], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
