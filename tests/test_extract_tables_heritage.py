"""Heritage lists in tables (extract/tables.py): each protected site a row, with its level, the county or
town it is in and its category, whatever the columns are called and in whatever order, pipe or tab.
Tables written for these tests (a made-up 岱山县 heritage plan on real Zhoushan divisions); no row comes
from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县历史文化保护专项规划（2021-2035年）\n"

# (table, [(site, place, level, category)])
TABLES = {
    "pipe_name_level_county_category": (
        "| 序号 | 名称 | 级别 | 所在区县 | 类别 |\n|---|---|---|---|---|\n"
        "| 1 | 云峰寺 | 全国重点文物保护单位 | 定海区 | 古建筑 |\n| 2 | 望海楼 | 省级文物保护单位 | 普陀区 | 古建筑 |\n",
        [("云峰寺", "定海区", "全国重点文物保护单位", "古建筑"), ("望海楼", "普陀区", "省级文物保护单位", "古建筑")]),
    "tab_protection_level_location_type": (
        "文物名称\t保护级别\t所在地\t类型\n海防炮台\t省级文物保护单位\t定海区\t近现代重要史迹\n"
        "灯塔旧址\t市级文物保护单位\t普陀区\t古遗址\n",
        [("海防炮台", "定海区", "省级文物保护单位", "近现代重要史迹"), ("灯塔旧址", "普陀区", "市级文物保护单位", "古遗址")]),
    "place_first_protected_object": (
        "| 所在乡镇 | 保护对象 | 类别 | 级别 |\n|---|---|---|---|\n"
        "| 高亭镇 | 石浦村 | 传统村落 | 国家级 |\n| 东沙镇 | 南峰村 | 传统村落 | 省级 |\n",
        [("石浦村", "高亭镇", "国家级", "传统村落"), ("南峰村", "东沙镇", "省级", "传统村落")]),
    "category_before_name": (
        "| 类别 | 名称 | 所在县 | 等级 |\n|---|---|---|---|\n"
        "| 古墓葬 | 北山古墓群 | 嵊泗县 | 县级文物保护单位 |\n| 石窟寺及石刻 | 摩崖石刻 | 岱山县 | 省级文物保护单位 |\n",
        [("北山古墓群", "嵊泗县", "县级文物保护单位", "古墓葬"), ("摩崖石刻", "岱山县", "省级文物保护单位", "石窟寺及石刻")]),
    "fullwidth_pipes": (
        "｜名称｜所在区县｜级别｜分类｜\n｜镇海阁｜普陀区｜市级文物保护单位｜古建筑｜\n｜盐场仓库｜岱山县｜历史建筑｜近现代建筑｜\n",
        [("镇海阁", "普陀区", "市级文物保护单位", "古建筑"), ("盐场仓库", "岱山县", "历史建筑", "近现代建筑")]),
    "location_column_named_weizhi": (
        "| 编号 | 遗产名称 | 位置 | 保护级别 | 类型 |\n|---|---|---|---|---|\n"
        "| A1 | 渔业公司旧址 | 定海区 | 县级文物保护单位 | 近现代重要史迹 |\n| A2 | 观潮庵 | 嵊泗县 | 市级文物保护单位 | 古建筑 |\n",
        [("渔业公司旧址", "定海区", "县级文物保护单位", "近现代重要史迹"), ("观潮庵", "嵊泗县", "市级文物保护单位", "古建筑")]),
    "tab_with_title_and_measures": (
        "表4-2 重点保护名录\n序号\t名称\t类别\t级别\t所在区县\t保护措施\n"
        "1\t南城门\t古建筑\t省级文物保护单位\t定海区\t修缮城门，整治周边\n2\t烽火台遗址\t古遗址\t县级文物保护单位\t岱山县\t设置界桩\n",
        [("南城门", "定海区", "省级文物保护单位", "古建筑"), ("烽火台遗址", "岱山县", "县级文物保护单位", "古遗址")]),
    "villages_and_towns": (
        "| 名称 | 类别 | 级别 | 所在区县 |\n|---|---|---|---|\n"
        "| 东沙镇 | 历史文化名镇 | 省级 | 岱山县 |\n| 礁头村 | 历史文化名村 | 国家级 | 定海区 |\n",
        [("礁头村", "定海区", "国家级", "历史文化名村")]),
}


def _read(table: str):
    return pipeline.extract(reader.parse(HEAD + table, "plan.md"))


def _label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


@pytest.mark.parametrize("name", sorted(TABLES))
def test_heritage_rows(name):
    table, rows = TABLES[name]
    ex = _read(table)
    located = {(_label(ex, r.subject), _label(ex, r.object)) for r in ex.relations if r.predicate == "pk:locatedIn"}
    category = {(_label(ex, r.subject), _label(ex, r.object)) for r in ex.relations if r.predicate == "pk:category"}
    levels = {(_label(ex, a.member), a.role) for a in ex.roles}
    for site, place, level, cat in rows:
        assert (site, place) in located, located
        assert (site, level) in levels, levels
        assert (site, cat) in category, category


def test_table_count():
    assert len(TABLES) == 8
