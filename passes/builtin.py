"""Imports every built-in pass and analysis so that they register themselves."""
from .analysis import axis_info, callgraph, dominance  # noqa: F401
from . import bounds, canonicalize, cse, dce, fold, inline, licm, pipeline_loads, tensor_memory, unroll  # noqa: F401
