"""The descriptor matmul with its descriptors made in the kernel, on cuda:sm_90a, offline: each program writes the
tensor maps of A and B into its global scratch (tensormap.replace of every field in shared memory, then
tensormap.cp_fenceproxy and the acquire fence), with the boxes and swizzles the TensorDescriptor-argument form
gets, and the tiles come by TMA (UTMALDG) into the slots wgmma reads (HGMMA); no spills at the benchmark's
configs; descriptors TMA cannot be proved to address, and sm_80, keep the pointer path and need no scratch."""
import re

import pytest

from descriptor_matmul import descriptor_matmul_artifact
from kernel_descriptor_matmul import kernel_descriptor_artifact
from pantile.ir import TensorDescType
from pantile.targets.cuda.ptx import assemble, disassemble, find_tool
from pantile.targets.cuda.tensor_map import DATA_TYPES
from pantile.targets.cuda.tma_descriptor import device_data_type
from test_tma_offline import BENCH_CONFIGS

REPLACE = "tensormap.replace.tile.{}.shared::cta.b1024.b{}"


def _field(ptx: str, field: str, width: int = 32) -> list[str]:
    """The values the PTX gives `field`, in order (with the dimension first where the field has one)."""
    return re.findall(re.escape(REPLACE.format(field, width)) + r" \[%r\d+\], ([^;]+);", ptx)


def _boxes(ptx: str) -> list[tuple[int, int]]:
    """Each map's box, outermost first."""
    dims = [int(v.split(", ")[1]) for v in _field(ptx, "box_dim")]
    return [(dims[i + 1], dims[i]) for i in range(0, len(dims), 2)]


@pytest.mark.parametrize("dtype,elemtype", [("fp16", 6), ("bf16", 10)])
def test_each_program_writes_its_maps_and_the_tiles_come_by_utmaldg(dtype: str, elemtype: int) -> None:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    art = kernel_descriptor_artifact(dtype, 128, 256, 64, 8, 3)
    ptx = art.asm["ptx"]
    assert ".version 8.6" in ptx
    assert art.args[-1].name == "scratch.global" and str(art.args[-1].type) == "ptr<i8, 1>"
    assert not any(isinstance(a.type, TensorDescType) for a in art.args)            # no tensor-map parameter
    per_program, alignment, where = art.metadata["global_scratch"]
    assert (per_program, alignment) == (256, 128) and where.endswith("kernel_descriptor_matmul.py:18")
    assert len(_field(ptx, "global_address", 64)) == 2
    assert [v.split(", ")[0] for v in _field(ptx, "global_dim")] == ["0", "1"] * 2
    assert [v.split(", ")[0] for v in _field(ptx, "global_stride", 64)] == ["0"] * 2
    assert _field(ptx, "rank") == ["1"] * 2 and _field(ptx, "element_stride") == ["0, 1", "1, 1"] * 2
    assert _boxes(ptx) == [(128, 64), (64, 64)]                 # A in one 128-byte-row box, B in 64-column boxes
    assert _field(ptx, "elemtype") == [str(elemtype)] * 2 and _field(ptx, "swizzle_mode") == ["3"] * 2
    assert _field(ptx, "interleave_layout") == ["0"] * 2 and _field(ptx, "fill_mode") == ["0"] * 2
    assert ptx.count("tensormap.cp_fenceproxy.global.shared::cta.tensormap::generic.release.gpu.sync.aligned") == 2
    assert ptx.count("fence.proxy.tensormap::generic.acquire.gpu") == 2
    assert ptx.count("cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx::bytes") == 3 * 5
    sass = disassemble(art.binary)
    assert sass.count("UTMALDG.2D") == 3 * 5 and sass.count("UTMACCTL.IV") == 2
    assert sass.count("HGMMA.64x256x16.F32" + (".BF16" if dtype == "bf16" else "")) == 4
    assert "LDGSTS" not in sass and "LDL" not in sass and "STL" not in sass
    assert "warning" not in assemble(ptx, "sm_90a")[2]


@pytest.mark.parametrize("config", [c for c in BENCH_CONFIGS if c[3] % 4 == 0], ids=lambda c: "x".join(map(str, c)))
def test_the_maps_have_the_boxes_of_the_argument_form_and_no_spills(config) -> None:
    """One rule for both forms: the boxes a TensorDescriptor argument is encoded with are those the kernel writes
    (for A and B: the argument form also stores C by TMA, which tensor maps made in the kernel do not)."""
    made = kernel_descriptor_artifact("fp16", *config)
    given = descriptor_matmul_artifact("fp16", *config)
    assert _boxes(made.asm["ptx"]) == [a.type.block.dims for a in given.args if isinstance(a.type, TensorDescType)
                                       and not a.name.startswith("c_desc")]
    assert made.metadata["spill_stores"] == 0 and made.metadata["spill_loads"] == 0, made.metadata
    assert "wgmma.mma_async" in made.asm["ptx"]


def test_row_strides_tma_cannot_address_keep_the_pointer_pipeline_and_need_no_scratch() -> None:
    art = kernel_descriptor_artifact("fp16", 128, 128, 64, 4, 3, stride_div16=False)
    ptx = art.asm["ptx"]
    assert "tensormap" not in ptx and "cp.async.bulk.tensor" not in ptx and "mbarrier" not in ptx
    assert "cp.async.wait_group" in ptx and "wgmma.mma_async" in ptx
    assert "global_scratch" not in art.metadata and art.args[-1].name == "stride_cm"


def test_sm80_makes_no_tensor_maps() -> None:
    art = kernel_descriptor_artifact("fp16", 128, 128, 32, 4, 3, arch="cuda:sm_80")
    assert "tensormap" not in art.asm["ptx"] and "mma.sync.aligned.m16n8k16" in art.asm["ptx"]
    assert "global_scratch" not in art.metadata and art.args[-1].name == "stride_cm"


def test_the_device_numbers_element_types_as_the_driver_does_below_8() -> None:
    assert {e: device_data_type(e) for e in ("u8", "f8e4m3", "i32", "f16", "f32", "f64", "bf16")} == \
        {"u8": 0, "f8e4m3": 0, "i32": 3, "f16": 6, "f32": 7, "f64": 9, "bf16": 10}
    assert (DATA_TYPES["f64"], DATA_TYPES["bf16"]) == (8, 9)
