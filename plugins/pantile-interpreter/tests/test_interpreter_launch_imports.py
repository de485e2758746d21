"""Launching an interpreter artifact compiled earlier loads no compiler (neither the frontend nor the passes),
as on pantile's own targets: checked in a fresh process."""
import pickle
import subprocess
import sys

import pantile
import pantile.language as tl

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


def test_launching_an_interpreter_artifact_loads_no_compiler(tmp_path):
    artifact = pantile.compile(doubled, {"x_ptr": "*fp32", "out_ptr": "*fp32", "n": "i32"}, {"BLOCK": 16},
                               target="interp")
    path = tmp_path / "artifact.pickle"
    path.write_bytes(pickle.dumps(artifact))
    done = subprocess.run([sys.executable, "-c", LAUNCH, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{[2.0 * i for i in range(16)]}\n[]\n"
