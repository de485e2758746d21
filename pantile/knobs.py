"""pantile.knobs, as triton.knobs: `autotuning.print`, `cache.dir`, `compilation.dump_ir`, `runtime.debug`, ...
(each one the environment variable pantile reads)."""
from pantile.runtime.knobs import autotuning, cache, compilation, runtime

__all__ = ["autotuning", "cache", "compilation", "runtime"]
