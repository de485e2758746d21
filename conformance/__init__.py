"""pantile.conformance."""
