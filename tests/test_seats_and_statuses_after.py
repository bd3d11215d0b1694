"""Two ways plans state what a place is:
* "镇人民政府设在某村" / "乡政府位于某村": the seat of the township the plan covers, without the word 驻地 — and in a
  county plan such a sentence names a town's seat, never the county's; "作为县城所在地，某镇是…" names the county's;
* "某堡，省级文物保护单位，…", "某墓群（县级文物保护单位）", "某寺为市级文物保护单位": a heritage site with its status
  after its name.
Phrasings written for these tests (made-up plans of 东沙镇 and 岱山县)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

TOWN = "东沙镇国土空间规划（2021-2035年）\n岱山县东沙镇人民政府\n"
COUNTY = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n"


def _ex(head: str, body: str):
    return pipeline.extract(reader.parse(head + body + "\n", "plan.md"))


SEATS = ["东沙镇位于县境北部，镇人民政府设在泥峙村，北距县城约18公里。", "镇政府位于泥峙村，是全镇的服务中心。"]
COUNTY_SEATS = ["作为县城所在地，高亭镇是全县人口和公共服务最集中的地区。", "作为县人民政府驻地，高亭镇承担综合服务职能。"]


def test_cases_collected():
    assert (len(SEATS), len(COUNTY_SEATS), len(STATUSES)) == (2, 2, 3)


@pytest.mark.parametrize("body", SEATS, ids=[str(i) for i in range(len(SEATS))])
def test_the_township_office_sits_in_its_seat(body):
    seats = {(r.subject.name, r.object.name) for r in _ex(TOWN, body).relations if r.predicate == "pk:hasSeat"}
    assert seats == {("东沙镇", "泥峙村")}


@pytest.mark.parametrize("body", COUNTY_SEATS, ids=[str(i) for i in range(len(COUNTY_SEATS))])
def test_the_role_first_then_the_seat(body):
    seats = {(r.subject.name, r.object.name) for r in _ex(COUNTY, body).relations if r.predicate == "pk:hasSeat"}
    assert seats == {("岱山县", "高亭镇")}


def test_a_town_office_is_no_seat_of_the_county():
    ex = _ex(COUNTY, "东沙镇位于县境北部，镇人民政府设在泥峙村。")
    assert not [r for r in ex.relations if r.predicate == "pk:hasSeat"]


STATUSES = [
    ("全镇现有文物保护单位2处：\n岩头堡，省级文物保护单位，位于泥峙村；\n北岙古道，县级文物保护单位。",
     {("岩头堡", "省级文物保护单位"), ("北岙古道", "县级文物保护单位")}),
    ("青石汉墓群（县级文物保护单位）位于泥峙村。", {("青石汉墓群", "县级文物保护单位")}),
    ("其中慈云寺为市级文物保护单位。", {("慈云寺", "市级文物保护单位")}),
]


@pytest.mark.parametrize("body,expected", STATUSES, ids=[str(i) for i in range(len(STATUSES))])
def test_a_status_after_the_name_makes_a_heritage_site(body, expected):
    ex = _ex(TOWN, body)
    assert expected <= {(r.member.name, r.role) for r in ex.roles}
    kinds = {e.label: e.ref.kind for e in ex.entities.values()}
    assert all(kinds[name] == "HeritageSite" for name, _ in expected)


def test_a_level_with_its_status_in_brackets_names_no_site():
    ex = _ex(TOWN, "- 省级（省级文物保护单位）：3处；\n- 县级（县级文物保护单位）：5处。")
    assert not [e for e in ex.entities.values() if e.ref.kind == "HeritageSite"]
