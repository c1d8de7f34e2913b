"""The roles page: the seed ladder with its requirements, and a recruiter adding a job description."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
DESCRIPTION = (
    "We are hiring a Senior Machine Learning Engineer for our search team. You will build learning to rank "
    "models in Python with PyTorch and LightGBM, run A/B tests, and deploy models on Kubernetes with Docker. "
    "You have 5+ years of experience and a bachelor's degree in computer science; experience with Apache "
    "Spark and SQL is a plus. You will mentor engineers and lead design reviews."
)


def test_roles_list_the_ladder_with_requirements(page, live_server):
    page.goto("/roles")
    seeds = page.locator("section[aria-labelledby=seed-title] article.role")
    assert seeds.count() == 6  # one role per ladder level, two at level 2
    levels = [int(t.split()[1]) for t in seeds.locator(".role-facts .badge").all_inner_texts()]
    assert levels == sorted(levels) and set(levels) == {1, 2, 3, 4, 5}
    first = seeds.first.locator("ol.requirements").first.locator(":scope > li")
    assert first.count() == 10 and "required" in first.first.inner_text()
    first.first.locator("details.source > summary").click()  # "Why": the sentence it came from
    assert first.first.locator("details.source q").is_visible()
    assert "needs an API key" in page.locator("#add-role").inner_text()
    screenshot(page, "roles")


def test_add_a_job_description(signed_in, live_server):
    page = signed_in
    page.goto("/roles")
    page.get_by_role("textbox", name="Job title").fill("Senior Search ML Engineer")
    page.get_by_role("textbox", name="Job description").fill(DESCRIPTION)
    page.get_by_role("button", name="Add the role").click()
    page.wait_for_url("**/roles#role-jd-*")
    assert "Added the role “Senior Search ML Engineer”" in page.locator(".flash").inner_text()
    added = page.locator(
        "section[aria-labelledby=added-title] article.role", has_text="Senior Search ML Engineer"
    )
    assert added.count() == 1
    assert "pytorch" in added.locator("ol.requirements").inner_text().lower()
    added.scroll_into_view_if_needed()
    screenshot(page, "roles-added")

    page.goto("/")  # the new role can be picked for an upload
    assert page.locator("#role option", has_text="Senior Search ML Engineer").count() == 1
