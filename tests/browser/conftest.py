"""Browser fixtures: the built site served over HTTP as a static host would, and Debian's Chromium via Playwright.

These tests never skip: without Chromium or axe-core they fail and say how to install them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from aicompare import PROJECT_ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = PROJECT_ROOT / "node_modules/axe-core/axe.min.js"
# Keep Chromium off the network: this machine has none, and the site must not need it.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# One page of each kind: (name, path).
PAGE_KINDS = [
    ("home", ""),
    ("technology", "technologies/transformer/"),
    ("technologies index", "technologies/"),
    ("industry", "industries/healthcare/"),
    ("pair", "compare/rnn-vs-cnn/"),
    ("group comparison", "compare/gan-vs-vae-vs-diffusion/"),
    ("compare page", "compare/"),
    ("compare picker", "compare/?t=rnn,lstm,transformer"),
    ("rules", "regulations/"),
    ("industry matrix", "compare/technology-by-industry/"),
    ("comparison", "compare/architectures/"),
    ("topic", "topics/confusions/"),
    ("glossary", "glossary/"),
    ("references", "references/"),
    ("references by letter", "references/g/"),
    ("guide", "guide/?input=text&labels=few"),
    ("timeline", "topics/timeline/"),
    ("what changed", "changes/"),
    ("open data", "open-data/"),
    ("contributing", "contributing/"),
    ("not found", "no-such-page/"),
]


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: 404.html with status 404 for a missing path, no request log."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps` (apt-get install chromium) or set CHROMIUM_PATH")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core not found at {AXE_SCRIPT}: run `npm ci` (or `make test`, which does it)")
    return AXE_SCRIPT.read_text(encoding="utf-8")
