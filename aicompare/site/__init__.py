"""Build-time features wired in by hooks.py: generated pages, glossary tooltips, page metadata, open data."""
