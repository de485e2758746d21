"""Op-level lowering to LLVM IR shared by every LLVM-based target (CPU and SIMT)."""
