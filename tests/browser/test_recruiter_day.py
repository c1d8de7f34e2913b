"""A recruiter's day in Chromium without dead ends: past batches listed and reachable, blind rows
opening a redacted report, filters that say what they removed, roles renamed and deleted, a batch
refused honestly when signed out, and every page usable on a 390 px phone without overflow."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.browser.conftest import PageProblems, screenshot
from tests.stack import EVAL

pytestmark = pytest.mark.browser
RESUMES = EVAL / "resumes"
K8S = (
    "Jane Roe\njane.roe@example.com\nExperience\nPlatform Engineer, Acme, 2018 - 2024\n"
    "Ran Kubernetes and Python.\n"
)
PLAIN = (
    "John Poe\njohn.poe@example.com\nExperience\nData Analyst, Beta, 2020 - 2024\n"
    "Wrote Python and SQL reports.\n"
)
JD = (
    "Recommendation Systems Engineer\nYou will build recommender models in Python with PyTorch "
    "and serve them "
    "on Kubernetes. Four years of experience and a degree in computer science are expected. " * 2
)


def sign_in(page, api_key: str) -> None:
    page.goto("/signin")
    page.get_by_label("API key").fill(api_key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def screen_batch(page, tmp_path, files: dict[str, str], *, role: str = "") -> str:
    """Upload text resumes as a batch through the form; the batch page's URL once all are analysed."""
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text + f"\n{time.monotonic_ns()}\n")
        paths.append(str(path))
    page.goto("/")
    page.set_input_files("#files", paths)
    if role:
        page.select_option("#role", role)
    page.get_by_role("button", name=f"Screen {len(paths)} resumes").click()
    page.wait_for_url("**/batches/*")
    page.locator("#progress[data-done=yes]").wait_for(state="attached", timeout=60_000)
    page.reload()
    return page.url


@pytest.fixture()
def phone(browser, live_server: str, api_key: str) -> Iterator[object]:
    """A signed-in page in a 390 px wide phone viewport (touch, device scale 3)."""
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    problems = PageProblems()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on("console", problems.on_console)
    tab.on("response", problems.on_response)
    tab.on("pageerror", lambda exc: problems.errors.append(str(exc)))
    sign_in(tab, api_key)
    yield tab
    context.close()
    problems.check()


def overflow(page) -> dict:
    """How far the document and any element reach past the viewport's right edge (CSS px)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const wide = [];
        for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1 && getComputedStyle(el).position !== 'absolute') {
                wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
            }
        }
        return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
    }""")


def test_signed_out_several_files_are_not_offered_as_a_batch_that_would_fail(page, live_server):
    page.goto("/")
    files = [
        str(RESUMES / n)
        for n in (
            "d01-newgrad-bsc-cs-two-ml-internships.pdf",
            "d04-mle-ii-marketplace-ranking-fraud.pdf",
            "d06-nlp-mle-legal-tech-2-5y.txt",
        )
    ]
    page.set_input_files("#files", files)
    button = page.locator("#submit-upload")
    assert button.inner_text() != "Screen 3 resumes" and button.is_disabled()
    summary = page.locator("#file-summary")
    assert "needs an API key" in summary.inner_text()
    assert summary.get_by_role("link", name="sign in first").get_attribute("href") == "/signin?next=/"
    # sent anyway (no script, or forced): the error names every file not uploaded and links to sign-in
    with page.expect_navigation():
        page.evaluate("document.querySelector('.upload-form').submit()")
    alert = page.get_by_role("alert")
    text = alert.inner_text()
    assert "Nothing was uploaded" in text and all(name.split("/")[-1] in text for name in files)
    link = alert.get_by_role("link", name="Sign in with your API key")
    with page.expect_navigation():
        link.click()
    assert "/signin" in page.url


def test_batches_page_filters_and_blind_rows(signed_in, live_server, tmp_path):
    page = signed_in
    batch_url = screen_batch(page, tmp_path, {"k8s.txt": K8S, "plain.txt": PLAIN}, role="mle-ii")
    batch_id = batch_url.rsplit("/", 1)[1]
    # past work is one click away from any page
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Batches").click()
    first = page.locator("#batch-list li").first
    assert "Machine Learning Engineer II" in first.inner_text() and "All 2 analysed" in first.inner_text()
    with page.expect_navigation():
        first.get_by_role("link").click()
    assert page.url.endswith(f"/batches/{batch_id}")
    # an alias filter, and what it removed
    page.get_by_label("Must-have skills").fill("k8s")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    chips = page.locator("#active-filters li")
    assert chips.all_inner_texts() == ["Must have Kubernetes removed 1"]
    assert page.locator("#shortlist tbody tr").count() == 1
    # an unknown skill says so, with the nearest names
    page.get_by_label("Must-have skills").fill("kubernets")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    assert "Unknown skill" in page.locator(".flash-error").inner_text()
    assert "Kubernetes" in page.locator(".flash-error").inner_text()
    # blind rows open a redacted report
    page.goto(f"/batches/{batch_id}?blind=1")
    code_link = page.locator("#shortlist a.code-name").first
    code = code_link.inner_text()
    with page.expect_navigation():
        code_link.click()
    body = page.locator("main").inner_text()
    assert f"Candidate {code}" in body and "Blind review" in body
    for secret in ("Jane", "Roe", "John", "Poe", "@example.com", "k8s.txt", "plain.txt"):
        assert secret not in body, secret
    assert page.locator(".fits li").count() >= 5
    screenshot(page, "blind-report")


def test_rename_and_delete_an_added_role(signed_in, live_server):
    page = signed_in
    page.goto("/roles")
    page.get_by_role("textbox", name="Job description").fill(JD)
    page.get_by_role("button", name="Add the role").click()
    page.wait_for_url("**/roles#role-jd-*")
    role_id = page.url.rsplit("#role-", 1)[1]
    card = page.locator(f"#role-{role_id}")
    assert "Expires on" in card.inner_text()
    card.get_by_text("Rename or delete…").click()
    card.get_by_label("New name").fill("Recsys Engineer (team A)")
    with page.expect_navigation():
        card.get_by_role("button", name="Rename").click()
    assert page.locator(f"#title-{role_id}").inner_text() == "Recsys Engineer (team A)"
    # the same text again is the same role, said plainly
    page.get_by_role("textbox", name="Job description").fill(JD)
    page.get_by_role("button", name="Add the role").click()
    page.wait_for_url(f"**/roles#role-{role_id}")
    assert "no second copy" in page.locator(".flash").inner_text()
    card.get_by_text("Rename or delete…").click()
    with page.expect_navigation():
        card.get_by_role("button", name="Delete this role").click()
    assert page.locator(f"#role-{role_id}").count() == 0
    assert "Deleted the role" in page.locator(".flash").inner_text()


def test_a_phone_gets_cards_and_no_horizontal_overflow(phone, live_server, tmp_path):
    page = phone
    files = {"k8s.txt": K8S, "plain.txt": PLAIN, "third.txt": PLAIN.replace("John Poe", "Ann Loe")}
    batch_url = screen_batch(page, tmp_path, files, role="mle-ii")
    page.goto(batch_url)
    report_url = page.locator("#shortlist td.candidate a").first.get_attribute("href")
    page.goto(batch_url + "?blind=1")
    blind_url = page.locator("#shortlist a.code-name").first.get_attribute("href")
    for path in (
        "/",
        "/roles",
        "/batches",
        batch_url,
        batch_url + "?blind=1",
        report_url,
        blind_url,
        "/signin",
    ):
        page.goto(path)
        measured = overflow(page)
        assert measured["scroll"] <= measured["width"], (path, measured)
        assert not measured["wide"], (path, measured)
        # the header: brand and sign-out on one line, the three links together on the next
        nav = page.locator(".site-nav a")
        tops = {round(box["y"]) for box in (nav.nth(i).bounding_box() for i in range(nav.count()))}
        assert len(tops) == 1, (path, tops)
        brand, who = page.locator(".brand").bounding_box(), page.locator(".who").bounding_box()
        assert abs(brand["y"] + brand["height"] / 2 - (who["y"] + who["height"] / 2)) < 12
        assert page.locator(".site-header").bounding_box()["height"] < 120
    page.goto(batch_url)
    rows = page.locator("#shortlist tbody tr")
    assert rows.count() == 3
    card = rows.first.bounding_box()
    assert card["width"] <= 390 and card["height"] < 400
    # every column is still there on the card, labelled: nothing hidden off to the right
    for label in ("Level", "Years", "Matched", "Missing"):
        cell = rows.first.locator(f"td[data-label={label}]")
        assert cell.is_visible() and cell.bounding_box()["x"] + cell.bounding_box()["width"] <= 391
    assert page.get_by_role("link", name="Years").is_visible()  # sorting still reachable
    screenshot(page, "phone-batch")
