"""Reduced kernels of failures the fuzzer found, one test each, run on every executing target."""
