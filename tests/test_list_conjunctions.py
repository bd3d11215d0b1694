"""In a 、-list a 和/与 joins the last two items; before that it is inside an item ("…杂粮与林下经济示范乡"), so a
positioning printed as such a list keeps each item whole. Phrasings written for these tests."""
from __future__ import annotations

from plankg.extract import names, pipeline, reader


def test_only_the_last_item_is_split_at_its_conjunction():
    assert names.split_list("河谷生态屏障乡、南部杂粮与林果示范乡、山地康养和避暑目的地", split_conj=True) == \
        ["河谷生态屏障乡", "南部杂粮与林果示范乡", "山地康养", "避暑目的地"]
    assert names.split_list("甲县、乙县和丙县", split_conj=True) == ["甲县", "乙县", "丙县"]
    assert names.split_list("甲县和丙县", split_conj=True) == ["甲县", "丙县"]


def test_a_positioning_item_keeps_its_conjunction():
    text = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
            "确定岢岚县的发展定位为：晋西北生态屏障县、特色杂粮与沙棘产业示范县、黄河流域康养目的地。\n")
    ex = pipeline.extract(reader.parse(text, "plan.txt"))
    got = {e.label for e in ex.entities.values() if e.ref.kind == "Positioning"}
    assert got == {"晋西北生态屏障县", "特色杂粮与沙棘产业示范县", "黄河流域康养目的地"}, got
