"""pantile.pantile."""
