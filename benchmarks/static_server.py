"""A small static file server that behaves like a typical static host, for the Lighthouse benchmark.

- `/path/` serves `path/index.html`; `/path` redirects to `/path/` when that is a folder;
- text types (HTML, CSS, JS, JSON, SVG, XML, CSV, ...) are gzip-compressed when the client accepts gzip;
- correct Content-Type with a charset for text;
- Cache-Control: files under assets/ whose names carry a content hash are cached for a year as immutable,
  other assets for a day; everything else (pages, search index, sitemap, data exports) is revalidated;
- missing paths get the site's 404.html with status 404.
"""

from __future__ import annotations

import gzip
import mimetypes
import posixpath
import re
import sys
import threading
import urllib.parse
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".gz": "application/gzip",
}
COMPRESSED_TYPES = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "text/csv",
}
COMPRESSED_TYPES |= {"text/plain", "application/manifest+json"}
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(js|css)$")
YEAR, DAY = 31_536_000, 86_400


def content_type(path: Path) -> str:
    """MIME type of a file, with charset=utf-8 for text."""
    mime = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = mime.startswith("text/") or mime in {
        "application/json",
        "image/svg+xml",
        "application/xml",
        "application/manifest+json",
    }
    return f"{mime}; charset=utf-8" if text else mime


def cache_control(url_path: str, path: Path) -> str:
    """Cache policy: a year for hashed asset names, a day for other assets, revalidate everything else."""
    if not url_path.startswith("/assets/") or path.suffix == ".html":
        return "no-cache"
    if HASHED_NAME.search(path.name):
        return f"public, max-age={YEAR}, immutable"
    return f"public, max-age={DAY}"


@lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


class StaticHandler(BaseHTTPRequestHandler):
    """GET/HEAD handler for a built site; the root folder comes from the server."""

    server: StaticServer
    protocol_version = "HTTP/1.1"

    def resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file to serve, redirect location) for a URL path; (None, None) when missing."""
        root = self.server.root
        clean = posixpath.normpath(urllib.parse.unquote(url_path))
        candidate = (root / clean.lstrip("/")).resolve()
        if candidate != root and root not in candidate.parents:
            return None, None
        if candidate.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            candidate = candidate / "index.html"
        return (candidate, None) if candidate.is_file() else (None, None)

    def send_file(self, path: Path, status: HTTPStatus, url_path: str, body: bool) -> None:
        mime = content_type(path)
        data = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", mime)
        if mime.split(";")[0] in COMPRESSED_TYPES:
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = _gzipped(path, path.stat().st_mtime_ns)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", cache_control(url_path, path))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def handle_request(self, body: bool) -> None:
        url_path = urllib.parse.urlsplit(self.path).path
        path, location = self.resolve(url_path)
        if location:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path:
            self.send_file(path, HTTPStatus.OK, url_path, body)
        elif (self.server.root / "404.html").is_file():
            self.send_file(self.server.root / "404.html", HTTPStatus.NOT_FOUND, url_path, body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def do_GET(self) -> None:
        self.handle_request(body=True)

    def do_HEAD(self) -> None:
        self.handle_request(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the benchmark prints its own report."""


class StaticServer(ThreadingHTTPServer):
    """Threaded server for one site folder."""

    daemon_threads = True

    def __init__(self, root: Path, port: int) -> None:
        self.root = root.resolve()
        super().__init__(("127.0.0.1", port), StaticHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up mid-request (Chrome closing connections); report anything else."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def start(self) -> threading.Thread:
        """Serve in a background thread; call shutdown() to stop."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread
