"""Tagger behaviour on small texts: ambiguity, ownership, tokens, sections, evidence, interface."""

from __future__ import annotations

import pytest

from taxonomy.tagger import Evidence, SkillMatch, load_tagger
from tests.taxonomy.conftest import ids


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Presented to the C-suite and the go-to-market team.", {"c", "go"}),
        (
            "Worked with the R&D group; sent an extract to Objective-C, the sales team's app.",
            {"r", "objective-c", "c"},
        ),
        ("I excel at spreadsheets and the metrics spark joy.", {"microsoft-excel", "apache-spark"}),
        ("Planning a Java island trip next year.", {"java"}),
        ("Co-organizer of the Rust Belt Civic Data Meetup.", {"rust"}),
        ("Ranked offers in Express Checkout.", {"express"}),
        ("Co-lead the intern program with Ruby Okafor.", {"ruby"}),
        ("Harold Jenkins Memorial Scholarship, 2024.", {"jenkins"}),
        ("B.S., Computer Science (Sep 2022 – Spring 2026)", {"spring-boot"}),
        ("Hive health from audio, senior capstone.", {"hive"}),
        ("Replaced greedy decoding with constrained beam search.", {"apache-beam"}),
        ("John R. Smith reviewed the report.", {"r"}),
    ],
)
def test_ambiguous_names_without_context_are_not_tagged(tagger, text, absent):
    assert not ids(tagger, text) & absent


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Shipped demand models using Python and R.", {"python", "r"}),
        ("Rewrote the rate-quote service in Go, cutting memory by 70%.", {"go"}),
        ("Wrote a small Go sidecar for request sampling.", {"go"}),
        ("Built shipment microservices in Java with Spring Boot.", {"java", "spring-boot"}),
        ("Platform built on PyTorch and Ray running on Kubernetes.", {"ray", "pytorch", "kubernetes"}),
        ("Checked the numbers twice in Excel.", {"microsoft-excel"}),
        ("Languages: Python, C++, C#, F#, .NET", {"python", "cpp", "csharp", "fsharp", "dotnet"}),
    ],
)
def test_ambiguous_names_with_context_are_tagged(tagger, text, present):
    assert present <= ids(tagger, text)


def test_skills_section_is_context_enough(tagger):
    text = "SKILLS\nGo\nScala\nR\n"
    assert {"go", "scala", "r"} <= ids(tagger, text, [("skills", 0, len(text))])
    assert not {"go", "scala", "r"} & ids(tagger, text, [("interests", 0, len(text))])


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Built the gRPC gateway in front of the risk team's TensorFlow Serving cluster.",
            {"tensorflow-serving"},
        ),
        (
            "Delivered tables to the data science team, who build and own the churn models (XGBoost).",
            {"xgboost", "data-science"},
        ),
        (
            (
                "Maintained scorecards whose criteria (for example Python and Kubernetes experience) were written by "
                "the hiring managers."
            ),
            {"python", "kubernetes"},
        ),
        ("Looking for a role where I can grow toward machine learning work.", {"machine-learning"}),
        (
            "Coordinated interview loops for engineering hiring, including Machine Learning Engineer roles.",
            {"machine-learning"},
        ),
    ],
)
def test_skills_of_other_people_or_wishes_are_not_tagged(tagger, text, absent):
    assert not ids(tagger, text) & absent


def test_longest_match_and_vendor_lists(tagger):
    found = ids(
        tagger, "Stack: AWS (EMR, Glue, Batch), Kubeflow (Pipelines, Katib), ONNX Runtime, GitLab CI/CD"
    )
    assert {
        "aws",
        "aws-emr",
        "aws-glue",
        "aws-batch",
        "kubeflow-pipelines",
        "katib",
        "onnx-runtime",
        "gitlab-ci",
        "ci-cd",
    } <= found
    assert "onnx" not in found


def test_cloud_service_implies_its_platform(tagger):
    assert {"azure-ml", "azure"} <= ids(tagger, "Deployed the scoring job to Azure Machine Learning.")


def test_pdf_artifacts_do_not_hide_skills(tagger):
    text = "• Trained models with scikit-\nlearn and Hugging Face\nTransformers;  ▪ machine\n   learning at scale"
    assert {"scikit-learn", "huggingface-transformers", "machine-learning"} <= ids(tagger, text)


def test_match_reports_sections_mentions_and_evidence_offsets(tagger):
    text = "EXPERIENCE\n* Built ranking models in PyTorch for search.\nSKILLS\nPyTorch, SQL\n"
    sections = [("experience", 0, text.index("SKILLS")), ("skills", text.index("SKILLS"), len(text))]
    match = next(m for m in tagger.tag(text, sections) if m.id == "pytorch")
    assert match.mentions == 2
    assert match.sections == ("experience", "skills")
    first = match.evidence[0]
    assert "Built ranking models in PyTorch" in first.text and len(first.text) <= 160
    assert text[first.start : first.end] == "PyTorch"
    as_dict = match.to_dict()
    assert as_dict["offsets"][0] == [first.start, first.end]
    assert set(as_dict) == {
        "id",
        "name",
        "category",
        "parent",
        "kind",
        "mentions",
        "sections",
        "evidence",
        "offsets",
    }


def test_no_sections_means_other(tagger):
    (match,) = [m for m in tagger.tag("Docker everywhere.") if m.id == "docker"]
    assert match.sections == ("other",)
    assert isinstance(match, SkillMatch) and isinstance(match.evidence[0], Evidence)


def test_skill_lookup_and_version(tagger):
    info = tagger.skill("pytorch")
    assert info is not None and info.name == "PyTorch" and info.category == "ml_framework"
    assert tagger.skill("no-such-skill") is None
    assert tagger.version.startswith("tx-") and len(tagger.version) == 15


def test_load_tagger_is_cached(tagger):
    assert load_tagger() is tagger
