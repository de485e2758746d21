"""The device-runtime contract (runtime.py), the binding table of a compiled kernel (binding.py) and the one
launcher every target runs its kernels with (launcher.py): a target supplies only its driver calls."""
