"""Arrays passed as another element type (triton.reinterpret, TensorWrapper), dtype stand-ins for warmup
(MockTensor), and the interface kernels and their wrappers share (KernelInterface), as in triton."""
from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

import numpy as np

from pantile.frontend.language.core import dtype as tl_dtype


class KernelInterface:
    """What launchable objects share: `obj[grid](*args)` runs `obj.run(*args, grid=grid)`."""

    def run(self, *args: Any, grid: Any, **kwargs: Any) -> Any:
        """Launch over `grid` (implemented by each kind of kernel)."""
        raise NotImplementedError(f"{type(self).__name__} does not define run()")

    def __getitem__(self, grid: Any) -> Callable[..., Any]:
        return lambda *args, **kwargs: self.run(*args, grid=grid, **kwargs)


class TensorWrapper:
    """An array (numpy, torch, ...) that kernels see as pointing to elements of `dtype` (a tl dtype of the
    same width): uint32 data held in an int32 tensor, fp8 formats held as uint8."""

    def __init__(self, base: Any, dtype: tl_dtype) -> None:
        self.base = base
        self.dtype = dtype
        self.shape = base.shape
        self.data = getattr(base, "data", None)
        self.device = getattr(base, "device", "cpu")

    def data_ptr(self) -> int:
        """The base's data address."""
        return self.base.data_ptr() if hasattr(self.base, "data_ptr") else self.base.__array_interface__["data"][0]

    def stride(self, *dim: int) -> Any:
        """The base's strides, in elements."""
        if hasattr(self.base, "stride"):
            return self.base.stride(*dim)
        strides = tuple(s // self.base.itemsize for s in self.base.strides)
        return strides[dim[0]] if dim else strides

    def element_size(self) -> int:
        """Bytes per element."""
        return self.dtype.primitive_bitwidth // 8

    def numel(self) -> int:
        """The number of elements."""
        return int(np.prod(self.shape))

    def dim(self) -> int:
        """The number of dimensions."""
        return len(self.shape)

    def cpu(self) -> "TensorWrapper":
        """The same view of the base's host copy."""
        return TensorWrapper(self.base.cpu() if hasattr(self.base, "cpu") else self.base, self.dtype)

    def copy_(self, other: "TensorWrapper") -> "TensorWrapper":
        """Copy `other`'s base into this one's; self."""
        if hasattr(self.base, "copy_"):
            self.base.copy_(other.base)
        else:
            self.base[...] = other.base
        return self

    def clone(self) -> "TensorWrapper":
        """A wrapper of a copy of the base."""
        return TensorWrapper(self.base.clone() if hasattr(self.base, "clone") else self.base.copy(), self.dtype)

    def to(self, device: Any) -> "TensorWrapper":
        """The same view of the base moved to `device` (torch bases)."""
        return TensorWrapper(self.base.to(device), self.dtype)

    def new_empty(self, sizes: Sequence[int]) -> "TensorWrapper":
        """A wrapper of a new uninitialised base of `sizes`."""
        base = self.base.new_empty(sizes) if hasattr(self.base, "new_empty") else np.empty(sizes, self.base.dtype)
        return TensorWrapper(base, self.dtype)

    def __str__(self) -> str:
        return f"TensorWrapper[{self.dtype}]({self.base})"


def reinterpret(tensor: Any, dtype: tl_dtype) -> Any:
    """`tensor` seen by kernels as holding `dtype` elements (the base itself when that is its own dtype)."""
    if isinstance(tensor, TensorWrapper):
        same = str(dtype) == str(tensor.base.dtype).replace("torch.", "")
        return tensor.base if same else TensorWrapper(tensor.base, dtype)
    if hasattr(tensor, "data_ptr") or isinstance(tensor, np.ndarray):
        if not isinstance(dtype, tl_dtype) or dtype.primitive_bitwidth != tensor.dtype.itemsize * 8:
            raise TypeError(f"reinterpret: {dtype!r} is not a dtype as wide as the array's {tensor.dtype}; "
                            f"pass a tl dtype of {tensor.dtype.itemsize * 8} bits")
        return TensorWrapper(tensor, dtype)
    raise TypeError(f"reinterpret: cannot reinterpret a {type(tensor).__name__}; pass a numpy array or a tensor")


class MockTensor:
    """A stand-in for an array of `dtype` with no data, for compiling with kernel.warmup(...)."""

    def __init__(self, dtype: Any, shape: Optional[Sequence[int]] = None) -> None:
        self.dtype = dtype
        self.shape = tuple(shape) if shape is not None else (1,)

    @staticmethod
    def wrap_dtype(arg: Any) -> Any:
        """A MockTensor for a torch or numpy dtype given where an array goes (also inside a tuple); anything else
        unchanged."""
        if type(arg) is tuple:
            return tuple(MockTensor.wrap_dtype(a) for a in arg)
        if isinstance(arg, np.dtype) or (type(arg).__name__, type(arg).__module__) == ("dtype", "torch"):
            return MockTensor(arg)
        return arg

    def data_ptr(self) -> int:
        """No data: address 0 (aligned as any array)."""
        return 0

    def stride(self) -> tuple[int, ...]:
        """Row-major strides of the shape."""
        return tuple(int(np.prod(self.shape[i + 1:])) for i in range(len(self.shape)))
