"""The course site in a real browser: every page of site/_build/html, opened by headless Chromium.

Run by `make site-test` (which builds the site first and sets COURSE_SITE_TEST=1); skipped by `make test`, which
must not need a browser. The setup installs what is missing (tools/install_browser.sh: Debian's Chromium, and
Playwright for Python, which drives it instead of its own browser download).

Checked on every page: the title, that every image has decoded, that formulas are typeset, no console errors, no
failed requests, and that every internal link (and #anchor) resolves. On notebook pages also: the three launch links
and one exercise box per `check(...)` call. Screenshots of the home page and of a notebook page go to
site/_build/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "site" / "_build" / "html"
SCREENSHOTS = ROOT / "site" / "_build" / "screenshots"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
CHROMIUM = Path("/usr/bin/chromium")
# Chromium's own calls home are refused on a closed network and would show up as console errors.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITE_TITLE = "Text embeddings, hands-on"

pytestmark = pytest.mark.skipif(
    os.environ.get("COURSE_SITE_TEST") != "1", reason="the site's browser test runs with `make site-test`"
)


def notebook_title(path: Path) -> str:
    """The notebook's '# NN · Title' heading, without the '# '."""
    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    heading = "".join(first["source"]).splitlines()[0]
    assert heading.startswith("# "), f"{path.name}: the first cell should start with '# NN · Title'"
    return heading.removeprefix("# ").strip()


def count_checks(path: Path) -> int:
    """How many exercise checks (`check("NN.k", ...)`) the notebook's code cells call."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(
        len(re.findall(r"\bcheck\(\s*[\"']\d\d[a-z]?\.\d+[\"']", "".join(c["source"])))
        for c in cells
        if c["cell_type"] == "code"
    )


def expected_pages() -> dict[str, str]:
    """{page path relative to the site: text its <title> must contain}, in course order."""
    pages = {"index.html": SITE_TITLE, "instructors.html": "Instructor guide"}
    pages |= {f"notebooks/{nb.stem}.html": notebook_title(nb) for nb in NOTEBOOKS}
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the test reports failures itself
        pass


@pytest.fixture(scope="module")
def site_url():
    """Serve site/_build/html on a free local port for the module; stop the server afterwards."""
    assert (HTML / "index.html").exists(), f"no site in {HTML}: run `make site` first"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=HTML))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright; installed first when missing; closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        subprocess.run(["bash", str(ROOT / "tools" / "install_browser.sh"), sys.executable], cwd=ROOT, check=True)
        from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def context(browser):
    """A fresh browser context (its own profile data) for the module."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


def open_page(context, url: str):
    """Open ``url``; return (page, problems) with console errors, page errors and failed requests seen."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    page.wait_for_load_state("networkidle")
    return page, problems


UNDECODED_IMAGES = """async () => {
    const images = Array.from(document.images);
    for (const img of images) { img.loading = "eager"; }
    await Promise.all(images.map(img => img.decode().catch(() => null)));
    return images.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src);
}"""


def test_every_notebook_has_a_page_in_course_order():
    built = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "notebooks").glob("*.html"))
    assert built == [f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS]


@pytest.mark.parametrize("path", list(expected_pages()))
def test_page(context, site_url, path):
    url = urljoin(site_url, path)
    page, problems = open_page(context, url)
    try:
        title = page.title()
        assert expected_pages()[path] in title, f"{path}: title {title!r}"
        assert page.evaluate(UNDECODED_IMAGES) == [], f"{path}: images that did not decode"
        if page.locator(".math").count():  # formulas are typeset by the MathJax copy served with the site
            page.wait_for_selector("mjx-container", timeout=15_000)
        if path.startswith("notebooks/"):
            notebook = Path(path).stem + ".ipynb"
            hrefs = page.eval_on_selector_all("p.launch-links a", "links => links.map(a => a.href)")
            assert [urlparse(h).hostname for h in hrefs] == ["localhost", "mybinder.org", "colab.research.google.com"]
            assert all(h.endswith(notebook) for h in hrefs), hrefs
            exercises = page.locator("div.admonition.exercise").count()
            assert exercises == count_checks(ROOT / "notebooks" / notebook), f"{path}: {exercises} exercise boxes"
        assert problems == [], f"{path}: {problems}"
    finally:
        page.close()


def test_home_page_is_the_course_map(context, site_url):
    page, problems = open_page(context, site_url)
    try:
        links = set(page.eval_on_selector_all("article table a", "links => links.map(a => a.href)"))
        missing = [nb.name for nb in NOTEBOOKS if urljoin(site_url, f"notebooks/{nb.stem}.html") not in links]
        assert missing == [], f"the course map on the home page has no row for {missing} (README.md's course map)"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "home.png", full_page=True)
        assert problems == []
    finally:
        page.close()


def test_notebook_page_screenshot(context, site_url):
    page, problems = open_page(context, urljoin(site_url, f"notebooks/{NOTEBOOKS[0].stem}.html"))
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "notebook.png")
        page.locator("div.admonition.exercise").first.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / "notebook-exercise.png")
        assert problems == []
    finally:
        page.close()


def test_internal_links_resolve(context, site_url):
    """Every same-site link on every page points at an existing page, and its #anchor exists there."""
    page = context.new_page()
    broken = []
    ids: dict[str, set[str]] = {}
    try:
        for path in expected_pages():
            page.goto(urljoin(site_url, path), wait_until="load")
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                if not href.startswith(site_url):
                    continue
                target, anchor = urldefrag(href)
                if target not in ids:
                    response = page.request.get(target)
                    if not response.ok:
                        broken.append(f"{path} -> {href} (HTTP {response.status})")
                        ids[target] = set()
                        continue
                    ids[target] = set(re.findall(r'\sid="([^"]+)"', response.text()))
                if anchor and anchor not in ids[target]:
                    broken.append(f"{path} -> {href} (no #{anchor})")
    finally:
        page.close()
    assert broken == []
