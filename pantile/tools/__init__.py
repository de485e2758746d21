"""Host-side helpers kernels take as arguments, as in triton.tools (`triton.tools.tensor_descriptor` works
under `import pantile as triton`)."""
from . import tensor_descriptor

__all__ = ["tensor_descriptor"]
