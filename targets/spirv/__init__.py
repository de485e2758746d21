"""pantile.targets.spirv: what every SPIR-V target shares: emission through LLVM's SPIR-V back end in the isolated
worker, `spirv-val` checking and the internal-error report (module.py), and OpenCL C builtins (opencl.py)."""
