"""Benchmark scripts: build cost (benchmarks/build.py) and page quality (benchmarks/lighthouse.py)."""
