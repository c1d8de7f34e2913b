"""Headless Chromium (Debian's, driven by Playwright) against the live stack: gunicorn, Celery, Valkey.

Chromium is looked up at ROLEFIT_CHROMIUM, /usr/bin/chromium or on PATH; without it every browser
test is skipped with the reason. Nothing is ever downloaded (no `playwright install`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.stack import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """ROLEFIT_CHROMIUM when set (and only it), else Debian's chromium."""
    chosen = os.environ.get("ROLEFIT_CHROMIUM")
    candidates = (
        [chosen]
        if chosen
        else [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            shutil.which("chromium") or "",
            shutil.which("chromium-browser") or "",
        ]
    )
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("Chromium not found (install: apt-get install -y chromium, or set ROLEFIT_CHROMIUM)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS, headless=True)
        yield launched
        launched.close()


class PageProblems:
    """What a page must never do: break the CSP, throw, or reach anything but the server under test."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.missing: list[str] = []

    def on_console(self, message) -> None:
        # a 4xx page the test asked for is logged as "Failed to load resource"; assets are checked apart
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console.append(message.text)

    def on_response(self, response) -> None:
        if (
            response.request.resource_type in {"stylesheet", "script", "image", "font"}
            and response.status >= 400
        ):
            self.missing.append(f"{response.status} {response.url}")

    def check(self) -> None:
        assert not self.offsite, f"requests left the server (a CDN?): {self.offsite}"
        assert not self.missing, f"assets that failed to load: {self.missing}"
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.console, f"console errors (CSP violations show here): {self.console}"


@pytest.fixture()
def page(browser, live_server: str) -> Iterator[object]:
    """A fresh browser context (no cookies) on the live server; fails the test on CSP or script errors."""
    context = browser.new_context(
        base_url=live_server, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    problems = PageProblems()
    origin = urlsplit(live_server).netloc

    def only_the_server(route) -> None:
        if urlsplit(route.request.url).netloc == origin or route.request.url.startswith("data:"):
            route.continue_()
        else:
            problems.offsite.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on("console", problems.on_console)
    tab.on("response", problems.on_response)
    tab.on("pageerror", lambda exc: problems.errors.append(str(exc)))
    tab.problems = problems
    yield tab
    context.close()
    problems.check()


@pytest.fixture()
def signed_in(page, api_key: str):
    """The page after signing in with a real API key through the sign-in form."""
    page.goto("/signin")
    page.get_by_label("API key").fill(api_key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert "Signed in" in page.locator(".who").inner_text()
    return page


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
