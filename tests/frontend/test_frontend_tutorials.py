"""Tutorial-style kernels build to IR that verifies and survives the target-neutral pipeline."""
from collections import Counter

import pytest

from pantile.frontend import build_ir
from pantile.ir.verifier import verify
from pantile.passes import neutral_pipeline
from pantile.passes.manager import PassManager

from frontend_kernels.tutorials import TUTORIALS

# Ops each tutorial must still have after the neutral pipeline (inlining, folding, unrolling, DCE).
EXPECTED_OPS = {
    "add_vectors": {"pt.load": 2, "pt.store": 1, "pt.add": 2},
    "row_softmax": {"scf.for": 1, "pt.reduce": 2, "pt.exp": 1, "pt.div": 1},
    "grouped_matmul": {"scf.for": 1, "pt.dot": 1, "pt.min": 1, "pt.select": 1, "func.call": 0},
    "layer_norm_forward": {"scf.for": 3, "pt.reduce": 2, "pt.sqrt": 1, "pt.store": 3},
    "layer_norm_backward_dx": {"scf.while": 1, "pt.atomic_cas": 1, "pt.atomic_rmw": 2, "scf.if": 1,
                               "pt.barrier": 1, "pt.store": 3},
    "layer_norm_backward_dwdb": {"scf.for": 1, "pt.reduce": 2, "pt.store": 2},
    "attention_forward": {"scf.for": 1, "pt.dot": 2, "pt.exp2": 2, "pt.reduce": 2, "pt.and": 1},
}


@pytest.mark.parametrize("case", TUTORIALS, ids=[c.name for c in TUTORIALS])
def test_tutorial_builds_verifies_and_runs_the_neutral_pipeline(case) -> None:
    module = build_ir(case.kernel, case.signature(), case.constexprs)
    verify(module)
    PassManager(neutral_pipeline(), verify_each=True).run(module)
    verify(module)
    kernels = [f for f in module.functions() if f.attributes.get("kernel")]
    assert [k.attributes["sym_name"] for k in kernels] == [case.name]
    counts = Counter(op.name for op in kernels[0].walk())
    assert {name: counts[name] for name in EXPECTED_OPS[case.name]} == EXPECTED_OPS[case.name]


def test_every_tutorial_is_checked() -> None:
    assert sorted(c.name for c in TUTORIALS) == sorted(EXPECTED_OPS)
