"""pantile.frontend."""
