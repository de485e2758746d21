"""The interpreter as a registered target: its artifact is the kernel's text IR, checked by the IR verifier."""
import dataclasses

import pytest

import pantile
import pantile.language as tl
from pantile.targets.base import ValidationError
from pantile.targets.registry import get_target


@pantile.jit
def scale(x_ptr, out_ptr, factor, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs) * factor)


def test_the_artifact_is_the_verified_ir_of_the_kernel():
    artifact = pantile.compile(scale, signature=["*fp32", "*fp32", "fp32"], constexprs={"BLOCK": 64}, target="interp")
    text = artifact.binary.decode()
    assert artifact.format == "pt-ir" and '"pt.load"' in text and '"pt.store"' in text
    assert [a.name for a in artifact.args] == ["x_ptr", "out_ptr", "factor"] and artifact.args[1].writes
    damaged = dataclasses.replace(artifact, binary=text.replace('"pt.load"', '"pt.lode"', 1).encode())
    with pytest.raises(ValidationError, match="scale"):
        get_target("interp").validate(damaged)
