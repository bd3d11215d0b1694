"""A role named before a named list qualifies the list ("A的B": Chinese is head-final), so the
question asks for the list's members, not for the role's holders. Invented plan; no corpus phrasing."""
from __future__ import annotations

import pytest

from plankg import ask as A

TRIG = """

<https://w3id.org/plankg/graph/ontology> {
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Group a owl:Class ; rdfs:label "名录"@zh .
}

<https://w3id.org/plankg/graph/888800-master/draft> {
  x:plan\\/888800-master a pk:Plan ; eli:title "云岭市国土空间总体规划（2021-2035年）" ;
     pk:planId "888800-master" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:888800 .
  d:888800 a pk:City ; rdfs:label "云岭市" .
  v:role\\/core a skos:Concept ; skos:prefLabel "核心片区" .
  d:888800001 a pk:Township ; rdfs:label "松林街道" ; pk:role v:role\\/core ; pk:source x:p\\/1 .
  d:888800002 a pk:Township ; rdfs:label "竹溪街道" ; pk:role v:role\\/core ; pk:source x:p\\/1 .
  x:group\\/two a pk:Group ; rdfs:label "两枢纽" ; pk:hasMember x:hub\\/a , x:hub\\/b ; pk:source x:p\\/2 .
  x:hub\\/a a pk:NamedConcept ; rdfs:label "航空枢纽" ; pk:source x:p\\/2 .
  x:hub\\/b a pk:NamedConcept ; rdfs:label "陆港枢纽" ; pk:source x:p\\/2 .
  x:p\\/1 a pk:Paragraph ; pk:text "核心片区包括松林街道、竹溪街道。" ; pk:ordinal 1 .
  x:p\\/2 a pk:Paragraph ; pk:text "核心片区布局“两枢纽”，即航空枢纽、陆港枢纽。" ; pk:ordinal 2 .
}
"""


@pytest.fixture(scope="module")
def store(trig_store):
    return trig_store


@pytest.mark.parametrize("q", ["核心片区的两枢纽是什么？", "核心片区布局中的“两枢纽”指什么？",
                               "核心片区里的两枢纽包括哪些？"])
def test_a_role_before_a_named_list_qualifies_it(store, q):
    res = A.ask(store, q)
    assert sorted(a["label"] for a in res["answers"]) == ["航空枢纽", "陆港枢纽"], res["text"]


def test_a_role_alone_still_asks_for_its_holders(store):
    res = A.ask(store, "核心片区有哪些？")
    assert sorted(a["label"] for a in res["answers"]) == ["松林街道", "竹溪街道"], res["text"]
