"""AMD code objects offline: every architecture links to a HSACO whose notes show the expected wavefront, no
spills, and the kernarg layout derived from the signature; the shared lowering's exchanges become ds_bpermute
and s_barrier; a layout that differs from the code object's is refused."""
import dataclasses

import pytest

from amd_kernels import compile_for, grid_size, row_sum, scalars, vector_add
from pantile.targets.base import ValidationError
from pantile.targets.registry import get_target

ARCHS = ("hip:gfx90a", "hip:gfx942", "hip:gfx950", "hip:gfx1100", "hip:gfx1201")
WAVEFRONT = {"hip:gfx90a": 64, "hip:gfx942": 64, "hip:gfx950": 64, "hip:gfx1100": 32, "hip:gfx1201": 32}


def test_conformance_covers_mi200_mi300_and_rdna3():
    assert get_target("hip").family_archs() == ("hip:gfx90a", "hip:gfx942", "hip:gfx1100")


@pytest.mark.parametrize("arch", ARCHS)
def test_vector_add_links_and_validates(arch):
    art = compile_for(arch, vector_add, ["*fp32", "*fp32", "*fp32", "i32"], {"BLOCK": 1024})
    assert art.format == "hsaco" and art.binary[:4] == b"\x7fELF"
    assert art.metadata["vgpr_spill_count"] == 0 and art.metadata["sgpr_spill_count"] == 0
    assert 0 < art.metadata["vgpr_count"] <= 128
    assert get_target(arch).capabilities.warp_size == WAVEFRONT[arch]
    text = get_target(arch).disassemble(art)
    assert "global_load" in text and "global_store" in text and "s_endpgm" in text


@pytest.mark.parametrize("arch", ("hip:gfx942", "hip:gfx1100"))
def test_a_cross_warp_reduction_uses_ds_bpermute_and_s_barrier(arch):
    art = compile_for(arch, row_sum, ["*fp32", "*fp32"], {"COLS": 1024})
    text = get_target(arch).disassemble(art)
    assert "ds_bpermute_b32" in text and "s_barrier" in text
    assert art.metadata["group_segment_fixed_size"] > 0      # the cross-warp step goes through LDS


def test_the_grid_size_comes_from_the_hidden_block_counts():
    art = compile_for("hip:gfx942", grid_size, ["*i32"])
    from pantile.targets.hip.code_object import kernel_notes
    kinds = [a[".value_kind"] for a in kernel_notes(art.binary, art.kernel_name)[".args"]]
    assert "hidden_block_count_x" in kinds and "hidden_block_count_z" in kinds


def test_scalar_arguments_are_laid_out_at_their_alignment():
    art = compile_for("hip:gfx1100", scalars, ["*fp32", "i8", "fp32", "i64", "fp16"])
    from pantile.targets.hip.kernargs import explicit_layout
    assert [(a.offset, a.size, a.value_kind) for a in explicit_layout(art.args)] == [
        (0, 8, "global_buffer"), (8, 1, "by_value"), (12, 4, "by_value"), (16, 8, "by_value"), (24, 2, "by_value")]


def test_a_layout_that_differs_from_the_code_object_is_refused():
    art = compile_for("hip:gfx942", vector_add, ["*fp32", "*fp32", "*fp32", "i32"], {"BLOCK": 256})
    wrong = dataclasses.replace(art, args=art.args[:3] + (dataclasses.replace(art.args[3], type=art.args[0].type),))
    with pytest.raises(ValidationError, match=r"vector_add: kernel argument at offset 24 is 4 bytes of by_value in "
                                              r"the code object; the signature gives 8 bytes of global_buffer at 24"):
        get_target("hip:gfx942").validate(wrong)


def test_an_unknown_architecture_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown AMD architecture 'hip:gfx803': write hip:ARCH with ARCH one of "
                                         r"gfx90a, gfx942, gfx950, gfx1100, gfx1201"):
        get_target("hip:gfx803")
