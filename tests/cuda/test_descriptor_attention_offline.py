"""The tensor-descriptor attention of pantile.examples.attention on cuda:sm_90a, offline: Q is copied once and K
and V are pipelined by TMA (UTMALDG in the SASS), Kᵀ copied as it lies and read K-major by wgmma (HGMMA), no
pointer loads left, and ptxas reports no spills at the benchmark's configs (Triton tutorial 06's list)."""
import re

import pytest

from pantile.examples.attention import descriptor_attention_kernel, tutorial_configs
from pantile.ir import BlockType, TensorDescType
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import CompileOptions
from pantile.targets.cuda.ptx import disassemble, find_tool
from pantile.targets.registry import get_target


def descriptor_attention_artifact(bm: int, bn: int, warps: int, stages: int, causal: bool, dim: int = 128,
                                  pointer: str = "*fp16"):
    """The kernel as the benchmark's launch specialises it: [B * H * N, dim] tensors (f16 unless `pointer` says
    otherwise), 16-divisible."""
    elem = parse_signature_type(pointer).pointee
    sig = [("sm_scale", parse_signature_type("fp32"))]
    consts = [("HEAD_DIM", dim), ("BLOCK_M", bm), ("BLOCK_N", bn), ("CAUSAL", causal)]
    attrs = []
    for name, rows in (("q_desc", bm), ("k_desc", bn), ("v_desc", bn), ("o_desc", bm)):
        sig.append((name, TensorDescType(BlockType((rows, dim), elem), "zero")))
        consts.append((f"{name}.strides.1", 1))
        attrs += [(name, (("divisibility", 16),))] + [(f"{name}.{part}", (("divisibility", 16),))
                                                      for part in ("shape.0", "shape.1", "strides.0")]
    sig.append(("seq_len", parse_signature_type("i32")))
    attrs.append(("seq_len", (("divisibility", 16),)))
    spec = Specialization(tuple(sig), tuple(consts), tuple(attrs))
    return compile_artifact(descriptor_attention_kernel, spec, get_target("cuda:sm_90a"),
                            CompileOptions(num_warps=warps, num_stages=stages))


# 128x128 tiles on one warpgroup: the P·V accumulator (128x128 f32) and the scores (128x128 f32) are 128 registers
# a thread each, more than the 255 a thread has with anything else live
ONE_WARPGROUP_128X128 = pytest.mark.xfail(strict=True, reason="128x128 on 4 warps holds 256 accumulator registers "
                                          "a thread (P·V's and the scores'): it spills")
CONFIGS = [pytest.param(causal, cfg, id=("causal-" if causal else "full-") + "x".join(map(str, cfg)),
                        marks=[ONE_WARPGROUP_128X128] if cfg[:3] == (128, 128, 4) else [])
           for causal in (False, True) for cfg in tutorial_configs(causal)]


@pytest.mark.parametrize("causal,config", CONFIGS)
def test_descriptor_attention_copies_by_tma_without_spills(causal, config) -> None:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    bm, bn, warps, stages = config
    art = descriptor_attention_artifact(bm, bn, warps, stages, causal)
    sass = disassemble(art.binary)
    assert "UTMALDG.2D" in sass and "HGMMA.64x" in sass
    assert not re.search(r"\sLDG(STS)?\.", sass)                        # no tile comes through pointers
    assert "LDL" not in sass and "STL" not in sass
    assert (art.metadata["spill_stores"], art.metadata["spill_loads"]) == (0, 0), art.metadata


@pytest.mark.parametrize("bm,bn,causal", [(16, 32, False), (32, 16, True)])
def test_f32_descriptor_attention_compiles_where_a_dot_does_not_tile_into_mma(bm, bn, causal) -> None:
    """The f32 (tf32) cases of tests/execution's descriptor attention: at 16 rows on 4 warps P·V (16x16) does
    not tile into mma.sync and runs on FMAs, so its V tile wants no matrix placement and comes through
    pointers; the compile used to fail asking mma_kinds for that placement."""
    art = descriptor_attention_artifact(bm, bn, 4, 3, causal, dim=16, pointer="*fp32")
    sass = disassemble(art.binary)
    assert "HMMA" in sass and re.search(r"\sLDG(STS)?\.", sass)
    assert (art.metadata["spill_stores"], art.metadata["spill_loads"]) == (0, 0), art.metadata
