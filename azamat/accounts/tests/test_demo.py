"""The `azamat demo` command's processes."""

import os
import signal
import time

import pytest

from azamat.accounts.management.commands import demo
from azamat.accounts.management.commands.demo import environment


def test_the_demo_links_lead_to_the_address_it_serves(monkeypatch):
    """Served with --bind 127.0.0.1:8105, the demo's emails linked to http://127.0.0.1:8000 (settings' default)."""
    monkeypatch.delenv("SITE_URL", raising=False)
    assert environment("127.0.0.1:8105")["SITE_URL"] == "http://127.0.0.1:8105"
    monkeypatch.setenv("SITE_URL", "https://demo.azamat.kz")  # said on purpose: kept
    assert environment("127.0.0.1:8105")["SITE_URL"] == "https://demo.azamat.kz"
    assert environment("127.0.0.1:8105")["DJANGO_SETTINGS_MODULE"] == "azamat.settings"


class _Process:
    """Stands in for a started program: the server's wait() is where the demo sits until someone stops it."""

    started: list["_Process"] = []

    def __init__(self, args, env):
        self.args, self.env, self.signals = args, env, []
        _Process.started.append(self)

    def wait(self, timeout=None):
        if "gunicorn" in self.args and not self.signals:
            os.kill(os.getpid(), signal.SIGTERM)  # `kill <the demo's pid>`
            time.sleep(1)  # the handler runs here
        return 0

    def poll(self):
        return None if not self.signals else 0

    def send_signal(self, number):
        self.signals.append(number)


def test_stopping_the_demo_stops_its_server_worker_and_counter(monkeypatch):
    """`kill <pid>` of `azamat demo` ended it alone: its gunicorn, task worker and signature counter kept running and
    kept the port."""
    monkeypatch.setattr(demo.subprocess, "Popen", _Process)
    _Process.started = []
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit):
        demo.serve("127.0.0.1:8105")
    assert len(_Process.started) == 3
    assert [process.signals for process in _Process.started] == [[signal.SIGTERM]] * 3
    assert signal.getsignal(signal.SIGTERM) == before
