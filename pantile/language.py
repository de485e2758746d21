"""`import pantile.language as tl`: the kernel language (an alias of pantile.frontend.language)."""
from pantile.frontend.language import *  # noqa: F401,F403  (the whole language is the public API)
from pantile.frontend.language import __all__, math  # noqa: F401
