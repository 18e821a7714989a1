"""Lighthouse benchmark: build the site, serve it like a static host, audit one page of each kind.

Run with `make benchmark-lighthouse` or
`.venv/bin/python benchmarks/lighthouse.py [--pages home,technology,...] [--keep-reports DIR]`.
Exit code 0 even when a target is missed; non-zero only when the build or Lighthouse itself fails.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import PROJECT_ROOT, BuildFailed, free_port, mkdocs_env, print_table, timed_build, verdict
from benchmarks.static_server import StaticServer

PAGES = {
    "home": "",
    "technology": "technologies/transformer/",
    "industry": "industries/retail/",
    "pair": "compare/rnn-vs-cnn/",
    "group": "compare/gan-vs-vae-vs-diffusion/",
    "compare": "compare/",
    "picker": "compare/?t=rnn,lstm,transformer",
    "tech-by-industry": "compare/technology-by-industry/",
    "topic": "topics/confusions/",
    "rules": "regulations/",
    "glossary": "glossary/",
    "references": "references/g/",
    "open-data": "open-data/",
    "changes": "changes/",
    "404": "404.html",
}
# Lighthouse refuses to audit a document served with status 404 (runtime error ERRORED_DOCUMENT_REQUEST), so the
# 404 page is audited at /404.html; the script checks separately that a missing path gets that page with status 404.
MISSING_PATH = "no-such-page/"
SEARCH_INDEX = "/search/search_index.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
PERFORMANCE_TARGET = 98
FIRST_LOAD_KB = 120
TOP_OPPORTUNITIES = 4


@dataclass
class PageResult:
    """What one Lighthouse report says about one page."""

    name: str
    url: str
    scores: dict[str, int | None]
    transfer_kb: float
    requests: int
    third_party: list[str]
    failing: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    largest: list[str] = field(default_factory=list)
    search_index_kb: float = 0.0


class LighthouseFailed(RuntimeError):
    """Lighthouse did not produce a usable report."""


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_lighthouse() -> None:
    """Install the pinned Node tools with `npm ci` when node_modules is missing."""
    if LIGHTHOUSE.exists():
        return
    say("node_modules/.bin/lighthouse is missing: running npm ci")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=True)


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """Run the Lighthouse CLI (mobile, four categories) on `url`; return the parsed JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--no-enable-error-reporting",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not report.exists():
        raise LighthouseFailed(f"lighthouse exited with {result.returncode} for {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise LighthouseFailed(f"lighthouse runtime error for {url}: {data['runtimeError']}")
    return data


def median_run(url: str, report: Path, runs: int) -> dict[str, Any]:
    """Run Lighthouse `runs` times; keep (and leave at `report`) the run with the median performance score."""
    reports = []
    for run in range(runs):
        path = report.with_name(f"{report.stem}.run{run}.json") if runs > 1 else report
        reports.append((run_lighthouse(url, path), path))
    reports.sort(key=lambda pair: pair[0]["categories"]["performance"]["score"] or 0)
    data, path = reports[len(reports) // 2]
    if path != report:
        shutil.copy2(path, report)
    if runs > 1:
        scores = ", ".join(str(_score(d["categories"]["performance"]["score"])) for d, _ in reports)
        say(f"  performance over {runs} runs: {scores}; keeping the median")
    return data


def _score(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def failing_audits(data: dict[str, Any], category: str) -> list[str]:
    """Ids of scored audits in a category whose score is below 1; '*' marks audits that do not count towards the score."""
    audits = data["audits"]
    scored = {"binary", "numeric", "metricSavings"}
    return [
        ref["id"] + ("" if ref.get("weight") else "*")
        for ref in data["categories"][category]["auditRefs"]
        if audits[ref["id"]].get("scoreDisplayMode") in scored and (audits[ref["id"]].get("score") or 0) < 1
    ]


def performance_opportunities(data: dict[str, Any]) -> list[str]:
    """The performance audits with the largest estimated savings (opportunities and insights), largest first."""
    audits = data["audits"]
    found: list[tuple[float, float, str]] = []
    for ref in data["categories"]["performance"]["auditRefs"]:
        audit = audits[ref["id"]]
        # "hidden" holds the newer insight audits, which repeat the classic opportunities and diagnostics
        if ref.get("group") in {"metrics", "hidden"} or audit.get("score") is None or audit["score"] >= 0.9:
            continue
        details = audit.get("details") or {}
        savings_ms = float(details.get("overallSavingsMs") or 0) or max(
            [float(v or 0) for k, v in (audit.get("metricSavings") or {}).items() if k != "CLS"], default=0.0
        )
        savings_kb = float(details.get("overallSavingsBytes") or 0) / 1024
        found.append((savings_ms, savings_kb, ref["id"]))
    found.sort(reverse=True)
    labels = []
    for savings_ms, savings_kb, audit_id in found[:TOP_OPPORTUNITIES]:
        parts = [f"{savings_ms:.0f} ms"] if savings_ms else []
        parts += [f"{savings_kb:.0f} KB"] if savings_kb >= 1 else []
        labels.append(f"{audit_id} ({', '.join(parts)})" if parts else audit_id)
    return labels


def summarise(name: str, url: str, data: dict[str, Any]) -> PageResult:
    """Pick the figures of one report."""
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
    requests = (data["audits"]["network-requests"].get("details") or {}).get("items", [])
    third_party = []
    for item in requests:
        parts = urllib.parse.urlsplit(item.get("url", ""))
        if parts.scheme in {"http", "https", "ws", "wss"} and f"{parts.scheme}://{parts.netloc}" != origin:
            third_party.append(item["url"])
    result = PageResult(
        name=name,
        url=url,
        scores={category: _score(data["categories"][category]["score"]) for category in CATEGORIES},
        transfer_kb=float(data["audits"]["total-byte-weight"].get("numericValue", 0)) / 1024,
        requests=len(requests),
        third_party=third_party,
        warnings=list(data.get("runWarnings", [])),
        search_index_kb=sum(
            float(item.get("transferSize") or 0) for item in requests if item.get("url", "").endswith(SEARCH_INDEX)
        )
        / 1024,
        largest=[
            f"{urllib.parse.urlsplit(item['url']).path} {float(item.get('transferSize') or 0) / 1024:.0f} KB"
            for item in sorted(requests, key=lambda item: -float(item.get("transferSize") or 0))[:3]
        ],
    )
    result.failing = {category: failing_audits(data, category) for category in CATEGORIES[1:]}
    result.failing["performance"] = performance_opportunities(data)
    return result


def check_missing_path(base: str, site_dir: Path) -> None:
    """Confirm the server answers a missing path with the site's 404.html and status 404."""
    try:
        with urllib.request.urlopen(base + MISSING_PATH, timeout=10) as response:
            say(f"WARNING: /{MISSING_PATH} answered {response.status}, not 404")
    except urllib.error.HTTPError as error:
        same = error.read() == (site_dir / "404.html").read_bytes()
        page = "the site's 404.html" if same else "a body that is NOT the site's 404.html"
        say(f"/{MISSING_PATH} answers {error.code} with {page}; Lighthouse audits that page at /404.html")


def build_site(site_dir: Path, site_url: str) -> None:
    say(f"building the site (strict) with SITE_URL={site_url}")
    timing = timed_build(PROJECT_ROOT, site_dir, mkdocs_env(SITE_URL=site_url))
    say(f"built in {timing.wall:.1f} s")


def print_report(results: list[PageResult]) -> None:
    print()
    rows = []
    for result in results:
        scores = [("-" if result.scores[c] is None else str(result.scores[c])) for c in CATEGORIES]
        rows.append([result.name, *scores, f"{result.transfer_kb:.0f}", str(result.requests), str(len(result.third_party))])
    print_table(["Page", "Perf", "A11y", "BP", "SEO", "KB", "Requests", "3rd-party"], rows)

    print("\nFailing audits (a11y, bp, seo: score < 1; * = weight 0, does not lower the score)")
    print("and top performance opportunities (estimated savings):")
    for result in results:
        print(f"  {result.name}  {result.url}")
        for category in ("accessibility", "best-practices", "seo", "performance"):
            items = result.failing.get(category, [])
            print(f"    {SHORT[category]:5} {', '.join(items) if items else '-'}")
        print(f"    largest transfers: {', '.join(result.largest)}")
        for url in result.third_party:
            print(f"    third-party request: {url}")
        for warning in result.warnings:
            print(f"    Lighthouse warning: {' '.join(str(warning).split())}")


def print_summary(results: list[PageResult]) -> None:
    def lowest(category: str) -> int | None:
        scores = [r.scores[category] for r in results if r.scores[category] is not None]
        return min(scores) if scores else None

    rows = []
    for category, target in (("performance", PERFORMANCE_TARGET), ("accessibility", 100), ("best-practices", 100), ("seo", 100)):
        low = lowest(category)
        below = [r.name for r in results if r.scores[category] is not None and r.scores[category] < target]
        note = f" (below: {', '.join(below)})" if below else ""
        rows.append([f"{category}, lowest score{note}", str(low), f">= {target}", verdict(low is not None and low >= target)])
    heaviest = max(results, key=lambda r: r.transfer_kb, default=None)
    if heaviest:
        rows.append(
            [
                f"first load, compressed, heaviest page ({heaviest.name})",
                f"{heaviest.transfer_kb:.0f} KB",
                f"<= {FIRST_LOAD_KB} KB",
                verdict(all(r.transfer_kb <= FIRST_LOAD_KB for r in results)),
            ]
        )
    index_loads = [r.name for r in results if r.search_index_kb]
    rows.append(
        [
            f"pages that fetch the search index ({SEARCH_INDEX}) on load",
            ", ".join(index_loads) or "none",
            "none",
            verdict(not index_loads),
        ]
    )
    third_party = sum(len(r.third_party) for r in results)
    rows.append(["third-party requests, all pages", str(third_party), "0", verdict(third_party == 0)])
    print("\nSummary against the targets (1 KB = 1024 bytes):")
    print_table(["Target", "Value", "Target", "Result"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated subset of {','.join(PAGES)}")
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per page; the run with the median performance is kept"
    )
    parser.add_argument("--keep-reports", type=Path, metavar="DIR", help="copy the Lighthouse JSON reports into DIR")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = sorted(set(names) - set(PAGES))
    if unknown:
        parser.error(f"unknown page(s) {', '.join(unknown)}; choose from {', '.join(PAGES)}")

    ensure_lighthouse()
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    say(f"Lighthouse {version}, Chrome {CHROME}, mobile form factor, {len(names)} page(s)")
    results: list[PageResult] = []
    with tempfile.TemporaryDirectory(prefix="aicompare-lighthouse-") as folder:
        tmp = Path(folder)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        try:
            build_site(tmp / "site", base)
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 2
        server = StaticServer(tmp / "site", port)
        server.start()
        try:
            if "404" in names:
                check_missing_path(base, tmp / "site")
            for name in names:
                url = base + PAGES[name]
                report = tmp / f"{name}.report.json"
                say(f"lighthouse: {name} {url}")
                try:
                    data = median_run(url, report, args.runs)
                except (LighthouseFailed, subprocess.TimeoutExpired) as error:
                    print(error, file=sys.stderr)
                    return 3
                results.append(summarise(name, url, data))
                if args.keep_reports:
                    args.keep_reports.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(report, args.keep_reports / report.name)
        finally:
            server.shutdown()
            server.server_close()

    print_report(results)
    print_summary(results)
    if args.keep_reports:
        print(f"\nJSON reports kept in {args.keep_reports}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
