"""Triton's own random numbers, as goldens for pantile's: run on the GPU machine with Triton 3.6 and torch,

    python tests/execution/make_random_goldens.py            # writes tests/execution/data/random_goldens.npz

Each entry is named KIND/seed=S/offsets=DTYPE/rounds=R (tl.KIND(seed, offsets, R) on Triton, rows = blocks) or
philox/bits=B (tl.philox of the counters stored under philox/bits=B/counters, then umulhi of its first two words,
uint_to_uniform_float of the first and pair_uniform_to_normal of the first two uniforms); the offsets are
`offsets(dtype)` below. The script also checks Triton against tests/execution/philox_ref.py and prints the
largest differences, so a disagreement of the reference shows at once.
"""
from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))   # execution_kernels, philox_ref

N = 64
KINDS = ("randint", "rand", "randn", "randint4x", "rand4x", "randn4x")
SEEDS = (0, 42, -7, 2**31 - 1, 2**40 + 12345)
ROUNDS = (10, 7, 1, 0)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "random_goldens.npz")


def offsets(dtype: str) -> np.ndarray:
    """The offsets of the int32 and int64 cases."""
    if dtype == "int32":
        return np.arange(N, dtype=np.int32) * 3 + 5
    return (np.arange(N, dtype=np.int64) << 33) - 3


def cases() -> list[tuple[str, int, str, int]]:
    """(kind, seed, offsets dtype, rounds) of every golden of the random functions."""
    out = [(k, s, "int32", 10) for k in KINDS for s in SEEDS]
    out += [(k, 2**40 + 1, "int64", 10) for k in ("randint4x", "rand", "randn4x")]
    out += [("randint4x", 3, "int32", r) for r in ROUNDS]
    return out


def counters(bits: int) -> np.ndarray:
    """The counters of the philox case: random words plus an all-ones and an all-zero column."""
    utype = {32: np.uint32, 64: np.uint64}[bits]
    c = np.random.default_rng(bits).integers(0, 2**bits, size=(4, N), dtype=utype)
    c[:, 0], c[:, 1] = np.iinfo(utype).max, 0
    return c


PHILOX_SEED = {32: 987654321, 64: 0x1234_5678_9ABC_DEF0}


def triton_kernels(*names: str) -> list:
    """The execution suite's kernels of these names, compiled by Triton instead of pantile: their source is
    written to a module that imports triton in pantile's place, so both run the very same kernel text."""
    import importlib.util   # noqa: PLC0415
    import inspect   # noqa: PLC0415
    import tempfile   # noqa: PLC0415

    import execution_kernels   # noqa: PLC0415  (beside this script)
    source = "import triton\nimport triton.language as tl\n\n\n" + "\n\n".join(
        inspect.getsource(getattr(execution_kernels, n).fn).replace("@pantile.jit", "@triton.jit") for n in names)
    path = os.path.join(tempfile.mkdtemp(prefix="pantile-goldens-"), "triton_random_kernels.py")
    with open(path, "w") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location("triton_random_kernels", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [getattr(module, n) for n in names]


def main() -> None:
    import torch
    import triton

    random_blocks, philox_parts = triton_kernels("random_blocks", "philox_and_parts")
    from philox_ref import reference   # noqa: PLC0415  (beside this script)

    # torch has no uint32/uint64 arithmetic on every version, so unsigned words travel as signed ones.
    signed = {32: torch.int32, 64: torch.int64}
    goldens: dict[str, np.ndarray] = {"triton_version": np.array(triton.__version__)}
    for kind, seed, odt, rounds in cases():
        offs = offsets(odt)
        bits = offs.itemsize * 8
        blocks = 4 if kind.endswith("4x") else 1
        torch_dtype = signed[bits] if kind.startswith("randint") else torch.float32
        out = torch.zeros(blocks * N, dtype=torch_dtype, device="cuda")
        random_blocks[(1,)](out, torch.from_numpy(offs).cuda(), seed, N=N, KIND=kind, ROUNDS=rounds)
        got = out.cpu().numpy().reshape(blocks, N)
        if kind.startswith("randint"):
            got = got.view({32: np.uint32, 64: np.uint64}[bits])
        name = f"{kind}/seed={seed}/offsets={odt}/rounds={rounds}"
        goldens[name] = got
        diff = np.abs(got.astype(np.float64) - np.stack(reference(kind, seed, offs, rounds)).astype(np.float64))
        print(f"{name}: largest difference from philox_ref {diff.max():.3g}")
    for bits in (32, 64):
        c = counters(bits)
        words = torch.zeros(5 * N, dtype=signed[bits], device="cuda")
        uniform = torch.zeros(N, dtype=torch.float32, device="cuda")
        normal = torch.zeros(2 * N, dtype=torch.float32, device="cuda")
        philox_parts[(1,)](torch.from_numpy(c.view(np.int32 if bits == 32 else np.int64)).cuda(), words, uniform,
                           normal, PHILOX_SEED[bits], N=N)
        goldens[f"philox/bits={bits}/counters"] = c
        goldens[f"philox/bits={bits}/words"] = words.cpu().numpy().view(c.dtype).reshape(5, N)
        goldens[f"philox/bits={bits}/uniform"] = uniform.cpu().numpy()
        goldens[f"philox/bits={bits}/normal"] = normal.cpu().numpy().reshape(2, N)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    np.savez_compressed(OUT, **goldens)
    print(f"wrote {len(goldens)} arrays to {OUT}")


if __name__ == "__main__":
    main()
