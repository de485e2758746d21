"""Bugs of Intel's OpenCL CPU compiler (intel-opencl-rt 2026.22) that pantile's intel:spirv lowering avoids, each with
its reproducer in OpenCL C, so that the vendor's compiler alone is under test. docs/intel-opencl-cpu.md describes
them and the forms pantile emits instead.

A negation kept across a barrier: in

    float v = -x;  barrier(CLK_LOCAL_MEM_FENCE);  out[lid] = v;

every work-item stores the last work-item's -x (the last 8-wide vector's with the vectoriser, the last work-item's
with CL_CONFIG_CPU_VECTORIZER_MODE=1), in f16, f32 and f64. The compiler's optimiser makes the same `fneg` of
x * -1, -0 - x and a sign-bit xor of an arithmetic result, so intel:spirv negates as fma(x, -1, -0) (IntelMath.neg);
this test checks that form against the compiler; tests/fuzz/regressions/test_negation_used_after_a_scan.py checks
pantile's `-x` on every target.
"""
import textwrap

import numpy as np
import pytest

from pantile.targets.intel.programs import quiet_build

NEGATION_ACROSS_A_BARRIER = """
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
__kernel void negate(__global const {T}* in, __global {T}* out) {{
    int lid = get_local_id(0);
    {T} x = {X};
    {T} v = {NEG};
    barrier(CLK_LOCAL_MEM_FENCE);
    out[lid] = v;
}}
"""
C_TYPES = {"float16": "half", "float32": "float", "float64": "double"}


def run_opencl_c(rt, source: str, x: np.ndarray, cache_dir: str) -> np.ndarray:
    """Build OpenCL C `source` (one kernel of an input and an output buffer) and run it as one work-group."""
    cl = rt.cl
    with quiet_build(cl):      # the build log lists vectoriser remarks
        kernel = cl.Program(rt.context, source).build(cache_dir=cache_dir).all_kernels()[0]
    flags = cl.mem_flags
    src = cl.Buffer(rt.context, flags.READ_ONLY | flags.COPY_HOST_PTR, hostbuf=x)
    out = np.zeros_like(x)
    dst = cl.Buffer(rt.context, flags.WRITE_ONLY, out.nbytes)
    kernel(rt.queue, (x.size,), (x.size,), src, dst)
    cl.enqueue_copy(rt.queue, out, dst)
    rt.queue.finish()
    return out


@pytest.mark.parametrize("dtype", sorted(C_TYPES))
@pytest.mark.parametrize("operand", ("in[lid]", "in[lid] + in[lid ^ 8]"))
def test_fma_negation_is_kept_per_work_item_across_a_barrier(rt, dtype, operand, tmp_path):
    """The form IntelMath.neg emits: fma(x, -1, -0) survives the barrier (where -x does not), for a loaded x and
    for an arithmetic result (whose sign-bit xor the compiler turns into -x)."""
    if dtype == "float16" and not rt.info.fp16 or dtype == "float64" and not rt.info.fp64:
        pytest.skip(f"the OpenCL device has no {dtype}")
    t = C_TYPES[dtype]
    source = NEGATION_ACROSS_A_BARRIER.format(T=t, X=operand, NEG=f"fma(x, ({t})-1.0f, ({t})-0.0f)")
    x = np.arange(1, 33).astype(dtype)
    want = -(x + x[np.arange(32) ^ 8]) if "^" in operand else -x
    np.testing.assert_array_equal(run_opencl_c(rt, source, x, str(tmp_path)), want)


# Issue 17: tl.permute(x, (3, 2, 1, 0)) of a [1, 4, 8, 16] or [2, 4, 8, 16] block, then a reshape, ended the process
# with SIGSEGV: the layout conversion's local loads, one address per sub-group, became the gather with packed 32-bit
# indices (docs/intel-opencl-cpu.md); IntelHooks.shared_load makes them volatile. Run in a child process, as a
# regression would end the process it runs in.
PERMUTE_THEN_RESHAPE = textwrap.dedent("""
    import numpy as np
    import pantile
    import pantile.language as tl

    @pantile.jit
    def permute_flat(x_ptr, out_ptr, A: tl.constexpr, B: tl.constexpr, C: tl.constexpr, D: tl.constexpr):
        offs = tl.arange(0, A * B * C * D)
        x = tl.reshape(tl.load(x_ptr + offs), (A, B, C, D))
        tl.store(out_ptr + offs, tl.reshape(tl.permute(x, (3, 2, 1, 0)), (A * B * C * D,)))

    for shape in ((1, 4, 8, 16), (2, 4, 8, 16)):
        x = np.arange(np.prod(shape), dtype=np.float32)
        out = np.zeros_like(x)
        with pantile.target("intel:spirv"):
            permute_flat[(1,)](x, out, *shape)
        np.testing.assert_array_equal(out, x.reshape(shape).transpose(3, 2, 1, 0).reshape(-1))
""")


def test_permuted_block_reshaped(in_child):
    in_child(script=PERMUTE_THEN_RESHAPE)
