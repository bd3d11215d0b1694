"""草案 as a process step ('proposal'): read from a cover, stored as a named version ordered before the
征求意见稿, and named in `plankg plans` and `plankg diff`. The plan texts are invented (澜岗县 is no real
county), so no corpus file decides what the code does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.ask.understand import named_steps
from plankg.cli import app
from plankg.graph import versions
from plankg.graph.ingest import ingest_file
from plankg.graph.namespaces import ELI, PK, VOCAB
from plankg.graph.store import PlanStore
from plankg.ontology import concept_label
from plankg.shapes.context import plan_graphs

TITLE = "澜岗县国土空间总体规划（2021-2035年）"
BODY = """
第一章 总则

第一条 规划期限
规划期限为2021-2035年，基期年为2020年，近期至2025年。

第二章 目标

第二条 主要指标
到2035年，耕地保有量不低于{arable}万亩，森林覆盖率达到{forest}。
"""
runner = CliRunner()

# (cover lines, the date the cover prints) — each prints 草案 in its own way
PROPOSAL_COVERS = [
    ("澜岗县国土空间总体规划（2021-2035年）\n（草案）\n澜岗县人民政府\n2024年3月", "2024-03"),
    ("澜岗县国土空间总体规划（2021-2035年）（草案）\n澜岗县人民政府\n2024年3月", "2024-03"),
    ("澜岗县国土空间总体规划\n（2021-2035年）\n规划草案\n澜岗县人民政府\n2024年5月", "2024-05"),
    ("澜岗县国土空间总体规划（2021-2035年）\n澜岗县人民政府\n（草案）2024年3月12日", "2024-03-12"),
    ("澜岗县国土空间总体规划草案（2021—2035年）\n澜岗县人民政府\n2024年4月", "2024-04"),
    ("澜岗县国土空间总体规划（2021-2035年）\n草案\n澜岗县自然资源局\n2023年12月", "2023-12"),
]
# covers where 草案 is no status of its own: in sentences, or part of another status word
OTHER_COVERS = [
    ("澜岗县国土空间总体规划（2021-2035年）\n澜岗县人民政府\n2024年3月\n\n"
     "前言\n为落实上位规划，澜岗县人民政府组织编制了本规划草案。", "text"),
    ("澜岗县国土空间总体规划（2021-2035年）\n（草案公示稿）\n澜岗县人民政府\n2024年6月", "publicity"),
]


def plan_text(cover: str, body: str = "", arable: str = "95.00", forest: str = "24%") -> str:
    return cover + "\n" + BODY.format(arable=arable, forest=forest) + body


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def only_version(path: Path) -> tuple[versions.PlanVersions, versions.Version]:
    with PlanStore(None) as st:
        ingest_file(st, path)
        (plan,) = versions.plans(st)
    (version,) = plan.versions
    return plan, version


# ---------------------------------------------------------------------------------------------- the cover
@pytest.mark.parametrize("cover,date", PROPOSAL_COVERS, ids=["own-line", "in-title", "guihua-caoan", "with-date",
                                                             "title-before-period", "bare-word"])
def test_a_cover_that_prints_caoan_makes_a_proposal_version(tmp_path, cover, date, collected_cases):
    plan, version = only_version(write(tmp_path, "plan.txt", plan_text(cover)))
    assert (version.key, version.status, version.date) == ("proposal", "草案", date)
    assert version.graph.endswith("/proposal") and version.title == plan.title == TITLE
    assert collected_cases("test_a_cover_that_prints_caoan_makes_a_proposal_version") == len(PROPOSAL_COVERS) >= 4


def test_every_proposal_cover_is_the_same_plan(tmp_path):
    ids = set()
    for n, (cover, _) in enumerate(PROPOSAL_COVERS):
        plan, _ = only_version(write(tmp_path, f"plan-{n}.txt", plan_text(cover)))
        ids.add(plan.plan_id)
    assert len(ids) == 1


@pytest.mark.parametrize("cover,key", OTHER_COVERS, ids=["preface-sentence", "caoan-gongshi"])
def test_caoan_in_a_sentence_or_another_word_is_no_proposal(tmp_path, cover, key):
    _, version = only_version(write(tmp_path, "plan.txt", plan_text(cover)))
    assert version.key == key


def test_caoan_in_a_body_sentence_sets_no_status(tmp_path):
    cover = "澜岗县国土空间总体规划（2021-2035年）\n澜岗县人民政府\n2024年3月"
    body = "\n第三章 实施保障\n\n第三条 规划审议\n本规划草案经县人民政府常务会议审议后，按程序报批（草案）。\n"
    _, version = only_version(write(tmp_path, "plan.txt", plan_text(cover, body)))
    assert (version.key, version.status) == ("text", "")


def test_a_markdown_cover_with_caoan(tmp_path):
    text = plan_text("# 澜岗县国土空间总体规划（2021-2035年）\n\n（草案）\n\n澜岗县人民政府\n\n2024年3月\n")
    _, version = only_version(write(tmp_path, "plan.md", text.replace("第一章 总则", "# 第一章 总则")))
    assert (version.key, version.date) == ("proposal", "2024-03")


def test_the_proposal_graph_names_its_step(tmp_path):
    with PlanStore(None) as st:
        report = ingest_file(st, write(tmp_path, "plan.txt", plan_text(PROPOSAL_COVERS[0][0])))
        rows = st.select(f"SELECT ?v ?s WHERE {{ GRAPH <{report.graph}> {{ ?e <{ELI.version}> ?v ; "
                         f"<{PK.processStep}> ?s }} }}")
    assert rows == [{"v": "草案", "s": str(VOCAB["process-step/proposal"])}]
    assert concept_label(str(VOCAB["process-step/proposal"]), "en") == "draft plan (proposal)"
    assert concept_label(str(VOCAB["process-step/proposal"])) == "草案"


# ---------------------------------------------------------------------------------------------- order
def test_a_draft_for_comment_revises_the_proposal_in_either_ingest_order(tmp_path):
    proposal = write(tmp_path, "a.txt", plan_text(PROPOSAL_COVERS[0][0]))
    draft = write(tmp_path, "b.txt", plan_text(PROPOSAL_COVERS[0][0].replace("（草案）", "（征求意见稿）"),
                                               arable="96.00"))
    for first, later in ((proposal, draft), (draft, proposal)):
        with PlanStore(None) as st:
            outcomes = [ingest_file(st, f).outcome for f in (first, later)]
            (plan,) = versions.plans(st)
        assert outcomes == ["new-plan", "new-version"]
        assert [(v.key, v.current) for v in plan.versions] == [("proposal", False), ("draft", True)]


def test_the_audit_prefers_a_named_proposal_to_an_unnamed_text():
    base = "https://w3id.org/plankg/graph/x-master-0/"
    assert plan_graphs([base + "text", base + "proposal"]) == [base + "proposal"]
    assert plan_graphs([base + "proposal", base + "draft"]) == [base + "draft"]


def test_chat_hears_caoan_as_a_version_name():
    assert named_steps("澜岗县规划草案中耕地保有量是多少？") == ["草案"]
    assert named_steps("澜岗县规划草案公示稿中耕地保有量是多少？") == ["公示稿"]


# ---------------------------------------------------------------------------------------------- the CLI
@pytest.fixture
def cli_store(tmp_path) -> tuple[str, str, list[str]]:
    """A 草案 and then a 征求意见稿 of one plan, ingested by `plankg ingest` into an on-disk store."""
    cover = PROPOSAL_COVERS[0][0]
    proposal = write(tmp_path, "a.txt", plan_text(cover))
    draft = write(tmp_path, "b.txt", plan_text(cover.replace("（草案）", "（征求意见稿）"), arable="96.00"))
    store = str(tmp_path / "store")
    outputs = []
    for path in (proposal, draft):
        res = runner.invoke(app, ["ingest", str(path), "--store", store], env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        outputs.append(res.output)
    with PlanStore(store) as st:
        (plan,) = versions.plans(st)
    return store, plan.plan_id, outputs


def test_cli_ingest_says_new_version(cli_store):
    _, plan_id, (first, second) = cli_store
    assert f"new plan {plan_id}" in first
    assert f"new version 征求意见稿 of plan {plan_id}" in second


def test_cli_plans_lists_both_with_the_draft_for_comment_current(cli_store):
    store, plan_id, _ = cli_store
    rows = json.loads(runner.invoke(app, ["plans", "--json", "--store", store]).stdout)
    assert [(r["plan"], r["key"], r["status"], r["current"]) for r in rows] == [
        (plan_id, "proposal", "草案", False), (plan_id, "draft", "征求意见稿", True)]
    table = runner.invoke(app, ["plans", "--store", store], env={"COLUMNS": "200"}).output
    assert "★征求意见稿" in table and "草案" in table and "★草案" not in table


def test_cli_diff_resolves_caoan_and_its_other_names(cli_store):
    store, plan_id, _ = cli_store
    res = runner.invoke(app, ["diff", f"{plan_id}@草案", f"{plan_id}@征求意见稿", "--store", store])
    assert res.exit_code == 0, res.output
    changes = json.loads(res.stdout)["changes"]
    assert any(c["kind"] == "status" for c in changes)
    assert any(c["kind"] == "indicator" and "95" in json.dumps(c, ensure_ascii=False) for c in changes)
    for name in ("proposal", "规划草案"):
        again = runner.invoke(app, ["diff", f"{plan_id}@{name}", plan_id, "--store", store])
        assert again.exit_code == 0 and json.loads(again.stdout)["changes"] == changes


def test_a_submitted_version_is_preferred_to_the_publicity_one_by_the_audit():
    base = "https://w3id.org/plankg/graph/999999-master/"
    assert plan_graphs([base + "publicity", base + "submitted"]) == [base + "submitted"]
    assert plan_graphs([base + "submitted", base + "approved"]) == [base + "approved"]


@pytest.mark.parametrize("word", ["批复稿", "批复", "公布稿"])
def test_an_approved_cover_word_is_not_part_of_the_title(tmp_path, word):
    plan, version = only_version(write(tmp_path, "plan.txt", plan_text(f"{TITLE}（{word}）\n澜岗县人民政府\n2025年1月")))
    assert version.key == "approved" and version.title == TITLE
