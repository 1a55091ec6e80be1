"""`okr serve` through its entry point: it serves the site and rebuilds on OKR changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import OKR, ROOT, TODAY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]!r}")


def test_serve_rebuilds_when_an_okr_file_changes(company):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("OKR_TODAY", "SOURCE_DATE_EPOCH")}
    proc = subprocess.Popen(
        [
            str(OKR),
            "serve",
            "--okrs",
            str(company.root / "okrs"),
            "--today",
            TODAY,
            "--address",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        _wait_for(url, "Make reliability our best sales argument")
        acme = company.root / "okrs/2026-Q4/acme.yaml"
        acme.write_text(acme.read_text().replace("best sales argument", "loudest sales argument"))
        body = _wait_for(url, "Make reliability our loudest sales argument")
        assert "livereload" in body  # the page reloads itself in the reader's browser
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_serve_watches_okrs_templates_and_schemas():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert set(config["watch"]) == {"okrs", "schema", "site_templates"}
    assert config["plugins"] == ["okr"] and config["theme"]["name"] == "okr"
    from importlib.metadata import entry_points

    plugin = entry_points(group="mkdocs.plugins")["okr"].load()
    theme = entry_points(group="mkdocs.themes")["okr"].load()
    assert plugin.__name__ == "OkrPlugin" and (Path(theme.__file__).parent / "main.html").is_file()
