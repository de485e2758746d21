"""apple:spirv tests: those that execute skip, saying why, where wgpu or an adapter is missing."""
import pytest

from pantile.targets import registry


@pytest.fixture
def device() -> None:
    """Skip, saying why, where apple:spirv kernels cannot execute (no wgpu or no adapter)."""
    why = registry.get_target("apple:spirv").unavailable()
    if why is not None:
        pytest.skip(f"apple:spirv cannot execute here: {why}")
