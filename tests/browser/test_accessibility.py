"""axe-core over every kind of page, in both colour schemes: zero violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import PAGE_KINDS


def axe_violations(page: Page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    found = []
    for violation in violations:
        where = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("kind", "path"), PAGE_KINDS, ids=[kind for kind, _ in PAGE_KINDS])
def test_no_accessibility_violations(page: Page, site_url: str, axe_source: str, kind: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert axe_violations(page, axe_source) == []
