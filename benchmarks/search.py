"""Search at company scale: `make bench-search`, or python benchmarks/search.py [N ...].

For each size (100 and 1,000 teams by default) it builds the synthetic company's site
(benchmarks/synth.py) with `okr build`, then measures
- the search index's size per team (the `pagefind/` folder, scripts included);
- the bytes a reader downloads for one query, everything the search page loads over HTTP
  (the page, Pagefind's interface and WebAssembly, the index chunks and the result fragments
  it fetches), in Debian's chromium, for a word every team uses and for one team's name. The
  server compresses text files with gzip as static hosts do (GitHub Pages, Netlify, nginx's
  gzip_static); Pagefind's index files are compressed already. Both figures are printed.
Target (issue 23): a query downloads under 300 KB at 1,000 teams.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synth import TODAY, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
OKR = Path(sys.executable).parent / "okr"
TARGET_KB = 300


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host: text files gzip-compressed when the browser accepts it."""

    TEXT = (".html", ".js", ".css", ".json", ".svg")

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in self.TEXT and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def folder_kb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e3


def query_kb(site: Path, queries: list[str]) -> dict[str, tuple[float, float, int]]:
    """Per query: KB transferred to a fresh reader (no cache), KB once uncompressed, and the
    results shown."""
    handler = functools.partial(_Host, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for query in queries:
            context = browser.new_context()  # an empty cache: what a first search costs
            page = context.new_page()
            sizes: list[tuple[int, int]] = []

            def done(request: Any, into: list[tuple[int, int]] = sizes) -> None:
                response = request.response()
                body = len(response.body()) if response and response.status == 200 else 0
                into.append((request.sizes()["responseBodySize"], body))

            page.on("requestfinished", done)
            page.goto(f"{base}search.html?q={query}")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".pagefind-ui__result-link").count()
            found[query] = (sum(s for s, _ in sizes) / 1e3, sum(b for _, b in sizes) / 1e3, results)
            context.close()
        browser.close()
    server.shutdown()
    return found


def measure(n: int) -> None:
    folder = OUT / f"search-{n}"
    okrs = generate(n, folder)
    site = folder / "site"
    done = subprocess.run(
        [str(OKR), "build", "--okrs", str(okrs), "--out", str(site), "--today", TODAY],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"okr build failed:\n{done.stderr[-2000:]}")
    index = folder_kb(site / "pagefind")
    print(f"{n} teams: search index {index:.0f} KB = {index / (n + 1):.1f} KB per team "
          f"(site {folder_kb(site) / (n + 1):.0f} KB per team)")  # fmt: skip
    for query, (kb, raw, results) in query_kb(site, ["reliable", f"team-{n // 2:05d}"]).items():
        mark = ("met" if kb < TARGET_KB else "NOT MET") if n >= 1000 else ""
        print(f"  query {query!r:<14} {kb:>5.0f} KB downloaded ({raw:.0f} KB uncompressed), "
              f"{results} results shown   target < {TARGET_KB} KB at 1,000 teams "
              f"{mark}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[100, 1000])
    for n in parser.parse_args().sizes:
        measure(n)


if __name__ == "__main__":
    main()
