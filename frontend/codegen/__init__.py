"""Code generation: Python syntax trees of @jit functions to pt IR."""
