"""pantile.passes."""
