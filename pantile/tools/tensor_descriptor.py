"""TensorDescriptor: a strided tensor passed to a kernel whose parameter it becomes a tl.tensor_descriptor of.

    from pantile.tools.tensor_descriptor import TensorDescriptor     # or triton.tools.tensor_descriptor
    kernel[grid](TensorDescriptor.from_tensor(x, [64, 64]), ...)

The launch passes the base array, the shape and the strides (and, where the kernel copies its tiles by TMA,
the CUtensorMap it encodes from them); the kernel reads and writes tiles of `block_shape` through the
parameter (desc.load / desc.store), zero (or NaN) outside the shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

MAX_RANK = 5
_INT32_MAX = 2**31 - 1


@dataclass
class TensorDescriptor:
    """The tensor at `base` (an array) with `shape` and `strides` (in elements), accessed in tiles of
    `block_shape`; `padding` ('zero' or 'nan') is what loads read outside the shape."""

    base: Any
    shape: Sequence[int]
    strides: Sequence[int]
    block_shape: Sequence[int]
    padding: str = "zero"

    def __setattr__(self, name: str, value: Any) -> None:
        # The shape and strides are kept as tuples of ints whenever they are set (a launch keys its encoded tensor
        # maps by them). The tile shape is checked and kept as a tuple whenever it is set: an autotuner config's
        # pre_hook sets it for that config (Triton's `nargs["a_desc"].block_shape = [BLOCK_M, BLOCK_K]`), after
        # construction.
        if name in ("shape", "strides"):
            value = tuple(int(s) for s in value)
        elif name == "block_shape":
            value = tuple(value)
            for b in value:
                if isinstance(b, bool) or not isinstance(b, int) or b <= 0 or b & (b - 1):
                    raise ValueError(f"TensorDescriptor: block_shape {list(value)} must hold powers of 2")
            if "shape" in self.__dict__ and "block_shape" in self.__dict__ and len(value) != len(self.shape):
                raise ValueError(f"TensorDescriptor: block_shape {list(value)} must have one entry per dimension "
                                 f"of shape {list(self.shape)}")
        object.__setattr__(self, name, value)

    def __post_init__(self) -> None:
        rank = len(self.shape)
        if not 1 <= rank <= MAX_RANK:
            raise ValueError(f"TensorDescriptor: the tensor must have 1 to {MAX_RANK} dimensions, got {rank}")
        if len(self.strides) != rank or len(self.block_shape) != rank:
            raise ValueError(f"TensorDescriptor: shape {list(self.shape)}, strides {list(self.strides)} and "
                             f"block_shape {list(self.block_shape)} must have one entry per dimension")
        if any(not 0 <= s <= _INT32_MAX for s in self.shape):
            raise ValueError(f"TensorDescriptor: shape {list(self.shape)} must hold sizes from 0 to {_INT32_MAX}")
        if self.padding not in ("zero", "nan"):
            raise ValueError(f"TensorDescriptor: padding must be 'zero' or 'nan', got {self.padding!r}")
        if self.padding == "nan" and not _is_floating(self.base.dtype):
            raise ValueError(f"TensorDescriptor: padding 'nan' needs a floating-point tensor, got {self.base.dtype}")

    @staticmethod
    def from_tensor(tensor: Any, block_shape: Sequence[int], padding: str = "zero") -> "TensorDescriptor":
        """The descriptor of a whole array (numpy or torch), with its own shape and strides."""
        return TensorDescriptor(tensor, tuple(tensor.shape), element_strides(tensor), block_shape, padding)


def _is_floating(dtype: Any) -> bool:
    """True for numpy and torch float dtypes."""
    return getattr(dtype, "is_floating_point", False) is True or getattr(dtype, "kind", "") == "f"


def element_strides(tensor: Any) -> tuple[int, ...]:
    """An array's strides in elements: torch's stride(), numpy's byte strides divided by the item size."""
    if callable(getattr(tensor, "stride", None)):
        return tuple(tensor.stride())
    itemsize = tensor.dtype.itemsize
    if any(s % itemsize for s in tensor.strides):
        raise ValueError(f"TensorDescriptor: strides {tensor.strides} (bytes) are not whole elements of "
                         f"{itemsize} bytes; copy the array first (np.ascontiguousarray)")
    return tuple(s // itemsize for s in tensor.strides)


__all__ = ["TensorDescriptor"]
