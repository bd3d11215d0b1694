"""Chat questions about monitoring, on the invented county of tests/data/monitor (plan, Markdown report, CSV)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plankg.ask.service import ask
from plankg.graph.ingest import ingest_paths
from plankg.graph.store import PlanStore

DATA = Path(__file__).parent / "data" / "monitor"

# question → (intent kind, what the first answer or the answer set must be)
QUESTIONS = [
    ("岱山县2024年城乡建设用地规模是否达到规划目标？", "monitor", ["预警"]),
    ("岱山县2024年国土开发强度的监测状态是什么？", "monitor", ["符合进度"]),
    ("按规划实施进度，岱山县2024年森林覆盖率处于什么状态？", "monitor", ["滞后"]),
    ("岱山县2024年体检中哪些指标未达标？", "monitor", ["湿地保护率", "耕地保有量"]),
    ("岱山县2024年有几项指标达标？", "monitor", ["2"]),
    ("岱山县2023年森林覆盖率是多少？", "monitor", ["45.5%"]),
    ("岱山县2024年耕地保有量折合多少万亩？", "monitor", ["8.19万亩"]),
    ("岱山县2023年度监测中哪些指标无数据？", "monitor", ["湿地保护率", "生态保护红线面积"]),
    ("岱山县2024年国土开发强度监测值是多少？", "monitor", ["9.8%"]),
    ("岱山县哪些指标滞后？", "monitor", ["森林覆盖率"]),  # no year: the latest observed
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitor-ask")
    shutil.copytree(DATA, folder / "files")
    st = PlanStore(str(folder / "store"))
    ingest_paths(st, [folder / "files"])
    yield st
    st.close()


@pytest.mark.parametrize("question,kind,expected", QUESTIONS)
def test_question(store, question: str, kind: str, expected: list[str]) -> None:
    res = ask(store, question)
    assert res["intent"]["kind"] == kind
    labels = [a["label"] for a in res["answers"]]
    if len(expected) == 1:
        assert labels[:1] == expected, res["text"]
    else:
        assert sorted(labels) == sorted(expected), res["text"]


def test_questions_collected(collected_cases) -> None:
    assert collected_cases("test_question") == len(QUESTIONS) == 10


def test_status_answer_cites_the_observation(store) -> None:
    res = ask(store, "岱山县2024年城乡建设用地规模是否达到规划目标？")
    assert "5120" in res["text"] and "5200" in res["text"] and "实施体检报告" in res["text"]
    assert res["evidence"] and "5120" in res["evidence"][0]["text"]


def test_disagreeing_sources_are_named(store) -> None:
    res = ask(store, "岱山县2024年国土开发强度监测值是多少？")
    assert "不一致" in res["text"] and "9.7" in res["text"]
    assert len(res["evidence"]) == 2


def test_a_year_without_observation_asks_the_plan(store) -> None:
    res = ask(store, "岱山县2035年耕地保有量是多少？")
    assert res["answers"] and res["answers"][0]["value"] == "8.2"


@pytest.mark.parametrize("question", ["岱山县耕地保有量是多少？", "2024年哪些指标滞后？", "岱山县有哪些指标？", "岱山县森林覆盖率是多少？"])
def test_not_a_monitoring_question(store, question: str) -> None:
    assert ask(store, question)["intent"]["kind"] != "monitor"


def test_a_place_without_observations_says_so(store) -> None:
    res = ask(store, "舟山市哪些指标滞后？")  # in the store (the county's city), never observed
    assert res["intent"]["kind"] == "monitor" and not res["answers"] and "监测数据" in res["text"]
