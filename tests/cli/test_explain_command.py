"""`pantile explain`: the five examples on every target installed here, and clear errors for bad input."""
import pytest

from pantile.cli import main
from targets_under_test import requested_targets

EXAMPLES = {
    "vector_add": ("add_kernel", "4", "f32[4000],f32[4000],f32[4000],4000", "BLOCK_SIZE=1024"),
    "softmax": ("softmax_kernel", "16", "f32[64x100],f32[64x100],100,100,64,100", "BLOCK_SIZE=128"),
    "matmul": ("matmul_kernel", "4", "f32[64x64],f32[64x64],f32[64x64],64,64,64,64,1,64,1,64,1",
               "BLOCK_M=32,BLOCK_N=32,BLOCK_K=32,GROUP_M=8"),
    "layer_norm": ("layer_norm_kernel", "8", "f32[8x100],f32[8x100],f32[100],f32[100],f32[8],f32[8],100,100,1e-5",
                   "BLOCK_SIZE=128"),
    "attention": ("attention_kernel", "2,2", "f32[2x64x16],f32[2x64x16],f32[2x64x16],f32[2x64x16],64,0.25,1024,16",
                  "HEAD_DIM=16,BLOCK_M=32,BLOCK_N=32"),
}


@pytest.mark.parametrize("target", requested_targets())
@pytest.mark.parametrize("example", EXAMPLES)
def test_explain_prints_time_work_roof_and_occupancy_for_each_example(example, target, capsys):
    kernel, grid, args, constexprs = EXAMPLES[example]
    status = main(["explain", f"pantile.examples.{example}:{kernel}", "--target", target, "--grid", grid,
                   "--args", args, "--constexpr", constexprs])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"{kernel} on {target}" in out
    for part in ("predicted", "bound by", "occupancy", "limited by", "loaded", "stored", "intensity", "FLOP"):
        assert part in out, part


def test_explain_measures_when_asked(capsys):
    status = main(["explain", "pantile.examples.vector_add:add_kernel", "--target", "cpu", "--grid", "4",
                   "--args", "f32[4000],f32[4000],f32[4000],4000", "--constexpr", "BLOCK_SIZE=1024", "--measure"])
    out = capsys.readouterr().out
    assert status == 0 and "measured" in out and "x predicted" in out


@pytest.mark.parametrize("option, value, message", [
    ("--grid", "0", "--grid '0': write one to three positive integers joined by commas, e.g. 64,8"),
    ("--args", "f32[4000],q7[4],f32[4000],4000", "--args 'q7[4]': unknown element type 'q7'"),
    ("--args", "f32[4000],f32[4000],f32[4000],n", "--args 'n': write an array as TYPE[SHAPE] (e.g. f32[1024x64]) or "
                                                  "a number"),
])
def test_bad_options_are_refused_naming_the_option(option, value, message, capsys):
    argv = {"--grid": "4", "--args": "f32[4000],f32[4000],f32[4000],4000", option: value}
    status = main(["explain", "pantile.examples.vector_add:add_kernel", "--target", "cpu",
                   "--grid", argv["--grid"], "--args", argv["--args"], "--constexpr", "BLOCK_SIZE=1024"])
    assert status == 2
    assert message in capsys.readouterr().out
