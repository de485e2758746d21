"""pantile.knobs, as triton.knobs: `cache.dir`, `compilation.dump_ir`, `runtime.debug`, ... (each one the
environment variable pantile reads)."""
from pantile.runtime.knobs import cache, compilation, runtime

__all__ = ["cache", "compilation", "runtime"]
