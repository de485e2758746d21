"""tl.extra, as in Triton: `libdevice` (the math library every target has) and `cuda` (NVIDIA's extras)."""
from . import cuda, libdevice

__all__ = ["cuda", "libdevice"]
