"""Differential fuzzer: random kernels run on every executing target and compared with numpy (issue #17)."""
