"""An axe-core audit of every page type in Debian's chromium, on a wide screen and a phone.

axe-core comes from the npm registry (the machine reaches package registries only), pinned
by version and checked against the registry's sha512 integrity before it is injected; it is
kept in .cache/ between runs. No serious or critical violation is allowed."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve_folder

ROOT = Path(__file__).resolve().parent.parent
AXE_VERSION = "4.14.1"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")

PAGE_TYPES = [
    "index.html",
    "periods/2026-Q3/index.html",  # a finished period's dashboard
    "periods/2026-Q4/attention.html",
    "periods/2026-Q4/heatmap.html",
    "periods/2026-Q4/states/at_risk.html",
    "periods/2026-Q4/teams/platform.html",
    "periods/2026-Q4/teams/data.html",  # Chinese
    "periods/2026-Q3/teams/platform.html",  # graded
    "alignment.html",
    "teams.html",
    "people.html",
    "people/alice.html",
    "archive.html",
    "health.html",
    "changes.html",
    "exports.html",
    "search.html",
    "help.html",
    "rules.html",
    "404.html",
]


def _axe_source() -> str:
    cached = ROOT / ".cache" / "test-tools" / f"axe-core-{AXE_VERSION}.min.js"
    if not cached.is_file():
        url = f"{REGISTRY}/axe-core/-/axe-core-{AXE_VERSION}.tgz"
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        assert digest == AXE_INTEGRITY, f"axe-core {AXE_VERSION} from {url} is not the pinned file"
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            source = member.read()
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(source)
    return cached.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe() -> str:
    return _axe_source()


@pytest.fixture(scope="module")
def site_url(example_site) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.mark.parametrize(("width", "scheme"), [(1366, "light"), (390, "light"), (1366, "dark")])
def test_no_serious_or_critical_violations_on_any_page_type(browser, site_url, axe, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    audited = 0
    for path in PAGE_TYPES:
        response = page.goto(site_url + path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=axe)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        audited += len(result["passes"]) > 0 or len(result["violations"]) > 0
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [str(n["target"]) for n in v["nodes"][:3]]
                found.append(f"{path}: {v['id']} ({v['impact']}, {len(v['nodes'])}) {targets}")
    context.close()
    assert audited == len(PAGE_TYPES)  # axe ran and judged every page
    assert not found, "\n".join(found)
