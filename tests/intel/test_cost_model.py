"""The OpenCL cost model: figures from the device, bandwidth measured once per device."""
import json

from pantile.targets.base import Artifact
from pantile.targets.intel.cost_model import (DeviceFigures, OpenCLCostModel, device_figures, host_clock_mhz,
                                              measure_bandwidth)
from pantile.targets.intel.launcher import launcher_for


def test_bandwidth_is_measured_once_per_device_and_cached(rt, tmp_path):
    env = {"PANTILE_CACHE_DIR": str(tmp_path)}
    calls = []

    def measure():
        calls.append(1)
        return 5e9
    first = device_figures(rt.info, measure, env)
    second = device_figures(rt.info, measure, env)
    assert calls == [1]
    assert first.bandwidth == second.bandwidth == 5e9
    clock = rt.info.clock_mhz or host_clock_mhz()
    assert first.peak_flops == rt.info.compute_units * clock * 1e6 * rt.info.native_float_width * 2
    stored = json.loads((tmp_path / "devices" / "opencl-bandwidth.json").read_text())
    assert stored == {rt.info.key: 5e9}


def test_measured_bandwidth_is_plausible(rt, programs):
    bandwidth = measure_bandwidth(rt, lambda art, grid, args: launcher_for(rt, programs, art)(grid, args))
    assert 1e8 < bandwidth < 1e13


def test_prediction_follows_the_roofline(rt):
    model = OpenCLCostModel(rt.info, lambda: DeviceFigures(peak_flops=1e11, bandwidth=1e10))
    art = Artifact("intel:spirv", "k", "spirv", b"", ())
    cus = rt.info.compute_units
    memory_bound = model.predict(art, (cus, 1, 1), bytes_moved=1e8)
    assert abs(memory_bound - (20e-6 + 1e-2)) < 1e-12
    assert model.predict(art, (cus, 1, 1), bytes_moved=1e8, flops=1e10) == 20e-6 + 1e-1
    if cus > 1:  # one program more than a full wave costs a second wave
        assert model.predict(art, (cus + 1, 1, 1), bytes_moved=1e8) > memory_bound
