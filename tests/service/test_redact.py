"""Blind review's redacted report: identity out, quotes scrubbed of it, nothing else touched."""

from __future__ import annotations

import json

from service.redact import MASK, redact_report

REPORT = {
    "file": {"name": "ann-lee-cv.pdf", "type": "pdf", "sha256": "a" * 64},
    "candidate": {
        "name": "Ann Lee",
        "email": "ann.lee@example.com",
        "phone": "(555) 010-2030",
        "links": ["https://github.com/annlee"],
        "years_experience": 6.0,
        "titles": ["Data Scientist"],
    },
    "skills": [
        {
            "id": "python",
            "name": "Python",
            "evidence": [
                "Ann Lee built annotation pipelines in Python",
                "Contact: (555) 010-2030, ann.lee@example.com",
                "Led the fleet of Lee-owned sensors",
            ],
        }
    ],
    "fits": [{"role": "mle-ii", "score": 61.5, "explanation": "Ann scores 61.5 for MLE II."}],
}


def test_identity_is_removed_and_quotes_are_scrubbed():
    out = redact_report(REPORT, code="C-12345678")
    text = json.dumps(out)
    for secret in (
        "Ann Lee",
        "ann.lee@example.com",
        "010-2030",
        "github.com/annlee",
        "ann-lee-cv.pdf",
        "a" * 64,
    ):
        assert secret not in text, secret
    assert out["candidate"] == {"years_experience": 6.0, "titles": ["Data Scientist"], "code": "C-12345678"}
    evidence = out["skills"][0]["evidence"]
    assert evidence[0] == f"{MASK} built annotation pipelines in Python"  # "annotation" is not a name
    assert "fleet" in evidence[2] and "Lee" not in evidence[2]
    assert out["fits"][0]["explanation"] == f"{MASK} scores 61.5 for MLE II." and out["blind"] is True
    assert REPORT["candidate"]["name"] == "Ann Lee"  # the stored report is not changed
