"""Skills as a recruiter reads them (issue 13), pinned on small invented texts.

Hard skills apart from competencies, the specific name kept, coursework/certificates/degrees/employers
left out, list labels left out, the vocabulary practitioners use, short names only with context.
"""

from __future__ import annotations

import pytest

from taxonomy.tagger import split_kinds
from tests.taxonomy.conftest import ids


def sections_of(text: str, *headings: tuple[str, str]) -> list[tuple[str, int, int]]:
    """(name, start, end) spans for the given (heading text, section name) pairs, in text order."""
    starts = [(text.index(h), name) for h, name in headings]
    bounds = [s for s, _ in starts] + [len(text)]
    return [(name, start, bounds[i + 1]) for i, (start, name) in enumerate(starts)]


def test_soft_skills_and_leadership_are_competencies_not_skills(tagger):
    text = (
        "EXPERIENCE\n* Mentored four junior engineers and led a team of five analysts.\n"
        "* Technical leadership of the search rebuild; people management of the platform group.\n"
        "SKILLS\nPython, PyTorch, technical writing, Agile, Scrum, system design\n"
    )
    found = tagger.tag(text, sections_of(text, ("EXPERIENCE", "experience"), ("SKILLS", "skills")))
    skills, competencies = split_kinds(found)
    assert {"python", "pytorch"} <= {m.id for m in skills}
    soft = {
        "mentoring",
        "team-leadership",
        "technical-leadership",
        "people-management",
        "technical-writing",
        "agile",
        "scrum",
        "system-design",
    }
    assert soft <= {m.id for m in competencies}
    assert not soft & {m.id for m in skills}
    mentoring = next(m for m in competencies if m.id == "mentoring")
    assert mentoring.kind == "competency" and "Mentored four junior engineers" in mentoring.evidence[0].text
    assert mentoring.to_dict()["kind"] == "competency"


def test_coursework_is_not_skill_but_the_same_subject_used_at_work_is(tagger):
    text = (
        "EDUCATION\nB.S. in Computer Science, Lakeview University, 2024\n"
        "Relevant coursework: Probability, Linear Algebra, Reinforcement Learning,\n"
        "Data Structures and Algorithms, Computer Vision\n"
        "EXPERIENCE\n* Trained a reinforcement learning agent for warehouse routing.\n"
    )
    spans = sections_of(text, ("EDUCATION", "education"), ("EXPERIENCE", "experience"))
    found = ids(tagger, text, spans)
    assert not {"probability", "linear-algebra", "data-structures", "computer-vision"} & found
    assert "reinforcement-learning" in found
    (match,) = [m for m in tagger.tag(text, spans) if m.id == "reinforcement-learning"]
    assert match.sections == ("experience",) and match.mentions == 1


def test_a_course_list_under_a_coursework_heading_is_left_out(tagger):
    text = "COURSEWORK\nMachine Learning, Databases, Cloud Computing with AWS\nSKILLS\nSQL, Docker\n"
    found = ids(tagger, text, sections_of(text, ("COURSEWORK", "other"), ("SKILLS", "skills")))
    assert {"sql", "docker"} <= found and not {"machine-learning", "aws"} & found


def test_a_bulleted_course_list_under_a_coursework_line_in_education_is_left_out(tagger):
    text = (
        "EDUCATION\nM.S. Business Analytics, Northfield University, 2019\nFeatured Graduate Coursework\n"
        "• Applied Machine Learning\n• Econometrics and Time Series Analysis\nB.A. History, 2014\n"
        "EXPERIENCE\nAnalyst\n• Built time series analysis pipelines in Python\n"
    )
    education = sections_of(text, ("EDUCATION", "education"), ("EXPERIENCE", "experience"))
    found = ids(tagger, text, education)
    assert {"time-series-analysis", "python"} <= found  # used at work, so a skill
    alone = text.split("EXPERIENCE")[0]
    assert not {"time-series-analysis", "machine-learning"} & ids(
        tagger, alone, sections_of(alone, ("EDUCATION", "education"))
    )


@pytest.mark.parametrize(
    ("text", "sections", "absent", "present"),
    [
        (
            "CERTIFICATIONS\nAWS Certified Solutions Architect – Associate\nTensorFlow Developer Certificate\n",
            [("certifications", 0, 90)],
            {"aws", "tensorflow"},
            set(),
        ),
        (
            "Awards | Salesforce Certified AI Associate | Kubernetes, Python\n",
            [],
            {"salesforce"},
            {"kubernetes", "python"},
        ),
        (
            "EDUCATION\nM.S. in Machine Learning, Lakeview University, 2023\nThesis: graph models in PyTorch\n",
            [("education", 0, 80)],
            {"machine-learning"},
            {"pytorch"},
        ),
        (
            "EXPERIENCE\nSoftware Engineer | Databricks  June 2021 – Present\n* Built ETL jobs in Python.\n",
            [("experience", 0, 80)],
            {"databricks"},
            {"python", "etl"},
        ),
    ],
)
def test_certificates_degrees_and_employers_name_no_skill(tagger, text, sections, absent, present):
    found = ids(tagger, text, sections)
    assert not absent & found and present <= found


def test_the_specific_name_is_kept_with_its_parent_and_category(tagger):
    text = (
        "Segmented shoppers with k-means and DBSCAN, compared a KNN baseline, used knowledge distillation "
        "into a small model, trained neural networks and ran hypothesis testing with ANOVA."
    )
    found = {m.id: m for m in tagger.tag(text)}
    kmeans = found["k-means"]
    assert (kmeans.name, kmeans.parent, kmeans.category) == ("k-means", "clustering", "ml_method")
    assert {
        "dbscan",
        "knn",
        "knowledge-distillation",
        "neural-networks",
        "hypothesis-testing",
        "anova",
    } <= set(found)
    assert not {"clustering", "model-compression", "deep-learning", "statistics"} & set(found)
    assert found["knowledge-distillation"].parent == "model-compression"


def test_abbreviations_and_long_forms_name_one_skill_both_ways(tagger):
    for text, sid in [
        ("Parsed JSON payloads.", "json"),
        ("Wrote a JavaScript Object Notation schema.", "json"),
        ("Used KNN.", "knn"),
        ("Used k-nearest neighbors.", "knn"),
        ("Skills: LTR, BM25, Elasticsearch", "learning-to-rank"),
        ("Built learning to rank models.", "learning-to-rank"),
    ]:
        matches = [m for m in tagger.tag(text) if m.id == sid]
        assert matches, text
    assert next(m for m in tagger.tag("Parsed JSON payloads.") if m.id == "json").name == "JSON"


def test_the_vocabulary_practitioners_list(tagger):
    text = (
        "SKILLS\nR: dplyr, ggplot2, tidyverse, caret, Shiny, data.table\n"
        "Tools: Conda, uv, TensorBoard, Flyte, Hydra, D3.js, Celery, Informatica\n"
        "Methods: naive Bayes, ANOVA, data mining, object tracking, Faster R-CNN, multimodal models\n"
    )
    found = ids(tagger, text, [("skills", 0, len(text))])
    assert {
        "dplyr",
        "ggplot2",
        "tidyverse",
        "caret",
        "shiny",
        "data-table-r",
        "conda",
        "uv",
        "tensorboard",
        "flyte",
        "hydra",
        "d3js",
        "celery",
        "informatica",
        "naive-bayes",
        "anova",
        "data-mining",
        "object-tracking",
        "faster-rcnn",
        "multimodal-models",
    } <= found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Julia Okafor reviewed the design with Taylor Swift tickets in hand.", {"julia", "swift"}),
        ("Played darts: Dart board league captain.", {"dart"}),
        ("The Shiny new office and the caret symbol.", {"shiny", "caret"}),
        ("Stan Moreno led the review; uv light exposure tests.", {"stan", "uv"}),
    ],
)
def test_short_and_ordinary_word_names_need_context(tagger, text, absent):
    assert not ids(tagger, text) & absent


def test_short_names_with_context_are_tagged(tagger):
    assert {"julia", "swift", "dart", "rust"} <= ids(tagger, "Languages: Julia, Swift, Dart, Rust")


@pytest.mark.parametrize(
    ("text", "sid", "tagged"),
    [
        ("SKILLS\nDevOps: Jenkins, Docker, Terraform\n", "devops", False),
        ("SKILLS\n**ML Ops:** Kubernetes, MLflow, Docker\n", "mlops", False),
        ("SKILLS\nDeep Learning: CNN, LSTM, attention mechanisms\n", "deep-learning", True),
    ],
)
def test_a_skills_table_group_label_is_no_skill_unless_it_names_a_field(tagger, text, sid, tagged):
    found = ids(tagger, text, [("skills", 0, len(text))])
    assert (sid in found) is tagged
    assert found - {sid}  # the items under the label are tagged


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ranked number 1 among all BDRs in SQL’s generated.", {"sql"}),
        ("Rendered the <html> template.", {"html"}),
        ("Trained MTCNN on custom data, fine-tuning hyperparameters for accuracy.", {"fine-tuning"}),
        ("Interpretable rule models, unlike deep learning approaches.", {"deep-learning"}),
        ("Processed text for Salesforce's enterprise platform.", {"salesforce"}),
        ("Senior DevOps Engineer, Acme Corp", {"devops"}),
        ("In ICML Workshop on Time Series, 2021.", {"time-series"}),
        ("Built the API connection/data mining and packaging step.", {"data-mining"}),
    ],
)
def test_names_used_otherwise_are_not_skills(tagger, text, absent):
    assert not ids(tagger, text) & absent


def test_every_skill_has_a_kind_a_category_and_a_known_parent(tagger):
    from taxonomy.tagger import read_artifact

    skills = read_artifact()["skills"]
    assert {s["kind"] for s in skills.values()} == {"skill", "competency"}
    assert all(s["category"] and (s["parent"] is None or s["parent"] in skills) for s in skills.values())
    assert skills["mentoring"]["kind"] == "competency" and skills["pytorch"]["kind"] == "skill"


def test_a_certificate_heading_inside_another_section_ends_at_the_next_heading(tagger):
    text = (
        "## **CERTIFICATIONS & TALKS**\n- **OpenShift Enterprise Development** — Dec 2017\n"
        "## **PROJECTS**\n- Packaged the service with Docker.\n"
    )
    found = ids(tagger, text, [("experience", 0, len(text))])
    assert "openshift" not in found and "docker" in found


def test_a_training_heading_is_model_training_not_certificates(tagger):
    text = "Training\n- Set up experiment tracking and containerization with Docker\nDeployment\n- Used Kubernetes\n"
    assert {"experiment-tracking", "docker", "kubernetes"} <= ids(tagger, text)
