"""One kernel applying operator OP to a loaded block and either a loaded scalar or the constexpr B."""
import pantile.language as tl
from pantile.frontend import jit


@jit
def apply_operator(a_ptr, b_ptr, out_ptr, OP: tl.constexpr, B: tl.constexpr):
    a = tl.load(a_ptr + tl.arange(0, 4))
    b = tl.load(b_ptr) if B is None else B
    if OP == "+":
        r = a + b
    elif OP == "*":
        r = a * b
    elif OP == "/":
        r = a / b
    elif OP == "//":
        r = a // b
    elif OP == "%":
        r = a % b
    elif OP == "&":
        r = a & b
    elif OP == "<<":
        r = a << b
    else:
        r = a < b
    tl.store(out_ptr + tl.arange(0, 4), r)
