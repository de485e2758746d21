"""pantile.targets.intel."""
