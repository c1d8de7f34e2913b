"""fold_case: the text the parser's and the scorer's case-blind searches run on."""

import re
import sys

import pytest

from models.text import fold_case


def test_the_fold_is_the_text_character_for_character():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold_case(every)) == len(every)  # match positions in the fold are positions in the text


@pytest.mark.parametrize(
    "written",
    ["LED", "Led", "SINCE", "ſince", "Sınce", "SİNCE", "Kelvin", "KELVIN", "ﬁnance", "STRAßE", "ΣΟΦΊΑ"],
)
def test_a_case_blind_search_finds_in_the_fold_what_it_finds_in_the_text(written):
    for word in ("led", "since", "kelvin", "finance", "strasse", "σοφία"):
        blind = re.search(word, written, re.IGNORECASE) is not None
        assert (re.search(word, fold_case(written)) is not None) == blind, (word, written)
