"""Host-side helpers, as in triton.tools: `tensor_descriptor` (what kernels take as descriptor arguments) and
`mxfp` (microscaling data for dot_scaled); `triton.tools.X` works under `import pantile as triton`."""
from . import mxfp, tensor_descriptor

__all__ = ["mxfp", "tensor_descriptor"]
