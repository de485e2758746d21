"""tl.inline_asm_elementwise: inline assembly applied element by element (only a target whose capability
record names an assembly language takes it; the others refuse it at the call's line)."""
from __future__ import annotations

from typing import Any, Sequence, Union

from pantile.ir import block_of

from ..errors import LanguageError
from .core import builder, builtin, dtype, tensor, unwrap
from .elementwise import as_tensor, broadcast_shapes, broadcast_to_shape


@builtin
def inline_asm_elementwise(asm: str, constraints: str, args: Sequence[Any], dtype: Union[dtype, Sequence[dtype]],
                           is_pure: bool, pack: int) -> Any:
    """The results of `asm` (with LLVM-style `constraints`, outputs first) on `args` broadcast to one shape,
    `pack` elements per execution; one tensor of `dtype`, or a tuple for a tuple of dtypes."""
    asm, constraints, pack, is_pure = unwrap(asm), unwrap(constraints), unwrap(pack), unwrap(is_pure)
    dtypes = unwrap(dtype)
    single = not isinstance(dtypes, (tuple, list))
    dtypes = [unwrap(d) for d in ([dtypes] if single else dtypes)]
    if not isinstance(asm, str) or not isinstance(constraints, str):
        raise LanguageError("inline_asm_elementwise needs the assembly and the constraints as strings")
    if not isinstance(pack, int) or pack < 1:
        raise LanguageError(f"inline_asm_elementwise needs pack >= 1, got {pack!r}")
    if not dtypes or not all(isinstance(d, type(dtypes[0])) and hasattr(d, "to_ir") for d in dtypes):
        raise LanguageError("inline_asm_elementwise needs dtype to be a dtype or a tuple of dtypes")
    values = [as_tensor(a, "an inline_asm_elementwise argument") for a in unwrap(args)]
    shape = broadcast_shapes(*(v.shape for v in values)) if values else ()
    values = [broadcast_to_shape(v, shape) for v in values]
    op = builder().create("pt.inline_asm", [v.handle for v in values], [block_of(shape, d.to_ir()) for d in dtypes],
                          {"asm": asm, "constraints": constraints, "pure": bool(is_pure), "pack": pack})
    results = tuple(tensor(r) for r in op.results)
    return results[0] if single else results


__all__ = ["inline_asm_elementwise"]
