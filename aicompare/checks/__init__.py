"""The loader's checks: YAML syntax, schema messages, and the named cross-record rules."""
