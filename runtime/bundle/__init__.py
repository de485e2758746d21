"""Ahead-of-time bundles: one file of compiled variants for many targets (format.py), built by build.py (which
needs the compiler) and loaded by loader.py (which does not)."""
