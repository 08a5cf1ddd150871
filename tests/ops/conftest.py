"""Operations tests need real services. `@pytest.mark.ops(needs=[...])` names them ("postgresql", "redis",
"nginx"). On a developer's machine a test whose services are missing is deselected, with the reason printed at
the end of the run; in CI (CI=1 or AZAMAT_REQUIRE_SERVICES=1) it runs and fails saying what is missing."""

import os

from tests.ops.services import missing_services

REQUIRED = os.environ.get("CI", "").lower() in {"1", "true", "yes"} or os.environ.get(
    "AZAMAT_REQUIRE_SERVICES", ""
).lower() in {"1", "true", "yes"}
_deselected: list[str] = []


def pytest_collection_modifyitems(config, items):
    if REQUIRED:
        return
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("ops")
        missing = missing_services(marker.kwargs.get("needs", ())) if marker else []
        if missing:
            drop.append(item)
            _deselected.append(f"{item.nodeid}: needs {'; '.join(missing)}")
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter):
    if _deselected:
        terminalreporter.section("operations tests not run (services missing; CI runs them)")
        for line in _deselected:
            terminalreporter.write_line(line)
