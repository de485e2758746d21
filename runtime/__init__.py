"""pantile.runtime: kernel launch, specialization, disk cache, target choice, autotuner, benchmarking."""
