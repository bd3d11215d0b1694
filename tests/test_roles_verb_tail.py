"""A role given with the verb that develops it after the role word ("将X作为县域北部的重点乡镇培育", "把Y作为中心村来
建设") is that role; the verb is no part of it. Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import roles

CASES = [("本规划将石门乡作为县域北部的重点乡镇培育，带动周边发展", "重点乡镇"),
         ("规划把柳林镇作为重点镇来建设", "重点镇"),
         ("近期将南岔乡作为一般乡进行打造", "一般乡")]


@pytest.mark.parametrize("sentence,role", CASES, ids=["cultivate", "build", "shape"])
def test_the_verb_after_the_role_is_no_part_of_it(sentence, role):
    assert [r for _m, r in roles._given_roles(sentence)] == [role]
