"""`okr serve` through its entry point: it serves the site and rebuilds on OKR changes."""

from __future__ import annotations

import os
import re
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


def _ctrl_c_stops() -> None:
    """In the server's process, before it starts: Ctrl-C stops it, as in a terminal, even when
    the tests run where SIGINT is ignored (a job started in the background by a script), which
    a process inherits and Python then leaves ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stop(proc: subprocess.Popen[bytes]) -> bytes:
    """Stop okr serve as Ctrl-C does; what it printed (and whether it had to be killed)."""
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        out += b"\n[killed: it did not stop within 20 s of Ctrl-C]\n"
    return out


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
        preexec_fn=_ctrl_c_stops,
    )
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        _wait_for(url, "Make reliability our best sales argument")
        acme = company.root / "okrs/2026-Q4/acme.yaml"
        acme.write_text(acme.read_text().replace("best sales argument", "loudest sales argument"))
        body = _wait_for(url, "Make reliability our loudest sales argument")
        assert "livereload" in body  # the page reloads itself in the reader's browser
    finally:
        out = _stop(proc)
    # it says where it serves and when it rebuilt, and no other news of MkDocs
    out = out.decode()
    assert f"Serving on http://127.0.0.1:{port}/" in out, out
    assert "Detected file changes" in out, out
    assert out.count("Documentation built in ") >= 2, out
    assert "Building documentation" not in out and "Cleaning site directory" not in out, out


def test_serve_watches_okrs_templates_and_schemas():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert set(config["watch"]) == {"okrs", "schema", "site_templates"}
    assert config["plugins"] == ["okr"] and config["theme"]["name"] == "okr"
    from importlib.metadata import entry_points

    plugin = entry_points(group="mkdocs.plugins")["okr"].load()
    theme = entry_points(group="mkdocs.themes")["okr"].load()
    assert plugin.__name__ == "OkrPlugin" and (Path(theme.__file__).parent / "main.html").is_file()


def _get(port: int, host: str | None) -> tuple[int, bytes]:
    """A raw HTTP request to 127.0.0.1 with the given Host header (None: no header)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        head = "GET /index.html HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "")
        conn.sendall((head + "Connection: close\r\n\r\n").encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[-1]


def test_serve_answers_only_the_host_names_it_listens_on(company):
    """DNS rebinding: a page of evil.example that resolves to 127.0.0.1 must not read the
    preview, so a Host header naming any other host is refused with 400."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.Popen(
        [str(OKR), "serve", "--okrs", str(company.root / "okrs"), "--today", TODAY,
         "--address", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, preexec_fn=_ctrl_c_stops,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/index.html", "Make reliability")
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"LOCALHOST:{port}",
                     f"[::1]:{port}", "127.0.0.1"):  # fmt: skip
            status, body = _get(port, host)
            assert status == 200 and b"Make reliability" in body, host
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}",
                     f"localhost.evil.example:{port}", "10.0.0.1", "", None,
                     f"evil.example:{port}@127.0.0.1"):  # fmt: skip
            status, body = _get(port, host)
            assert status == 400 and b"Make reliability" not in body, host
    finally:
        _stop(proc)


def test_host_names_allowed_when_listening_everywhere():
    from generator.localhost import allowed_hosts, host_allowed

    allowed, anywhere = allowed_hosts("0.0.0.0")
    assert anywhere and host_allowed("192.168.1.20:8000", allowed, anywhere)
    assert host_allowed(f"{socket.gethostname()}:8000", allowed, anywhere)
    assert not host_allowed("evil.example:8000", allowed, anywhere)
    allowed, anywhere = allowed_hosts("127.0.0.1")
    assert not anywhere and not host_allowed("192.168.1.20:8000", allowed, anywhere)
    assert host_allowed("127.0.0.1:8000", allowed, anywhere)
    assert host_allowed("[::1]:8000", allowed, anywhere) and host_allowed(
        "LOCALHOST.", allowed, anywhere
    )
    # a header that is not one host and a port is no host this preview answers (a browser
    # never sends these, so they are refused rather than read in a friendly way)
    for odd in ("127.0.0.1:1@evil.example", "[::1]evil.example", "localhost:80:80",
                "localhost evil", "127.0.0.1:8000/x", "[::1"):  # fmt: skip
        assert not host_allowed(odd, allowed, anywhere), odd
        assert not host_allowed(odd, *allowed_hosts("0.0.0.0")), odd


def test_serve_previews_through_errors_and_recovers(company):
    """While drafting, a broken file never stops the preview: every page shows the errors, the
    team's page keeps its last readable version (never a 404), and a fix clears it all."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    platform = company.root / "okrs/2026-Q4/platform.yaml"
    good = platform.read_text()
    # a schema error from the start: serve starts anyway and shows what can be read
    platform.write_text(good.replace("        title: Keep monthly", "        titel: Keep monthly"))
    proc = subprocess.Popen(
        [str(OKR), "serve", "--okrs", str(company.root / "okrs"), "--today", TODAY,
         "--address", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, preexec_fn=_ctrl_c_stops,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    team = f"{base}/periods/2026-Q4/teams/platform.html"
    try:
        home = _wait_for(f"{base}/index.html", "The OKR files have 1 error<")
        assert "unknown field &#39;titel&#39;" in home
        assert (
            "<code>okr build</code> will not publish" in home
            and "`" not in home.split('class="banner"', 1)[1].split("</div>", 1)[0]
        )  # the banner's own words are formatted, not raw Markdown
        page = _wait_for(team, "Parts of this file could not be read")
        line = (
            good.splitlines().index("        title: Keep monthly availability at or above 99.95 %")
            + 1
        )
        assert "Cut p99 API latency" in page and f"<code>{line}:9</code>" in page  # at its line
        # a syntax error while it runs: the page keeps the last version that could be read
        platform.write_text(good.replace("aligns_with: [acme/O1]", "aligns_with: [acme/O1"))
        page = _wait_for(team, "its last version that could")
        assert "Cut p99 API latency" in page and "YAML syntax error" in page
        with urllib.request.urlopen(f"{base}/teams.html", timeout=10) as reply:
            assert reply.status == 200 and "The OKR files have" in reply.read().decode()
        # fixed: the banner and the notice go
        platform.write_text(good)
        page = _wait_for(team, "Make the platform boringly reliable")
        deadline = time.monotonic() + 60
        while "The OKR files have" in page and time.monotonic() < deadline:
            time.sleep(0.5)
            page = urllib.request.urlopen(team, timeout=10).read().decode()
        assert "The OKR files have" not in page and "last version" not in page
    finally:
        out = _stop(proc)
    text = out.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "previewing what can be read" in text  # the terminal says the same


def _served_bytes(port: int, path: str) -> bytes:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as reply:
            return reply.read()
    except OSError:
        return b""


def _served(port: int, path: str) -> bytes:
    """A page as okr serve answers it, without the live-reload script it adds and the
    canonical address of the preview (MkDocs sets the preview's address as the site's)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as reply:
        body = reply.read()
    end = body.rindex(b"</body>")
    body = body[: body.rindex(b"<script>", 0, end)] + body[end:]
    canonical = f'<link rel="canonical" href="http://127.0.0.1:{port}/{path}">'.encode()
    assert body.count(canonical) <= 1, path  # the 404 page has none
    return body.replace(canonical, b"")


def test_a_rebuild_wraps_only_what_changed_and_serves_what_okr_build_makes(company, tmp_path):
    """okr serve takes a page from its own last build when nothing its wrapping reads
    changed (the theme is most of a rebuild at 1,000 teams); what it serves is, page for
    page, what okr build publishes from the same files."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    temp = tmp_path / "tmp"  # where the preview and its last build set aside are kept
    temp.mkdir()
    env["TMPDIR"] = str(temp)
    okrs = company.root / "okrs"
    proc = subprocess.Popen(
        [str(OKR), "serve", "--okrs", str(okrs), "--today", TODAY,
         "--address", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, preexec_fn=_ctrl_c_stops,
    )  # fmt: skip
    team = "periods/2026-Q4/teams/platform.html"
    entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
    try:
        _wait_for(f"http://127.0.0.1:{port}/index.html", "Make reliability")
        first_index = _wait_for(entry, '"languages"')
        platform = okrs / "2026-Q4/platform.yaml"
        platform.write_text(platform.read_text().replace("Cut p99 API", "Cut p95 API"))
        _wait_for(f"http://127.0.0.1:{port}/{team}", "Cut p95 API")
        time.sleep(2)  # a second event of the same write may start one more rebuild
        _wait_for(f"http://127.0.0.1:{port}/{team}", "Cut p95 API")
        # the search index follows (made after the pages are served, then put in place)
        deadline = time.monotonic() + 60
        while _served_bytes(port, "pagefind/pagefind-entry.json") == first_index.encode():
            assert time.monotonic() < deadline, "the search index never followed the change"
            time.sleep(0.5)
        # a check-in moves figures only, which search leaves out: the index kept is served
        time.sleep(1)  # (the index just made is kept once it is in place)
        followed = _served_bytes(port, "pagefind/pagefind-entry.json")
        platform.write_text(platform.read_text().replace("value: 520", "value: 431.5"))
        _wait_for(f"http://127.0.0.1:{port}/{team}", "<strong>431.5 ms</strong>")
        assert _served_bytes(port, "pagefind/pagefind-entry.json") == followed
        site = tmp_path / "site"
        built = subprocess.run(
            [str(OKR), "build", "--okrs", str(okrs), "--today", TODAY, "--out", str(site)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert built.returncode == 0, built.stderr
        # the preview's pages differ from the build's only in their canonical address, which
        # search does not read: the build takes the index the preview kept
        assert "the search index as it was" in built.stdout + built.stderr, built.stdout
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        assert team in pages and len(pages) > 40
        for page in pages:
            assert _served(port, page) == (site / page).read_bytes(), page
        # and, once made, the same search index as okr build's
        deadline = time.monotonic() + 60
        built_entry = (site / "pagefind/pagefind-entry.json").read_bytes()
        while _served_bytes(port, "pagefind/pagefind-entry.json") != built_entry:
            assert time.monotonic() < deadline, "the search index differs from okr build's"
            time.sleep(0.5)
    finally:
        out = _stop(proc)
    # the check-in's rebuild said so (the first and the title's made theirs)
    reports = [line for line in out.decode().splitlines() if "Pages: " in line]
    assert len(reports) >= 3 and "the search index as it was" in reports[-1], reports
    assert "the search index as it was" not in reports[1], reports  # the title's
    said = [line for line in out.decode().splitlines() if "Pages: " in line]
    wrapped = [int(re.search(r"(\d+) wrapped", line)[1]) for line in said]
    assert len(wrapped) >= 2 and wrapped[0] > 20, said
    assert 0 < wrapped[1] < wrapped[0] / 2, said  # the changed team's pages, not the site
    # it stopped by itself, cleanly, and left nothing behind: its folder, a build set aside,
    # a search index being made (okr-<uid> is the tool's private temporary folder, kept by
    # design)
    said = out.decode()
    assert "[killed:" not in said and "Traceback" not in said, said[-3000:]
    left = [p.name for p in temp.iterdir() if not p.name.startswith("okr-")]
    assert left == [], (left, said[-3000:])


def test_the_terminal_shows_where_it_serves_and_each_rebuild_only():
    import logging

    from generator.publish import _serve_news

    def record(level: int, message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.livereload", level, __file__, 1, message, None, None)

    shown = [
        "[10:02:13] Serving on http://127.0.0.1:8000/",
        "[10:02:20] Detected file changes",
        "Pages: 3058, 62 made again, 44 wrapped in the theme",
        "Documentation built in 10.61 seconds",
    ]
    hidden = ["Building documentation...", "Cleaning site directory", "[10:02:21] Reloading browsers",
              "[10:02:30] Browser connected: http://127.0.0.1:8000/"]  # fmt: skip
    assert all(_serve_news(record(logging.INFO, m)) for m in shown)
    assert not any(_serve_news(record(logging.INFO, m)) for m in hidden)
    assert _serve_news(record(logging.WARNING, "Building documentation..."))  # warnings always


def test_serve_watches_the_files_the_checker_reads(company, monkeypatch):
    """okr-check.yaml, okr-sources.yaml and CODEOWNERS change the findings the preview
    shows: the preview watches them, as it watches the OKR folder."""
    from generator import mkdocs_hooks

    (company.root / "okr-check.yaml").write_text("rules: {}\n")
    (company.root / ".github").mkdir(exist_ok=True)
    (company.root / ".github/CODEOWNERS").write_text("* @acme/admins\n")
    seen: dict[str, object] = {}
    monkeypatch.setattr(mkdocs_hooks, "_mkdocs_serve", lambda *args, **kwargs: seen.update(kwargs))
    mkdocs_hooks.serve(ROOT / "mkdocs.yml", None, company.root / "okrs", TODAY)
    watched = {Path(p).resolve() for p in seen["watch"]}
    assert (company.root / "okrs").resolve() in watched
    assert (company.root / "okr-check.yaml").resolve() in watched
    assert (company.root / ".github/CODEOWNERS").resolve() in watched
    assert not (company.root / "okr-sources.yaml").exists()  # a missing file is not watched
    assert len(watched) == 3
