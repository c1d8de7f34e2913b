"""Shared fixtures: the committed tagger, loaded once."""

from __future__ import annotations

import pytest

from taxonomy.tagger import Tagger, load_tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return load_tagger()


def ids(tagger: Tagger, text: str, sections=()) -> set[str]:
    """The skill ids tagged in a text."""
    return {m.id for m in tagger.tag(text, sections)}
