"""Tests marked `serial` time kernels against each other: they run only in a session without xdist workers
(`pytest -m serial`, the second session of the README's test command), where nothing else competes for the
cores; an xdist session leaves them out and says so."""
import os

SERIAL = "serial"


def pytest_report_header(config) -> str:
    """Say where the serial tests went when this session runs on xdist workers."""
    if getattr(config.option, "numprocesses", None):
        return f"tests marked {SERIAL} are left out of this parallel session; run them alone: pytest -m {SERIAL}"
    return ""


def pytest_collection_modifyitems(config, items) -> None:
    """Deselect the serial tests in an xdist worker."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    serial = [item for item in items if item.get_closest_marker(SERIAL)]
    if serial:
        config.hook.pytest_deselected(items=serial)
        items[:] = [item for item in items if not item.get_closest_marker(SERIAL)]
