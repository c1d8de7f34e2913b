"""The shared pipeline's tokenizer, and the cache-warming `CachedTokens` the tagger tokenizes with."""

from __future__ import annotations

from taxonomy.nlp import CachedTokens, make_nlp

# Special cases early ("C++", "e.g.", "R."), then ordinary chunks that a plain call would not cache.
TEXT = (
    "C++ and C# e.g. with R. at Acme, Inc. (2019-2021): built CI/CD for A/B tests; "
    "Python, SQL,Spark and scikit-learn don't (AWS) 10km the R&D team's Go-to."
)


def tokens(doc) -> list[tuple[str, int, str]]:
    return [(t.text, t.idx, t.whitespace_) for t in doc]


def test_cached_tokens_give_the_same_tokens_as_make_doc():
    reference, nlp = make_nlp(), make_nlp()
    make_doc = CachedTokens(nlp)
    expected = tokens(reference.make_doc(TEXT))
    assert tokens(make_doc(TEXT)) == expected
    assert tokens(make_doc(TEXT)) == expected  # the second time from the warmed cache
    assert tokens(make_doc(" leading and trailing ")) == tokens(reference.make_doc(" leading and trailing "))
    assert {hash(c) for c in ("C++", "e.g.", "Python,", "SQL,Spark")} <= make_doc.warmed


def test_warming_stops_once_the_tokenizer_cache_could_be_full():
    nlp = make_nlp()
    nlp.tokenizer.max_cache_size = 3
    make_doc = CachedTokens(nlp)
    four = {hash(w) for w in ("one", "two", "three", "four")}
    assert tokens(make_doc("one two three four")) == tokens(make_nlp().make_doc("one two three four"))
    assert len(make_doc.warmed) == 3 and make_doc.warmed < four  # one text cannot go past the cap
    assert tokens(make_doc("five six")) == tokens(make_nlp().make_doc("five six"))
    assert len(make_doc.warmed) == 3 and make_doc.warmed < four
