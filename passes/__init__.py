"""pantile.passes: the pass manager, analyses and target-neutral passes."""
from .manager import (ANALYSES, PASSES, Analysis, AnalysisManager, DiagnosticError, Pass, PassError, PassManager,
                      known_passes, make_pass, register)
from .pipeline import NEUTRAL_PASSES, neutral_pipeline

__all__ = ["ANALYSES", "PASSES", "Analysis", "AnalysisManager", "DiagnosticError", "Pass", "PassError",
           "PassManager", "known_passes", "make_pass", "register", "NEUTRAL_PASSES", "neutral_pipeline"]
