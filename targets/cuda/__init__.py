"""pantile.targets.cuda."""
