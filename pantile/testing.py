"""pantile.testing: do_bench, Benchmark and perf_report, as triton.testing."""
from pantile.runtime.testing import Benchmark, Mark, do_bench, perf_report

__all__ = ["Benchmark", "Mark", "do_bench", "perf_report"]
