"""plankg.changes: changes of meaning between two versions of a plan.

Scored on the dev pair (../shared gold) and on our own pair (tests/data/version_pair, a fictional revision
that corrects its period, restates a value in another unit and turns a list into a table), then rule by
rule on plans written here (phrasings no corpus file contains).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from plankg.changes import diff
from plankg.changes.versions import resolve
from plankg.extract import pipeline, reader

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OWN = ROOT / "tests" / "data" / "version_pair"
spec = importlib.util.spec_from_file_location("diff_eval", ROOT / "bench" / "diff_eval.py")
diff_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(diff_eval)

DEV_OLD = SHARED / "corpus" / "dev" / "右玉县国土空间总体规划（2021-2035年）（征求意见稿）.txt"
DEV_NEW = SHARED / "corpus" / "versions" / "右玉县国土空间总体规划（2021-2035年）（公示稿）.txt"
DEV_GOLD = SHARED / "eval" / "gold" / "右玉县-公示稿.json"


def changes_between(old: Path, new: Path) -> list[dict]:
    return [c.to_dict() for c in diff(resolve(str(old), None), resolve(str(new), None))]


def scored(old: Path, new: Path, gold: Path) -> dict:
    reported = json.loads(json.dumps(changes_between(old, new), ensure_ascii=False))
    return diff_eval.score(reported, json.loads(gold.read_text(encoding="utf-8")))


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="needs ../shared/eval")
def test_dev_pair_finds_the_gold_changes_and_no_restatement():
    result = scored(DEV_OLD, DEV_NEW, DEV_GOLD)
    assert result["gold_changes"] == 11
    assert result["recall"] >= 0.9, result["missed"]
    assert result["false_changes"] == 0, result["false"]


def test_own_pair_period_correction_unit_restatement_list_to_table():
    old, new = (OWN / "偏关县国土空间总体规划（2021-2030年）（征求意见稿）.txt",
                OWN / "偏关县国土空间总体规划（2021-2035年）（公示稿）.txt")
    result = scored(old, new, OWN / "偏关县-公示稿.gold.json")
    assert result["gold_changes"] == 9
    assert result["recall"] == 1.0, result["missed"]
    assert result["false_changes"] == 0 and result["other"] == 0, result["false"] + result["other_changes"]


def test_the_same_text_has_no_change():
    assert changes_between(DEV_OLD, DEV_OLD) == [] if DEV_OLD.exists() else True
    own = OWN / "偏关县国土空间总体规划（2021-2035年）（公示稿）.txt"
    assert changes_between(own, own) == []


# ---------------------------------------------------------------------------------------------- rule by rule
def plan(tmp: Path, name: str, status: str, body: str, period: str = "2021-2035") -> Path:
    path = tmp / f"{name}-{status}.txt"
    path.write_text(f"岚溪县国土空间总体规划（{period}年）\n（{status}）\n\n第一章 总则\n\n{body}\n", encoding="utf-8")
    return path


def indicator_table(name: str, unit: str, value: str, bound: str = "不低于") -> str:
    return ("表1 岚溪县主要控制指标（2035年）\n序号\t指标名称\t单位\t规划目标值\t控制要求\t指标属性\n"
            f"1\t{name}\t{unit}\t{value}\t{bound}\t约束性")


# (indicator, old unit, old value, new unit, new value): one quantity, printed in two units
RESTATED = [
    ("永久基本农田保护面积", "万亩", "12.00", "公顷", "8000"),
    ("生态保护红线面积", "公顷", "23150", "平方公里", "231.50"),
    ("城乡建设用地规模", "平方公里", "18.60", "公顷", "1860"),
    ("耕地保有量", "万亩", "30.00", "平方公里", "200.00"),
    ("林地保有量", "公顷", "4500", "万亩", "6.75"),
    ("湿地保护面积", "平方千米", "12.00", "万亩", "1.80"),
    ("草地保有量", "亩", "90000", "公顷", "6000"),
    ("用水总量", "亿立方米", "1.20", "万立方米", "12000"),
]


@pytest.mark.parametrize("name,u1,v1,u2,v2", RESTATED)
def test_a_value_restated_in_another_unit_is_no_change(tmp_path, name, u1, v1, u2, v2):
    old = plan(tmp_path, "a", "征求意见稿", indicator_table(name, u1, v1))
    new = plan(tmp_path, "b", "征求意见稿", indicator_table(name, u2, v2))
    assert [c for c in changes_between(old, new) if c["kind"] == "indicator"] == []


@pytest.mark.parametrize("name,u1,v1,u2,v2", RESTATED)
def test_a_value_changed_in_another_unit_is_a_change(tmp_path, name, u1, v1, u2, v2):
    changed = f"{float(v2) * 1.05:.2f}"  # five per cent more, printed in the other unit
    old = plan(tmp_path, "a", "征求意见稿", indicator_table(name, u1, v1))
    new = plan(tmp_path, "b", "公示稿", indicator_table(name, u2, changed))
    found = [c for c in changes_between(old, new) if c["kind"] == "indicator"]
    assert len(found) == 1 and found[0]["year"] == 2035
    assert found[0]["new"]["unit"] == u2 and found[0]["new"]["value"] == pytest.approx(float(changed))
    assert found[0]["new"]["canonical"] == pytest.approx(found[0]["old"]["canonical"] * 1.05, rel=1e-3)


def test_a_period_correction_compares_the_target_years(tmp_path):
    old = plan(tmp_path, "a", "征求意见稿", indicator_table("城乡建设用地规模", "平方公里", "20.00", "不超过").replace("（2035年）", ""),
               period="2021-2030")
    new = plan(tmp_path, "b", "公示稿", indicator_table("城乡建设用地规模", "平方公里", "21.00", "不超过").replace("（2035年）", ""))
    kinds = {c["kind"]: c for c in changes_between(old, new)}
    assert kinds["period"]["old"] == "2021-2030" and kinds["period"]["new"] == "2021-2035"
    assert kinds["status"]["old"] == "征求意见稿" and kinds["status"]["new"] == "公示稿"
    assert kinds["indicator"]["old"]["value"] == 20 and kinds["indicator"]["new"]["value"] == 21


PROJECT_HEAD = "表2 近期重点项目\n序号\t项目名称\t类型\t实施地点\t"
# a project's years as one period cell, and the same years as start and end columns under eight headers
PERIOD_COLUMNS = [("开工年份", "完工年份"), ("开工时间", "竣工时间"), ("起始年份", "建成年份"), ("开始年份", "完成年份"),
                  ("启动年份", "竣工年份"), ("开工年", "完工年"), ("启动时间", "完成时间"), ("起始年", "建成年")]


@pytest.mark.parametrize("start_head,end_head", PERIOD_COLUMNS)
def test_a_period_as_start_and_end_columns(tmp_path, start_head, end_head):
    one_cell = PROJECT_HEAD + "建设期限\n1\t岚溪湿地修复工程\t生态\t县城\t2022-2026"
    two_cols = PROJECT_HEAD + f"{start_head}\t{end_head}\n1\t岚溪湿地修复工程\t生态\t县城\t2022\t2026"
    later = two_cols.replace("\t2026", "\t2028")
    old = plan(tmp_path, "a", "征求意见稿", one_cell)
    assert changes_between(old, plan(tmp_path, "b", "征求意见稿", two_cols)) == []
    found = changes_between(old, plan(tmp_path, "c", "征求意见稿", later))
    assert found == [{"kind": "attribute", "label": "岚溪湿地修复工程", "attribute": "implementationPeriod",
                      "attribute_label": "实施时序", "old": "2022-2026", "new": "2022-2028"}]


def test_projects_added_and_removed_only_when_named_in_no_form(tmp_path):
    rows = ["1\t岚溪湿地修复工程\t生态\t县城\t2022-2026", "2\t北山防火通道工程\t林业\t县城\t2023-2025"]
    old = plan(tmp_path, "a", "征求意见稿", PROJECT_HEAD + "建设期限\n" + "\n".join(rows))
    # the new version drops the second row from the table but still names the project in its text
    kept = plan(tmp_path, "b", "征求意见稿", PROJECT_HEAD + "建设期限\n" + rows[0] + "\n\n北山防火通道工程纳入林业专项实施。")
    assert changes_between(old, kept) == []
    dropped = plan(tmp_path, "c", "征求意见稿", PROJECT_HEAD + "建设期限\n" + rows[0] + "\n3\t南岭供水工程\t水利\t县城\t2024-2027")
    found = {(c["kind"], c["label"]) for c in changes_between(old, dropped)}
    assert found == {("removed", "北山防火通道工程"), ("added", "南岭供水工程")}


# "X被确定为…的重点镇": the role after its qualifier (the tier words are the vocabulary's)
ROLE_PHRASES = [
    "老营镇被确定为全县唯一的重点镇。", "万家寨镇被确定为县域北部的重点镇。", "水泉镇列为全县的重点镇。",
    "尚峪镇被列为县域西部的重点镇。", "窑头乡确定为本县的一般镇。", "楼沟乡被定为山区的一般镇。",
    "老牛湾镇被确定为沿黄地区的重点镇。", "新关镇列为本规划的县城。",
]


@pytest.mark.parametrize("sentence", ROLE_PHRASES)
def test_a_role_after_its_qualifier(tmp_path, sentence):
    path = tmp_path / "p.txt"
    path.write_text(f"偏关县国土空间总体规划（2021-2035年）\n\n第一章 城镇体系\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    place = sentence[:3] if sentence[2] in "镇乡" else sentence[:4]
    role = sentence.rstrip("。").rsplit("的", 1)[-1]
    assert (place, role) in {(r.member.name, r.role) for r in ex.roles} | {
        (m.name, g.role) for g in ex.groups for m in g.members}


# "A、B…N个乡镇为一般乡镇": the members are the list before the count (the count's classifier is no town)
COUNTED_PHRASES = [
    ("水泉镇、老牛湾镇、窑头乡3个乡镇为一般镇。", ["水泉镇", "老牛湾镇", "窑头乡"], "一般镇"),
    ("老营镇、万家寨镇2个镇列为重点镇。", ["老营镇", "万家寨镇"], "重点镇"),
    ("尚峪镇、楼沟乡两个乡镇确定为一般镇。", ["尚峪镇", "楼沟乡"], "一般镇"),
    ("县域东部的老营镇、水泉镇等2个镇被列为重点镇。", ["老营镇", "水泉镇"], "重点镇"),
    ("规划期内，窑头乡、楼沟乡、尚峪镇三个乡镇定为一般镇。", ["窑头乡", "楼沟乡", "尚峪镇"], "一般镇"),
    ("万家寨镇和老牛湾镇共2个镇为重点镇。", ["万家寨镇", "老牛湾镇"], "重点镇"),
    ("其余水泉镇、楼沟乡2个乡镇为一般乡镇。", ["水泉镇", "楼沟乡"], "一般乡镇"),
    ("老营镇、尚峪镇、窑头乡等三个乡镇确定为一般乡镇。", ["老营镇", "尚峪镇", "窑头乡"], "一般乡镇"),
]


@pytest.mark.parametrize("sentence,members,role", COUNTED_PHRASES)
def test_a_counted_list_given_a_role(tmp_path, sentence, members, role):
    path = tmp_path / "p.txt"
    path.write_text(f"偏关县国土空间总体规划（2021-2035年）\n\n第一章 城镇体系\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    given = {(r.member.name, r.role) for r in ex.roles}
    assert {(m, role) for m in members} <= given
    assert not any(name[0] in "个座处" for name, _ in given)  # "个乡镇" is no town


def test_phrasing_suites_collected(collected_cases):
    counts = {name: collected_cases(name) for name in (
        "test_a_value_restated_in_another_unit_is_no_change", "test_a_value_changed_in_another_unit_is_a_change",
        "test_a_period_as_start_and_end_columns", "test_a_role_after_its_qualifier", "test_a_counted_list_given_a_role")}
    assert counts == dict.fromkeys(counts, 8)


def test_a_target_moved_with_the_period(tmp_path):
    """A revision that moves its target year: a kept value is no change, a changed one names both years."""
    old = plan(tmp_path, "a", "征求意见稿", "到2030年，耕地保有量不低于12.50万亩，森林覆盖率达到31%。", period="2021-2030")
    new = plan(tmp_path, "b", "公示稿", "到2035年，耕地保有量不低于12.50万亩，森林覆盖率达到33%。")
    found = [c for c in changes_between(old, new) if c["kind"] == "indicator"]
    assert [(c["label"], c.get("old_year"), c["year"], c["old"]["value"], c["new"]["value"]) for c in found] == [
        ("森林覆盖率", 2030, 2035, 31.0, 33.0)]


# a works named at the head of a list item is an item of the list: dropped from the list and named nowhere else,
# it is removed; still named elsewhere, it is not
LIST_ITEMS = [
    "□ {p}，实施期限2023—2025年。",
    "（1）{p}：改造主干管网8公里。",
    "1. {p}，2024年建成。",
    "● {p}，总投资1.2亿元。",
    "①{p}，由县住建局牵头实施。",
    "（一）{p}，服务周边三个村。",
    "- {p}，列入年度计划。",
    "2、{p}，近期启动前期工作。",
]


@pytest.mark.parametrize("item", LIST_ITEMS)
def test_a_works_dropped_from_a_list(tmp_path, item):
    keep, drop = "岚溪城区供水管网改造工程", "北岭垃圾转运站建设工程"
    head = "第四章 重点项目\n\n近期实施以下项目：\n\n"
    old = plan(tmp_path, "a", "征求意见稿", head + item.format(p=keep) + "\n" + item.format(p=drop))
    new = plan(tmp_path, "b", "征求意见稿", head + item.format(p=keep))
    assert [(c["kind"], c["label"]) for c in changes_between(old, new)] == [("removed", drop)]
    still = plan(tmp_path, "c", "征求意见稿", head + item.format(p=keep) + f"\n{drop}已并入城区环卫专项实施。")
    assert changes_between(old, still) == []


def test_a_works_named_in_passing_is_no_list_item(tmp_path):
    head = "第四章 文化保护\n\n"
    old = plan(tmp_path, "a", "征求意见稿", head + "□ 长城文化：依托南山长城保护修缮工程，建设文化展示点。")
    new = plan(tmp_path, "b", "征求意见稿", head + "□ 长城文化：建设文化展示点。")
    assert [c for c in changes_between(old, new) if c["kind"] in ("added", "removed")] == []


def test_list_item_suite_collected(collected_cases):
    assert collected_cases("test_a_works_dropped_from_a_list") == 8
