"""`import pantile.language as tl`: the kernel language (an alias of pantile.frontend.language).

Its sub-modules are registered under this name too, so `from pantile.language.extra import libdevice` and
`import pantile.language.math` work as they do for `triton.language`.
"""
import sys

from pantile.frontend.language import *  # noqa: F401,F403  (the whole language is the public API)
from pantile.frontend.language import __all__, extra, math, random, semantic, target_info  # noqa: F401

for _module in (extra, extra.libdevice, extra.cuda, math, random, semantic, target_info):
    sys.modules[_module.__name__.replace("pantile.frontend.language", __name__, 1)] = _module
