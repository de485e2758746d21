"""pantile.targets.simt."""
