"""pantile.examples."""
