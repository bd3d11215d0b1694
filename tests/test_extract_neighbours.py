"""Neighbouring divisions (extract/places.py neighbours, extract/gazetteer.py Linker.find): a county of
another province is linked after its province or city ("上海市崇明区"); a division printed only to qualify the
next one, and a division the plan's region lies in, are no neighbours. Phrasings written for these tests on
a made-up plan of 岱山县 (浙江省舟山市); no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n一、区位\n"


def neighbours(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    label = lambda ref: ex.entities[ex.canonical(ref).key].label  # noqa: E731
    return {label(r.object) for r in ex.relations if r.predicate == "pk:adjacentTo"}


CASES = [
    ("岱山县位于舟山市北部，北与上海市崇明区隔海相望。", {"崇明区"}, {"舟山市", "上海市"}),
    ("西邻江苏省南通市启东市，南接定海区。", {"启东市", "定海区"}, {"江苏省", "南通市"}),
    ("全县东临嵊泗县，西隔杭州湾与嘉兴市平湖市相望。", {"嵊泗县", "平湖市"}, {"嘉兴市"}),
]


@pytest.mark.parametrize("text,near,not_near", CASES, ids=[str(i) for i in range(len(CASES))])
def test_neighbours_of_the_region(text, near, not_near):
    found = neighbours(text)
    assert near <= found
    assert not found & not_near


def test_cases_collected():
    assert len(CASES) == 3


def test_a_county_of_another_province_without_its_province_is_not_linked():
    # "启东" and "崇明" alone could be anything in another province: nothing is linked
    assert neighbours("北与崇明区隔海相望。") == set()
