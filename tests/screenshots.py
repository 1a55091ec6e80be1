"""`make screenshots`: every page type of the example company's site at 1366 and 390 px, in
English and in Chinese, for a reviewer to look at (screenshots/<language>/<page>-<width>.png).

The sites are built with `okr build` (the Chinese one from a copy of okrs/ with
`company.language: zh`), served on 127.0.0.1 so search works, and shot full-page in Debian's
chromium. Not a test: it asserts nothing, it shows."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "index.html",
    "dashboard-finished": "periods/2026-Q3/index.html",
    "attention": "periods/2026-Q4/attention.html",
    "heatmap": "periods/2026-Q4/heatmap.html",
    "status-list": "periods/2026-Q4/states/at_risk.html",
    "team": "periods/2026-Q4/teams/platform.html",
    "team-chinese": "periods/2026-Q4/teams/data.html",
    "team-graded": "periods/2026-Q3/teams/platform.html",
    "alignment": "alignment.html",
    "teams": "teams.html",
    "people": "people.html",
    "person": "people/alice.html",
    "archive": "archive.html",
    "health": "health.html",
    "changes": "changes.html",
    "exports": "exports.html",
    "search": "search.html?q=latency",
    "help": "help.html",
    "guide": "guide.html",
    "not-found": "no/such/page.html",
}


class _Site(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build(okrs: Path, out: Path) -> None:
    okr = Path(sys.executable).parent / "okr"
    done = subprocess.run(
        [str(okr), "build", "--okrs", str(okrs), "--out", str(out), "--today", TODAY],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"okr build failed:\n{done.stderr}")


def shoot(site: Path, into: Path) -> int:
    handler = functools.partial(_Site, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    into.mkdir(parents=True, exist_ok=True)
    count = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width in (1366, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if name == "search":
                    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
                page.screenshot(path=str(into / f"{name}-{width}.png"), full_page=True)
                count += 1
            page.close()
        browser.close()
    server.shutdown()
    return count


def main() -> None:
    out = ROOT / "screenshots"
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        english, chinese = Path(tmp) / "en", Path(tmp) / "zh"
        build(ROOT / "okrs", english)
        okrs = Path(tmp) / "okrs"
        shutil.copytree(ROOT / "okrs", okrs)
        org = okrs / "org.yaml"
        org.write_text(re.sub(r"(?m)^(\s+language:) en\b", r"\1 zh", org.read_text()))
        build(okrs, chinese)
        shots = shoot(english, out / "en") + shoot(chinese, out / "zh")
    print(f"{shots} screenshots in {out.relative_to(ROOT)}/ (en and zh, 1366 and 390 px)")


if __name__ == "__main__":
    main()
