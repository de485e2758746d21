"""pantile.aot: compile kernels ahead of time into one bundle file for the devices you ship to.

    pantile.aot.compile(add_kernel, signatures=["*fp32,*fp32,*fp32,i32"], constexprs=[{"BLOCK_SIZE": 1024}],
                        targets=["cpu", "cuda:sm_80", "cuda:sm_90a", "intel:spirv"], output="kernels.ptb")
    kernels = pantile.load_bundle("kernels.ptb")      # no compiler needed where this runs
    kernels.add_kernel[grid](x, y, out, n)
"""
from pantile.runtime.bundle.build import KernelSpec, compile
from pantile.runtime.bundle.format import FORMAT_VERSION, BundleError

__all__ = ["BundleError", "FORMAT_VERSION", "KernelSpec", "compile"]
