"""Seat questions (驻地 / 政府所在地 / 县城设在 / seat) answered from pk:hasSeat, per plan, over an
invented plan; phrasings no corpus file contains."""
from __future__ import annotations

import pytest

from plankg import ask as A

TRIG = """

<https://w3id.org/plankg/graph/ontology> {
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
}

<https://w3id.org/plankg/graph/999901-master/draft> {
  x:plan\\/999901-master a pk:Plan ; eli:title "青岚县国土空间总体规划（2021-2035年）" ;
     pk:planId "999901-master" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:999901 .
  d:999901 a pk:County ; rdfs:label "青岚县" ; pk:hasSeat d:999901101 ; pk:source x:p\\/1 .
  d:999901101 a pk:Township ; rdfs:label "望川镇" ; pk:withinDivision d:999901 ; pk:source x:p\\/1 .
  d:999901102 a pk:Township ; rdfs:label "石岭乡" ; pk:withinDivision d:999901 ; pk:source x:p\\/2 .
  x:p\\/1 a pk:Paragraph ; pk:text "县人民政府驻望川镇，望川镇为全县政治经济中心。" ; pk:ordinal 1 .
  x:p\\/2 a pk:Paragraph ; pk:text "石岭乡以林果业为主。" ; pk:ordinal 2 .
}
"""


@pytest.fixture(scope="module")
def store(trig_store):
    return trig_store


@pytest.mark.parametrize("q", ["青岚县的县政府驻地在哪里？", "青岚县县城设在哪个镇？", "青岚县人民政府所在地是哪里？",
                               "What is the seat of 青岚县?"])
def test_seat_of_a_division(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "seat", res["intent"]
    assert [a["label"] for a in res["answers"]] == ["望川镇"], res["text"]
    assert any("望川镇" in e["text"] for e in res["evidence"])


def test_a_division_without_a_recorded_seat_is_not_found(store):
    res = A.ask(store, "石岭乡的驻地在哪里？")
    assert res["answers"] == []
