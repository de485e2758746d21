"""pantile.testing: do_bench, do_bench_cudagraph, assert_close, Benchmark and perf_report, as triton.testing;
and as_dot_inputs, f32 values as a target's dots take them (for references)."""
from pantile.conformance.formats import as_dot_inputs
from pantile.runtime.testing import Benchmark, Mark, assert_close, do_bench, do_bench_cudagraph, perf_report

__all__ = ["as_dot_inputs", "Benchmark", "Mark", "assert_close", "do_bench", "do_bench_cudagraph", "perf_report"]
