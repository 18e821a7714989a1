"""Build benchmarks: full build time, cost of the macros layer, scaling on synthetic data, `mkdocs serve` reload time.

Run with `make benchmark-build` or `.venv/bin/python benchmarks/build.py [--quick] [--only build,macros,scaling,serve]`.
Everything happens in temporary folders; the real project is only read. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aicompare.loader import load_knowledge_base
from aicompare.problems import DataError
from aicompare.project import copy_project
from benchmarks.common import (
    BUILT_IN,
    PROJECT_ROOT,
    BuildFailed,
    BuildTiming,
    count_pages,
    free_port,
    median_build,
    median_timing,
    mkdocs_env,
    print_table,
    timed_build,
    verdict,
)
from benchmarks.synthetic import scale_project

SECTIONS = ("build", "floor", "macros", "scaling", "serve")
FLOOR_TARGET = 1.15
MACROS_TARGET = 1.15
SCALING_TARGET = 1.5
SERVE_TARGET = 2.0
PAIRS_OFF = {"AICOMPARE_PAIR_PAGES": "off"}


@dataclass
class Figure:
    """One line of the results table."""

    name: str
    value: str
    target: str = "-"
    result: str = "info"


def say(message: str) -> None:
    """Progress line, printed as the benchmark runs."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def edit_config(project: Path, edit: Callable[[str], str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    """Replace `old`, which must occur exactly once (so a changed mkdocs.yml fails loudly, not silently)."""
    if text.count(old) != 1:
        raise RuntimeError(f"expected exactly one {old!r} in mkdocs.yml, found {text.count(old)}")
    return text.replace(old, new)


def without_plugin(text: str, name: str) -> str:
    """mkdocs.yml text with the `- <name>` entry (and its indented options) removed from the plugins list."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(rf"^\s*- {re.escape(name)}:?\s*$", line)), None)
    if start is None:
        raise RuntimeError(f"plugin '{name}' not found in mkdocs.yml")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def per_page(seconds: float, pages: int) -> str:
    return f"{seconds / pages * 1000:.1f} ms"


def bench_build(tmp: Path, runs: int) -> list[Figure]:
    """(a) Strict build of the real project, median of `runs` fresh processes."""
    say(f"build: {runs} strict build(s) of the real project")
    site = tmp / "build-site"
    timing = median_build(PROJECT_ROOT, site, runs)
    pages = count_pages(site)
    say(f"build: wall {timing.wall:.2f} s, MkDocs {timing.built_in:.2f} s, {pages} pages")
    return [
        Figure("Full strict build, wall time of the process (median)", f"{timing.wall:.2f} s"),
        Figure("Full strict build, MkDocs 'Documentation built in' (median)", f"{timing.built_in:.2f} s"),
        Figure("HTML pages produced (redirect stubs excluded)", str(pages)),
        Figure("Time per page (wall / MkDocs)", f"{per_page(timing.wall, pages)} / {per_page(timing.built_in, pages)}"),
    ]


def rendered_copy(tmp: Path, copy_for_capture: Callable[[Path], Path] = copy_project) -> Path:
    """A copy whose docs/ holds the Markdown as macros rendered it (pair pages included), without the macros plugin.

    `copy_for_capture` makes the project copy whose build is captured: pass `copy_with_history` so the pages
    carry what git history adds (dates, recent changes, the What changed page)."""
    capture_project = copy_for_capture(tmp / "macros-capture")
    shutil.copy2(Path(__file__).with_name("capture_hook.py"), capture_project / "capture_hook.py")
    edit_config(
        capture_project, lambda text: replace_once(text, "hooks:\n  - hooks.py\n", "hooks:\n  - hooks.py\n  - capture_hook.py\n")
    )
    captured = tmp / "macros-rendered-md"
    median_build(capture_project, tmp / "macros-capture-site", 1, mkdocs_env(BENCH_CAPTURE_DIR=str(captured)))

    plain = copy_project(tmp / "macros-off")
    for page in (plain / "docs").rglob("*.md"):
        page.unlink()
    shutil.copytree(captured, plain / "docs", dirs_exist_ok=True)
    edit_config(plain, lambda text: without_plugin(text, "macros"))
    return plain


def bench_macros(tmp: Path, runs: int) -> list[Figure]:
    """(b) Build with macros vs. the same rendered Markdown built without the macros plugin."""
    say("macros: capturing the rendered Markdown of every page")
    plain = rendered_copy(tmp)
    with_macros = copy_project(tmp / "macros-on")
    say(f"macros: {runs} build(s) with macros, {runs} without")
    on_site, off_site = tmp / "macros-on-site", tmp / "macros-off-site"
    on_runs: list[BuildTiming] = []
    off_runs: list[BuildTiming] = []
    for _ in range(runs):  # alternate, so a change in machine load affects both sides alike
        on_runs.append(timed_build(with_macros, on_site))
        off_runs.append(timed_build(plain, off_site, mkdocs_env(**PAIRS_OFF)))
    on, off = median_timing(on_runs), median_timing(off_runs)
    on_pages, off_pages = count_pages(on_site), count_pages(off_site)
    ratio = on.wall / off.wall
    say(f"macros: with {on.wall:.2f} s ({on_pages} pages), without {off.wall:.2f} s ({off_pages} pages), ratio {ratio:.3f}")
    figures = [
        Figure("Build with macros (wall / MkDocs, median)", f"{on.wall:.2f} s / {on.built_in:.2f} s"),
        Figure("Build of the rendered Markdown, no macros plugin (wall / MkDocs)", f"{off.wall:.2f} s / {off.built_in:.2f} s"),
        Figure("Macros cost, MkDocs-time ratio (with / without)", f"{on.built_in / off.built_in:.3f}"),
        Figure(
            "Macros cost, wall-time ratio (with / without)",
            f"{ratio:.3f}",
            f"<= {MACROS_TARGET}",
            verdict(ratio <= MACROS_TARGET),
        ),
    ]
    if on_pages != off_pages:
        figures.append(Figure("WARNING: page counts differ (with / without macros)", f"{on_pages} / {off_pages}", result="check"))
    return figures


def without_block(text: str, key: str) -> str:
    """mkdocs.yml text without the top-level `key:` and the indented lines under it."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        raise RuntimeError(f"'{key}:' not found in mkdocs.yml")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "#"))):
        end += 1
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def stock_config(text: str, nav: str) -> str:
    """The project's mkdocs.yml as stock Material would take it: same theme, features and Markdown
    extensions, the search plugin only, no macros, no hooks, no theme overrides, and the nav the hooks made."""
    for key in ("hooks", "nav", "watch", "strict"):
        text = without_block(text, key)
    text = replace_once(text, "  custom_dir: overrides\n", "")  # rendered_copy has already removed the macros plugin
    return text + nav


def floor_copy(tmp: Path) -> Path:
    """A copy whose docs/ holds every page as the project rendered it with its git history, built by stock Material."""
    plain = rendered_copy(tmp, copy_with_history)
    nav = (tmp / "captured-nav.yml").read_text(encoding="utf-8")
    edit_config(plain, lambda text: stock_config(text, nav))
    return plain


def copy_with_history(destination: Path) -> Path:
    """A copy of the project with its git history, as a contributor's checkout has: page dates and What changed
    are read from git, so a copy without history would leave that cost out."""
    project = copy_project(destination)
    clone = destination / ".history-clone"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(PROJECT_ROOT), str(clone)], check=True, timeout=600)
    (clone / ".git").rename(project / ".git")
    shutil.rmtree(clone)
    subprocess.run(["git", "reset", "--quiet"], cwd=project, check=True, timeout=600)
    return project


def bench_floor(tmp: Path, runs: int) -> list[Figure]:
    """(b) The full build against stock Material building the very same rendered pages, alternately.

    The project's side is a copy with git history. Its first build starts without .cache/ (as on a fresh
    clone, or in CI) and is reported on its own; the median is over all runs.
    """
    say("floor: capturing every rendered page and the nav, for a stock Material build")
    stock = floor_copy(tmp / "floor")
    project = copy_with_history(tmp / "floor-project")
    full_runs: list[BuildTiming] = []
    stock_runs: list[BuildTiming] = []
    for _ in range(runs):  # alternate, so a change in machine load affects both sides alike
        full_runs.append(timed_build(project, tmp / "floor-full-site"))
        stock_runs.append(timed_build(stock, tmp / "floor-stock-site", mkdocs_env(**PAIRS_OFF), strict=False))
    full, floor = median_timing(full_runs), median_timing(stock_runs)
    pages, floor_pages = count_pages(tmp / "floor-full-site"), count_pages(tmp / "floor-stock-site")
    ratio = full.wall / floor.wall
    paired = statistics.median([f.wall / s.wall for f, s in zip(full_runs, stock_runs, strict=True)])  # pairs ran back to back
    say(f"floor: project {full.wall:.2f} s ({pages} pages), stock Material {floor.wall:.2f} s ({floor_pages} pages)")
    cold = full_runs[0].wall / stock_runs[0].wall
    figures = [
        Figure("Full build, first run without .cache/ (wall; ratio to stock)", f"{full_runs[0].wall:.2f} s; {cold:.3f}"),
        Figure("Full build (wall / MkDocs, median)", f"{full.wall:.2f} s / {full.built_in:.2f} s"),
        Figure("Stock Material, same rendered pages (wall / MkDocs)", f"{floor.wall:.2f} s / {floor.built_in:.2f} s"),
        Figure("Floor ratio, MkDocs time (full / stock)", f"{full.built_in / floor.built_in:.3f}"),
        Figure("Floor ratio, wall time (median full / median stock)", f"{ratio:.3f}"),
        Figure("Floor ratio, wall time (median of back-to-back pairs)", f"{paired:.3f}", f"<= {FLOOR_TARGET}",
               verdict(paired <= FLOOR_TARGET)),
    ]
    if pages != floor_pages:
        figures.append(Figure("WARNING: page counts differ (full / stock)", f"{pages} / {floor_pages}", result="check"))
    return figures


def check_data(project: Path) -> bool:
    """Run the real loader on a synthetic copy's data; print its problems if any."""
    try:
        kb = load_knowledge_base(project / "data")
    except DataError as error:
        print(error, flush=True)
        return False
    say(f"scaling: data loads: {kb.summary()}")
    return True


def page_time_figures(factor: int, spent: dict[str, float], built_in: float) -> list[Figure]:
    """Where the time of one build went: the median page, the slowest pages, and time outside any page."""
    slowest = sorted(spent.items(), key=lambda item: -item[1])[:3]
    outside = built_in - sum(spent.values())
    return [
        Figure(
            f"Scaling {factor}x: median page; time outside pages (last run)",
            f"{statistics.median(spent.values()) * 1000:.0f} ms; {outside:.1f} s",
        ),
        Figure(f"Scaling {factor}x: slowest pages", ", ".join(f"{uri} {seconds:.1f} s" for uri, seconds in slowest)),
    ]


def bench_scaling(tmp: Path, runs: int, factors: list[int]) -> list[Figure]:
    """(c) Time per page at 1x, 10x, 30x the technologies and industries, pair pages off."""
    results: dict[int, tuple[int, BuildTiming]] = {}
    sizes: dict[int, float] = {}
    page_figures: list[Figure] = []
    median_page: dict[int, float] = {}
    for factor in factors:
        project = copy_project(tmp / f"scale-{factor}x")
        if factor > 1:
            counts = scale_project(project, factor)
            say(f"scaling: {factor}x copy has {counts['technologies']} technologies, {counts['industries']} industries")
        # Pair pages are off, so the compare matrix links to pages that do not exist: silence only that check.
        edit_config(project, lambda text: replace_once(text, "  links:\n    not_found: warn", "  links:\n    not_found: ignore"))
        shutil.copy2(Path(__file__).with_name("timing_hook.py"), project / "timing_hook.py")
        edit_config(
            project, lambda text: replace_once(text, "hooks:\n  - hooks.py\n", "hooks:\n  - hooks.py\n  - timing_hook.py\n")
        )
        times_file = tmp / f"scale-{factor}x-page-times.json"
        if not check_data(project):
            return [Figure(f"Scaling {factor}x: synthetic data rejected by the loader", "see problems above", result="MISS")]
        say(f"scaling: {runs} strict build(s) at {factor}x")
        site = tmp / f"scale-{factor}x-site"
        timing = median_build(project, site, runs, mkdocs_env(BENCH_PAGE_TIMES=str(times_file), **PAIRS_OFF))
        pages = count_pages(site)
        spent = json.loads(times_file.read_text(encoding="utf-8"))
        page_figures += page_time_figures(factor, spent, timing.built_in)
        median_page[factor] = statistics.median(spent.values())
        results[factor] = (pages, timing)
        html_kb = sum(path.stat().st_size for path in site.rglob("*.html")) / pages / 1024
        say(
            f"scaling: {factor}x: {pages} pages, wall {timing.wall:.2f} s, "
            f"MkDocs {timing.built_in:.2f} s, {html_kb:.0f} KB HTML/page"
        )
        sizes[factor] = html_kb
        shutil.rmtree(site, ignore_errors=True)
    figures = [
        Figure(
            f"Scaling {factor}x: pages, MkDocs time, per page (wall per page)",
            f"{pages}, {timing.built_in:.2f} s, {per_page(timing.built_in, pages)} ({per_page(timing.wall, pages)})",
        )
        for factor, (pages, timing) in results.items()
    ]
    figures += [
        Figure(f"Scaling {factor}x: average HTML per page (uncompressed)", f"{size:.0f} KB") for factor, size in sizes.items()
    ]
    figures += page_figures
    base_pages, base = results[1]
    for factor in factors[1:]:
        pages, timing = results[factor]
        ratio = (timing.built_in / pages) / (base.built_in / base_pages)
        wall_ratio = (timing.wall / pages) / (base.wall / base_pages)
        figures.append(Figure(f"Scaling: median page time {factor}x / 1x", f"{median_page[factor] / median_page[1]:.3f}"))
        figures.append(Figure(f"Scaling: time per page {factor}x / 1x, wall-time basis", f"{wall_ratio:.3f}"))
        figures.append(
            Figure(
                f"Scaling: time per page {factor}x / 1x, MkDocs-time basis",
                f"{ratio:.3f}",
                f"<= {SCALING_TARGET}",
                verdict(ratio <= SCALING_TARGET),
            )
        )
    return figures


def wait_for(url: str, predicate: Callable[[str], bool], timeout: float, process: subprocess.Popen[bytes]) -> float:
    """Poll `url` every 50 ms until the body satisfies `predicate`; return the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with code {process.returncode}")
        try:
            response = requests.get(url, timeout=timeout)
            if response.status_code == 200 and predicate(response.text):
                return time.perf_counter() - start
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the expected content within {timeout:.0f} s")


def append_marker(data_file: Path, marker: str) -> None:
    """Append a word to the first line of the first dimension value (a folded scalar) in a technology file."""
    lines = data_file.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(r"^\s+value: >-?\s*$", line))
    lines[index + 1] += f" {marker}"
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop mkdocs serve the way Ctrl+C does; escalate only if it does not exit."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def bench_serve(tmp: Path, runs: int) -> list[Figure]:
    """(d) Time from saving data/technologies/rnn.yml to the served page showing the change."""
    project = copy_project(tmp / "serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}/technologies/rnn/"
    log_path = tmp / "serve.log"
    say(f"serve: starting mkdocs serve on port {port}")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=mkdocs_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(url, lambda body: True, 300, process)
            time.sleep(1.0)  # let the file watcher take its first snapshot
            latencies: list[float] = []
            for run in range(1, runs + 1):
                marker = f"benchmarker{run}x{uuid.uuid4().hex[:8]}"
                append_marker(project / "data" / "technologies" / "rnn.yml", marker)
                latency = wait_for(url, lambda body, m=marker: m in body, 120, process)
                latencies.append(latency)
                say(f"serve: run {run}: marker served after {latency:.2f} s")
                time.sleep(1.5)
        finally:
            stop(process)
    rebuilds = [float(value) for value in BUILT_IN.findall(log_path.read_text(encoding="utf-8", errors="replace"))][1:]
    reload = statistics.median(latencies)
    figures = [
        Figure(
            "Serve: reload after a data edit (median)",
            f"{reload:.2f} s",
            f"< {SERVE_TARGET} s",
            verdict(reload < SERVE_TARGET),
        ),
        Figure("Serve: each run", ", ".join(f"{value:.2f} s" for value in latencies)),
    ]
    if rebuilds:
        rebuild = statistics.median(rebuilds)
        figures.append(Figure("Serve: of which rebuild ('Documentation built in', median)", f"{rebuild:.2f} s"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of each measurement and no 30x scaling")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (more on a noisy machine; default 3)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    args = parser.parse_args(argv)
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    runs = 1 if args.quick else args.runs
    factors = [1, 10] if args.quick else [1, 10, 30]
    say(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {runs} run(s) per measurement, sections: {', '.join(only)}")

    benches: dict[str, Callable[[Path], list[Figure]]] = {
        "build": lambda tmp: bench_build(tmp, runs),
        "floor": lambda tmp: bench_floor(tmp, runs),
        "macros": lambda tmp: bench_macros(tmp, runs),
        "scaling": lambda tmp: bench_scaling(tmp, runs, factors),
        "serve": lambda tmp: bench_serve(tmp, runs),
    }
    figures: list[Figure] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="aicompare-bench-") as folder:
        for section in SECTIONS:
            if section not in only:
                continue
            try:
                figures += benches[section](Path(folder))
            except (BuildFailed, RuntimeError, TimeoutError, OSError) as error:
                print(f"{section}: FAILED: {error}", flush=True)
                figures.append(Figure(f"{section}: could not be measured", type(error).__name__, result="FAILED"))
                failed = True

    print()
    print_table(["Figure", "Value", "Target", "Result"], [[f.name, f.value, f.target, f.result] for f in figures])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
