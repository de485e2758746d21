"""Runnable kernels: `python -m pantile.examples.NAME` checks against numpy and prints the speed."""
