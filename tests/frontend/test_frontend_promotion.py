"""Triton's type promotion: the op and operand/result types each operator produces."""
import pytest

from pantile.frontend import build_ir
from pantile.ir import PointerType, ScalarType

from frontend_kernels.promotion import apply_operator

# (a block element type, b: a scalar type name or a Python number, operator, pt op, operand type, result type)
TABLE = [
    ("i8", "u8", "+", "pt.add", "u8", "u8"),
    ("i32", 1, "+", "pt.add", "i32", "i32"),
    ("u8", 1, "+", "pt.add", "u8", "u8"),
    ("i8", 3, "*", "pt.mul", "i8", "i8"),
    ("i32", 1.5, "+", "pt.add", "f32", "f32"),
    ("f16", 1.5, "+", "pt.add", "f16", "f16"),
    ("bf16", 2.0, "*", "pt.mul", "bf16", "bf16"),
    ("f16", True, "*", "pt.mul", "f16", "f16"),
    ("f16", "f32", "+", "pt.add", "f32", "f32"),
    ("f16", "f16", "+", "pt.add", "f16", "f16"),
    ("f16", "f16", "/", "pt.div", "f32", "f32"),
    ("f16", 2.0, "/", "pt.div", "f32", "f32"),
    ("bf16", "f16", "+", "pt.add", "f16", "f16"),
    ("bf16", "bf16", "+", "pt.add", "bf16", "bf16"),
    ("bf16", "f32", "*", "pt.mul", "f32", "f32"),
    ("f8e4m3", "f8e4m3", "+", "pt.add", "f8e4m3", "f8e4m3"),
    ("f8e4m3", "f8e5m2", "+", "pt.add", "f16", "f16"),
    ("i32", "f64", "+", "pt.add", "f64", "f64"),
    ("i32", "i32", "/", "pt.div", "f32", "f32"),
    ("i32", 2, "/", "pt.div", "f32", "f32"),
    ("f32", "i32", "/", "pt.div", "f32", "f32"),
    ("i32", "i64", "+", "pt.add", "i64", "i64"),
    ("u32", "i32", "+", "pt.add", "u32", "u32"),
    ("u16", "i32", "+", "pt.add", "i32", "i32"),
    ("i64", "u32", "*", "pt.mul", "i64", "i64"),
    ("u64", "i32", "*", "pt.mul", "u64", "u64"),
    ("i32", "i32", "//", "pt.div", "i32", "i32"),
    ("u32", "u32", "%", "pt.rem", "u32", "u32"),
    ("f32", "f32", "%", "pt.rem", "f32", "f32"),
    ("i1", "i32", "+", "pt.add", "i32", "i32"),
    ("i1", "i1", "&", "pt.and", "i1", "i1"),
    ("i16", "i16", "<<", "pt.shl", "i16", "i16"),
    ("i8", "u8", "<", "pt.cmp", "u8", "i1"),
    ("i32", 0.5, "<", "pt.cmp", "f32", "i1"),
    ("u8", 200, "<", "pt.cmp", "u8", "i1"),
]


@pytest.mark.parametrize("a,b,symbol,op_name,operand,result", TABLE,
                         ids=[f"{a}{s}{b}" for a, b, s, *_ in TABLE])
def test_promotion(a, b, symbol, op_name, operand, result) -> None:
    python_b = not isinstance(b, str)
    sig = {"a_ptr": PointerType(ScalarType(a)), "b_ptr": PointerType(ScalarType("i32" if python_b else b)),
           "out_ptr": PointerType(ScalarType(result))}
    module = build_ir(apply_operator, sig, {"OP": symbol, "B": b if python_b else None})
    store = [op for op in module.walk() if op.name == "pt.store"][-1]
    op = store.operands[1].owner
    assert op.name == op_name
    assert [str(v.type) for v in op.operands] == [f"block<4x{operand}>"] * 2
    assert str(op.results[0].type) == f"block<4x{result}>"
