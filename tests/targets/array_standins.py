"""Stand-ins for device arrays, for tests of which target claims an array (no GPU, no framework needed)."""
import types

import numpy as np


class StandInTensor:
    """A torch-like tensor: its framework device says 'cuda' whatever the vendor; DLPack tells the truth."""

    dtype = np.dtype(np.float32)

    def __init__(self, dlpack_type: int) -> None:
        self.device = types.SimpleNamespace(type="cuda", index=0)
        self._dlpack = (dlpack_type, 0)

    def data_ptr(self) -> int:
        return 4096

    def __dlpack_device__(self) -> tuple[int, int]:
        return self._dlpack


class InterfaceOnlyArray:
    """An array with `__cuda_array_interface__` and no DLPack device (a pycuda or numba array)."""

    dtype = np.dtype(np.float32)
    __cuda_array_interface__ = {"data": (4096, False), "shape": (4,), "typestr": "<f4", "version": 3}
