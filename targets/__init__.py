"""pantile.targets."""
