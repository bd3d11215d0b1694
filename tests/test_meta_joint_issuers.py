"""A joint plan's bodies printed one per line on the cover are all its issuers; a body printed further down (after
the date) is not. Cover lines written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader


def _issuers(cover: str) -> list[str]:
    text = "岢岚县综合防灾减灾专项规划（2021-2035年）\n\n" + cover + "\n\n第一章 总则\n第一条 为统筹全县防灾设施，编制本规划。\n"
    return pipeline.extract(reader.parse(text, "plan.txt")).meta.issuers


def test_bodies_one_per_line_are_all_issuers():
    assert _issuers("岢岚县应急管理局\n岢岚县自然资源局\n\n二〇二四年三月") == ["岢岚县应急管理局", "岢岚县自然资源局"]


def test_a_body_after_the_date_is_not():
    assert _issuers("岢岚县应急管理局\n二〇二四年三月\n岢岚县自然资源局") == ["岢岚县应急管理局"]
