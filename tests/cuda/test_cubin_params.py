"""Where ptxas puts each kernel parameter, read from the cubin's .nv.info (targets/cuda/cubin.py): the offsets a
launch packs at. Without tensor maps they are a C struct's; offline (ptxas from pip)."""
import pytest

import pantile
import pantile.language as tl
from pantile.targets.cuda.cubin import kernel_params
from pantile.targets.launch.binding import c_struct_layout


@pantile.jit
def mixed(x_ptr, n, scale, big, out_ptr, flag, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n)
    tl.store(out_ptr + offs, x * scale + big.to(tl.float32) + flag.to(tl.float32), mask=offs < n)


@pytest.mark.parametrize("arch", ["cuda:sm_80", "cuda:sm_90a"])
def test_scalar_and_pointer_parameters_sit_as_in_a_c_struct(arch):
    artifact = pantile.compile(mixed, {"x_ptr": "*fp32", "n": "i32", "scale": "fp32", "big": "i64",
                                       "out_ptr": "*fp32", "flag": "i8"}, {"BLOCK": 64}, target=arch)
    layout = c_struct_layout(artifact.args)
    assert kernel_params(artifact.binary, "mixed") == (tuple(s.offset for s in layout.slots), layout.size)
    assert (artifact.metadata["param_offsets"], artifact.metadata["param_bytes"]) == \
        (tuple(s.offset for s in layout.slots), layout.size)


def test_a_kernel_the_cubin_does_not_hold_is_named():
    artifact = pantile.compile(mixed, {"x_ptr": "*fp32", "n": "i32", "scale": "fp32", "big": "i64",
                                       "out_ptr": "*fp32", "flag": "i8"}, {"BLOCK": 64}, target="cuda:sm_80")
    with pytest.raises(ValueError, match="^the cubin has no .nv.info section for kernel other$"):
        kernel_params(artifact.binary, "other")


@pantile.jit
def tuple_scaled(xy, scales, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(xy[0] + offs) * scales[0] + tl.load(xy[1] + offs) * scales[1][0])


def test_a_tuple_parameter_is_its_leaves():
    artifact = pantile.compile(tuple_scaled, {"xy": ("*fp32", "*fp16"), "scales": ("fp32", ("i64",)),
                                              "out_ptr": "*fp32"}, {"BLOCK": 64}, target="cuda:sm_90a")
    assert [a.name for a in artifact.args] == ["xy.0", "xy.1", "scales.0", "scales.1.0", "out_ptr"]
    layout = c_struct_layout(artifact.args)
    assert kernel_params(artifact.binary, "tuple_scaled") == (tuple(s.offset for s in layout.slots), layout.size)
