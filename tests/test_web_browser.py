"""The web app in a real browser: Debian's chromium, headless, driven by Playwright.

The app is served live on 127.0.0.1 (the `web_server` fixture) over our examples
and one hostile article. Screenshots of the stories, story and article pages are
taken and checked; they are kept in $STORYLENS_SCREENSHOTS when set (the README's
come from `STORYLENS_SCREENSHOTS=docs/screenshots make test`), so a test run never
rewrites tracked files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import CHROMIUM, EXAMPLES

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} not found: `make chromium` installs it")

KEEP_SCREENSHOTS = os.environ.get("STORYLENS_SCREENSHOTS")


def screenshot(page: Page, name: str) -> None:
    """Take a screenshot of the page and check it rendered: a non-trivial PNG."""
    path = None
    if KEEP_SCREENSHOTS:
        Path(KEEP_SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        path = str(Path(KEEP_SCREENSHOTS) / f"{name}.png")
    data = page.screenshot(path=path, full_page=False)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert page.locator("main").bounding_box()["height"] > 200


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1200, "height": 860})
    return page


def test_search_open_a_story_and_follow_a_citation_to_its_article(page, web_server):
    page.goto(f"{web_server}/stories")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()
    screenshot(page, "stories")

    page.locator("form.filters input[name=q]").fill("Eastquay")
    page.locator("form.filters button").click()
    results = page.locator("ol.stories a.label")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Portvale")

    results.click()
    expect(page.locator("h1")).to_contain_text("Portvale")
    screenshot(page, "story")

    # A single-source fact shows the other outlets' closest statements, not counted.
    near = page.locator(".sl-facts tr:has(.sl-similar):has(.sl-single_source)").first
    expect(near.locator(".sl-badge")).to_have_text(re.compile("single source", re.I))
    expect(near.locator(".sl-similar")).to_contain_text("not counted")
    expect(near.locator(".sl-similar .sl-cite a").first).to_have_attribute(
        "href", re.compile(r"^/articles/[^?]+\?start=\d+&end=\d+#cited$"))

    # A citation of the brief leads to its sentence, marked in its article.
    story_page = page.url
    page.locator(".sl-section-summary .sl-cite a").first.click()
    expect(page.locator("#cited")).to_be_visible()
    assert re.search(r"/articles/[^?]+\?start=\d+&end=\d+#cited$", page.url)
    expect(page.locator("article.reader h1")).to_be_visible()

    page.goto(story_page)
    page.locator("ul.articles a", has_text="Fire at Portvale").click()
    expect(page.locator("article.reader h1")).to_contain_text("Fire at Portvale")
    expect(page.locator("mark.quote").first).to_be_visible()
    screenshot(page, "article")

    # A speaker's page gathers their quotes; each quote links to it in its article.
    page.locator("a.speaker", has_text="Brenner").first.click()
    expect(page.locator("h1")).to_have_text("Tomasz Brenner")
    page.locator("ul.quotes a.source", has_text="Valley Courier").first.click()
    expect(page.locator("#cited")).to_be_visible()
    assert re.search(r"/articles/[^?]+\?start=\d+&end=\d+#cited$", page.url)


def test_the_script_payload_article_executes_nothing(page, web_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{web_server}/stories")
    page.locator("ol.stories a.label", has_text="window.__pwned").click()
    expect(page.locator("h1")).to_contain_text("<script>window.__pwned = 1")
    page.locator("ul.articles a").first.click()
    expect(page.locator("article.reader h1")).to_contain_text("<img src=x onerror=")
    for url in (page.url, f"{web_server}/stories?q=%3Cscript%3E"):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title() != "PWNED"  # what the title payload would set
        assert page.locator("img").count() == 0
        assert page.locator("a[href^='javascript' i]").count() == 0
    assert dialogs == []


def test_ingest_from_the_page_shows_the_job_finishing(page, web_server):
    page.goto(f"{web_server}/ingest")
    page.locator("input[name=files]").set_input_files(
        str(EXAMPLES / "articles" / "coastal-tribune.txt"))
    page.get_by_role("button", name="Ingest").click()
    expect(page.locator("h1")).to_have_text("Ingest job")
    # The script polls the job and shows it finished; the example is already stored.
    expect(page.locator("[data-field=state]")).to_have_text("done", timeout=60_000)
    expect(page.locator("[data-field=already_stored]")).to_have_text("1")
