"""pantile.runtime."""
