"""Reduced kernels of failures the differential fuzzer (tests/fuzz) found on intel:spirv alone, each run in a child
process: a kernel that crashes Intel's runtime ends the process it runs in."""
import textwrap

import pytest

# Fuzz seed 21 (of the first generator): an outer product of a block loaded at a program-dependent offset, scanned
# along axis 0, as a 64x64 block with the default 4 warps (warps per CTA [2, 2]). It ended the process with SIGSEGV in
# the runtime's 8-wide kernel: `vmovd (%rdi,%r10,4)` with r10 = two packed i32 indices of a gather from local memory
# used as one 64-bit index. The gathered loads read one local-memory address per sub-group (a layout conversion);
# such loads are now volatile on intel:spirv (IntelHooks.shared_load, docs/intel-opencl-cpu.md).
OUTER_PRODUCT_CUMSUM = textwrap.dedent("""
    import numpy as np
    import pantile
    import pantile.language as tl

    @pantile.jit
    def outer_cumsum(x_ptr, out_ptr, N: tl.constexpr):
        pid = tl.program_id(0)
        x = tl.load(x_ptr + pid * N + tl.arange(0, N))
        idx = pid * N * N + tl.arange(0, N)[:, None] * N + tl.arange(0, N)[None, :]
        tl.store(out_ptr + idx, tl.cumsum(x[:, None] * x[None, :], axis=0))

    x = np.arange(1, 65, dtype=np.int32)
    out = np.zeros((64, 64), np.int32)
    with pantile.target("intel:spirv"):
        outer_cumsum[(1,)](x, out, N=64)
    np.testing.assert_array_equal(out, np.cumsum(x[:, None] * x[None, :], axis=0))
""")


def test_outer_product_scanned_along_rows(in_child):
    in_child(script=OUTER_PRODUCT_CUMSUM)


# Long-run seeds that failed on intel:spirv alone: 1228 and 1298 (32x32 blocks of two programs, a float tl.dot of an
# int32 block cast to float, a masked integer % or //) ended the process with SIGSEGV, in the gather from local memory
# that seed 21 hit (the layout conversion of the rows' arange: one address per sub-group). Seed 306 (2x64 f16, a
# keep_dims row sum added back, negated, scanned in reverse along rows, the negated block stored) stored another
# work-item's values: Intel's compiler loses an fneg kept across a barrier (tests/intel/test_intel_compiler_bugs.py).
@pytest.mark.parametrize("seed", (306, 1228, 1298))
def test_fuzz_seed_on_intel(seed, in_child):
    in_child("-m", "tests.fuzz", "--n", "1", "--seed", str(seed), "--targets", "intel:spirv")
