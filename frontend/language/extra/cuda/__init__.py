"""tl.extra.cuda, as in Triton: libdevice, and the programmatic-dependent-launch calls, which order nothing
where launches already run one after another (every pantile target today)."""
from ...core import builtin
from .. import libdevice


@builtin
def gdc_wait() -> None:
    """Wait for the grid this one depends on: launches complete in order, so there is nothing to wait for."""


@builtin
def gdc_launch_dependents() -> None:
    """Let dependent grids start early: they start after this one anyway."""


__all__ = ["gdc_launch_dependents", "gdc_wait", "libdevice"]
