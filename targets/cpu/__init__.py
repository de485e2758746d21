"""pantile.targets.cpu."""
