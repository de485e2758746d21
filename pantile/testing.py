"""pantile.testing: do_bench, do_bench_cudagraph, assert_close, Benchmark and perf_report, as triton.testing."""
from pantile.runtime.testing import Benchmark, Mark, assert_close, do_bench, do_bench_cudagraph, perf_report

__all__ = ["Benchmark", "Mark", "assert_close", "do_bench", "do_bench_cudagraph", "perf_report"]
