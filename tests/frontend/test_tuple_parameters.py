"""A tuple parameter arrives as one kernel argument per leaf (named by its path, as the runtime names them) and is a
tuple in the kernel; loops over a tuple, as over a tl.static_range, are unrolled as they are generated."""
import pantile.language as tl
from pantile.frontend import build_ir, jit
from pantile.ir import PointerType, ScalarType, print_module

F32 = PointerType(ScalarType("f32"))


@jit
def sum_rows(rows, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.float32)
    for i in tl.static_range(len(rows[0])):
        acc += tl.load(rows[0][i] + offs)
    for r in rows[1]:
        acc += r
    for k in tl.static_range(2):
        acc += k
    tl.store(out_ptr + offs, acc)


def test_leaves_are_the_arguments_and_loops_over_the_tuple_unroll():
    module = build_ir(sum_rows, {"rows.0.0": F32, "rows.0.1": F32, "rows.0.2": F32, "rows.1.1": ScalarType("f32"),
                                 "out_ptr": F32}, {"rows.1.0": 2.0, "BLOCK": 8})
    kernel = next(f for f in module.functions() if f.attributes.get("kernel"))
    assert kernel.attributes["function_type"].inputs == (F32, F32, F32, ScalarType("f32"), F32)
    text = print_module(module)
    assert text.count('"pt.load"') == 3
    assert '"scf.for"' not in text          # both static_ranges and the loop over the tuple are unrolled
