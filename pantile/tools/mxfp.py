"""Host-side OCP microscaling (MX) data, as triton.tools.mxfp: `MXFP4Tensor` holds E2M1 codes (a sign bit, two
exponent bits of bias 1, one mantissa bit: magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6), one code a uint8, packed two
to a byte along a dimension (the even element in the low nibble); `MXScaleTensor` holds E8M0 scales (2**(e-127),
255 is NaN), the scale of each block of 32 elements.

The data is a torch tensor where a torch tensor was given or a `device` was named (as Triton's, on that device,
with the same random draws for the same torch seed), else a numpy array.
"""
from __future__ import annotations

from typing import Any, Optional, Union

import numpy as np

E2M1_VALUES = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0], dtype=np.float32)   # magnitude of code & 7
E8M0_NAN = 255
E8M0_BIAS = 127
BLOCK = 32                                                                              # elements per MX scale


def _is_torch(value: Any) -> bool:
    return type(value).__module__.startswith("torch")


def _to_numpy(data: Any) -> np.ndarray:
    return data.detach().cpu().numpy() if _is_torch(data) else np.asarray(data)


def _is_float32(dtype: Any) -> bool:
    return dtype in (np.float32, "float32") or str(dtype) == "torch.float32"


class _MXData:
    """What both tensors share: where the data lives and how it goes back there."""

    def __init__(self, data: Any, size: Union[int, tuple, None], device: Any) -> None:
        self.device = device
        self.torch = device is not None or _is_torch(data)
        if data is not None:
            if _is_torch(data):
                self.device = data.device
            self.data = self._wrap(self._from_float(np.asarray(_to_numpy(data), dtype=np.float32)))
        elif size is not None:
            self.size = size if isinstance(size, tuple) else (size,)
        else:
            raise ValueError("Either parameter data or size must be provided")

    def _wrap(self, codes: np.ndarray) -> Any:
        if not self.torch:
            return codes
        import torch
        return torch.from_numpy(np.ascontiguousarray(codes)).to(self.device)

    def _randint(self, low: int, high: int) -> Any:
        """Uniform uint8 values in [low, high): torch.randint on the device in torch mode, else numpy's."""
        if self.torch:
            import torch
            return torch.randint(low, high, size=self.size, dtype=torch.uint8, device=self.device)
        return np.random.randint(low, high, size=self.size).astype(np.uint8)

    def _from_float(self, values: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class MXFP4Tensor(_MXData):
    """E2M1 data: from float32 values (`data`, rounded to nearest, ties to even; beyond 6, Inf and NaN become
    6 with their sign), or `size` to fill with `random()`."""

    def __init__(self, data: Any = None, size: Union[int, tuple, None] = None, device: Any = None) -> None:
        super().__init__(data, size, device)

    def random(self) -> "MXFP4Tensor":
        """Random codes: a random sign, exponent and mantissa each (every code equally likely); self."""
        sign, exponent, mantissa = self._randint(0, 2), self._randint(0, 4), self._randint(0, 2)
        self.data = (sign << 3) | (exponent << 1) | mantissa
        return self

    def to(self, dtype: Any) -> Any:
        """The values as float32 (the only type offered, as in Triton)."""
        if not _is_float32(dtype):
            raise ValueError(f"MXFP4Tensor converts only to float32, not {dtype}")
        return self._as_float(self.data)

    def _as_float(self, codes: Any) -> Any:
        c = _to_numpy(codes).astype(np.uint8)
        values = np.where(c & 8, -E2M1_VALUES[c & 7], E2M1_VALUES[c & 7]).astype(np.float32)
        return self._wrap(values) if self.torch else values

    def _from_float(self, values: np.ndarray) -> np.ndarray:
        sign = np.signbit(values).astype(np.uint8) << 3
        magnitude = np.abs(values)
        magnitude = np.where(np.isfinite(magnitude), magnitude, E2M1_VALUES[-1])
        distance = np.abs(magnitude[..., None] - E2M1_VALUES)
        nearest = distance == distance.min(axis=-1, keepdims=True)
        even = nearest & (np.arange(8) % 2 == 0)
        code = np.where(even.any(axis=-1), even.argmax(axis=-1), nearest.argmax(axis=-1)).astype(np.uint8)
        return sign | code

    def to_packed_tensor(self, dim: int) -> Any:
        """Two codes a byte along `dim` (element 2i in the low nibble, 2i+1 in the high one; an odd length is
        padded with a zero code)."""
        codes = _to_numpy(self.data).astype(np.uint8)
        if not 0 <= dim < codes.ndim:
            raise ValueError(f"dim {dim} is not a dimension of a {codes.ndim}-d tensor")
        if codes.shape[dim] % 2:
            pad = [(0, 0)] * codes.ndim
            pad[dim] = (0, 1)
            codes = np.pad(codes, pad)
        low = np.take(codes, np.arange(0, codes.shape[dim], 2), axis=dim)
        high = np.take(codes, np.arange(1, codes.shape[dim], 2), axis=dim)
        return self._wrap((high << 4) | low)

    def unpack_packed_tensor(self, packed_tensor: Any, dim: int, original_shape: tuple) -> Any:
        """The codes (one a byte) that `to_packed_tensor(dim)` packed, cut to `original_shape`."""
        packed = _to_numpy(packed_tensor).astype(np.uint8)
        both = np.stack((packed & 0xF, packed >> 4), axis=dim + 1)
        shape = list(packed.shape)
        shape[dim] *= 2
        codes = both.reshape(shape)
        codes = np.take(codes, np.arange(original_shape[dim]), axis=dim)
        return self._wrap(codes)


class MXScaleTensor(_MXData):
    """E8M0 scales: from float32 values (`data`: the exponent of the largest power of two not above each, in
    [2**-127, 2**127]; zero, negative, Inf and NaN become NaN, 255), or `size` to fill with `random()`."""

    def __init__(self, data: Any = None, size: Union[int, tuple, None] = None, device: Any = None) -> None:
        super().__init__(data, size, device)

    def random(self, low: Optional[float] = None, high: Optional[float] = None) -> "MXScaleTensor":
        """Random scales between `low` and `high` (as powers of two; NaN never drawn); self."""
        low_e = 0 if low is None else max(0, int(np.log2(np.float32(low))) + E8M0_BIAS)
        high_e = 254 if high is None else min(254, max(0, int(np.log2(np.float32(high))) + E8M0_BIAS))
        if low_e > high_e:
            raise ValueError("Low must be less than or equal to high")
        self.data = self._randint(low_e, high_e + 1)
        return self

    def to(self, dtype: Any) -> Any:
        """The scales as float32 (the only type offered, as in Triton)."""
        if not _is_float32(dtype):
            raise ValueError(f"MXScaleTensor converts only to float32, not {dtype}")
        values = fp8e8m0_to_float32(_to_numpy(self.data))
        return self._wrap(values) if self.torch else values

    def _from_float(self, values: np.ndarray) -> np.ndarray:
        invalid = ~np.isfinite(values) | (values <= 0)
        _, exponent = np.frexp(np.where(invalid, np.float32(1), values))
        biased = np.clip(exponent.astype(np.int64) - 1 + E8M0_BIAS, 0, 254)
        return np.where(invalid, E8M0_NAN, biased).astype(np.uint8)


def fp8e8m0_to_float32(scale: Any) -> Any:
    """E8M0 bytes as float32: 2**(e-127), 255 as NaN (a torch tensor gives a torch tensor)."""
    codes = _to_numpy(scale).view(np.uint8)
    bits = np.maximum(codes.astype(np.uint32) << 23, np.uint32(0x00400000))
    values = np.where(codes == E8M0_NAN, np.uint32(0x7FC00000), bits).view(np.float32)
    if not _is_torch(scale):
        return values
    import torch
    return torch.from_numpy(np.ascontiguousarray(values)).to(scale.device)


def block_scales(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """The E8M0 scale of each block of 32 along `axis` that maps its largest magnitude into E2M1's range (the
    OCP rule: 2**(floor(log2(amax)) - 2)); all-zero blocks get the smallest scale."""
    moved = np.moveaxis(np.asarray(values, dtype=np.float32), axis, -1)
    if moved.shape[-1] % BLOCK:
        raise ValueError(f"the length along axis {axis} ({moved.shape[-1]}) is not a multiple of {BLOCK}")
    amax = np.abs(moved.reshape(*moved.shape[:-1], -1, BLOCK)).max(axis=-1)
    _, exponent = np.frexp(np.where(amax > 0, amax, np.float32(1)))
    biased = np.clip(exponent.astype(np.int64) - 1 - 2 + E8M0_BIAS, 0, 254)
    return np.moveaxis(np.where(amax > 0, biased, 0).astype(np.uint8), -1, axis)


__all__ = ["BLOCK", "E2M1_VALUES", "MXFP4Tensor", "MXScaleTensor", "block_scales", "fp8e8m0_to_float32"]
