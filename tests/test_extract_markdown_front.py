"""A plan's front matter and the names its lists carry (extract/meta.py, extract/aliases.py): a plan issued
jointly prints its bodies on one line; a list member with no class word still takes the other name printed
in brackets after it. Phrasings written for these tests (made-up 鹭屿市 / 岱山县 plans); no line comes from a
corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader


def extract(text: str, filename: str = "plan.md"):
    doc = reader.parse(text, filename)
    return pipeline.extract(doc)


# the issuer line: one body, or several separated by spaces (full-width or not) or 、
ISSUERS = [
    ("鹭屿市自然资源和规划局　鹭屿市文化和旅游局", ["鹭屿市自然资源和规划局", "鹭屿市文化和旅游局"]),
    ("鹭屿市自然资源和规划局 鹭屿市交通运输局", ["鹭屿市自然资源和规划局", "鹭屿市交通运输局"]),
    ("岱山县人民政府、岱山县水利局", ["岱山县人民政府", "岱山县水利局"]),
    ("鹭屿市住房和城乡建设局　鹭屿市林业局　鹭屿市水务局", ["鹭屿市住房和城乡建设局", "鹭屿市林业局", "鹭屿市水务局"]),
    ("岱山县自然资源局", ["岱山县自然资源局"]),
    ("鹭屿市人民政府", ["鹭屿市人民政府"]),
    ("岱山县农业农村局　岱山县生态环境局", ["岱山县农业农村局", "岱山县生态环境局"]),
    ("鹭屿市发展和改革委员会、鹭屿市自然资源和规划局", ["鹭屿市发展和改革委员会", "鹭屿市自然资源和规划局"]),
    ("鹭屿市自然资源局　编制说明", []),  # a line with other words is no issuer line
]


@pytest.mark.parametrize("line,expected", ISSUERS)
def test_joint_issuers_are_each_an_issuer(line, expected):
    ex = extract(f"# 鹭屿市综合交通专项规划（2021-2035年）\n\n（征求意见稿）\n\n{line}\n\n2024年3月\n\n## 第一章 总则\n\n- 规划期限：2021—2035年。\n")
    assert ex.meta.issuers == expected
    orgs = {e.label for e in ex.entities.values() if e.ref.kind == "Organization"}
    assert set(expected) <= orgs


# "X（原名Y）" after a list member that has no class word (a fort, a pass, a hall named alone)
ALIASES = [
    ("- **重点对象**：东关堡、石门堡（原名虎啸堡）；", "石门堡", "虎啸堡"),
    ("- **重点对象**：望海楼（俗称鹭屿钟楼）、南城门；", "望海楼", "鹭屿钟楼"),
    ("- 保护对象包括北岭关、西岭关（又称铁岭关）。", "西岭关", "铁岭关"),
    ("- **重点对象**：云台堡（旧称卧云堡）。", "云台堡", "卧云堡"),
    ("- **重点对象**：青石堡、白石堡（曾用名白岩堡）；", "白石堡", "白岩堡"),
    ("- **重点对象**：镇海楼（古称望潮楼）；", "镇海楼", "望潮楼"),
    ("- 名录：南岭关、东岭关（亦称龙口关）", "东岭关", "龙口关"),
    ("- **重点对象**：龙湾堡（别称金湾堡）、鹤岭堡；", "龙湾堡", "金湾堡"),
]
TABLE = ("| 序号 | 名称 | 级别 | 所在区县 |\n|---|---|---|---|\n"
         "| 1 | 石门堡 | 省级文物保护单位 | 岱山县 |\n| 2 | 望海楼 | 省级文物保护单位 | 岱山县 |\n"
         "| 3 | 西岭关 | 市级文物保护单位 | 岱山县 |\n| 4 | 云台堡 | 县级文物保护单位 | 岱山县 |\n"
         "| 5 | 白石堡 | 县级文物保护单位 | 岱山县 |\n| 6 | 镇海楼 | 省级文物保护单位 | 岱山县 |\n"
         "| 7 | 东岭关 | 县级文物保护单位 | 岱山县 |\n| 8 | 龙湾堡 | 县级文物保护单位 | 岱山县 |\n")


@pytest.mark.parametrize("line,name,alias", ALIASES)
def test_a_listed_name_takes_its_bracketed_alias(line, name, alias):
    ex = extract("# 鹭屿市历史文化保护专项规划（2021-2035年）\n\n## 第五章 保护名录\n\n表5-1 重点保护名录\n\n"
                 f"{TABLE}\n## 第七章 分区保护指引\n\n{line}\n")
    holders = [e for e in ex.entities.values() if e.label == name or name in e.alt_labels]
    assert holders and any(alias in e.alt_labels for e in holders), [(e.label, e.alt_labels) for e in holders]


def test_an_alias_is_not_taken_inside_a_longer_word():
    ex = extract("# 鹭屿市历史文化保护专项规划（2021-2035年）\n\n## 第五章 保护名录\n\n"
                 f"{TABLE}\n- 新建东石门堡（原名虎啸堡）。\n")
    assert not any("虎啸堡" in e.alt_labels for e in ex.entities.values() if e.label == "石门堡")


def test_the_suites_collected_their_cases():
    assert (len(ISSUERS), len(ALIASES)) == (9, 8)


# cover lines that label what they are: (lines after the title, issuer, organiser, date)
COVERS = [
    ("组织编制：岱山县人民政府\n\n发布单位：岱山县自然资源和规划局\n\n二〇二四年三月", "岱山县自然资源和规划局", "岱山县人民政府", "2024-03"),
    ("编制单位：鹭屿市自然资源和规划局\n\n编制时间：2023年9月", "鹭屿市自然资源和规划局", None, "2023-09"),
    ("- **编制主体**：高亭镇人民政府\n- **成稿时间**：2024年5月", "高亭镇人民政府", None, "2024-05"),
    ("组织单位：鹭屿市人民政府\n\n编制机关：鹭屿市交通运输局\n\n二〇二二年十二月", "鹭屿市交通运输局", "鹭屿市人民政府", "2022-12"),
    ("委托单位：岱山县人民政府\n\n岱山县水利局\n\n2023年1月", "岱山县水利局", "岱山县人民政府", "2023-01"),
    ("发布机关：鹭屿市林业局\n\n发布日期：2024年10月", "鹭屿市林业局", None, "2024-10"),
    ("组织编制单位：高亭镇人民政府\n\n二〇二三年七月", None, "高亭镇人民政府", "2023-07"),
    ("印发单位：鹭屿市住房和城乡建设局\n\n二〇二五年一月", "鹭屿市住房和城乡建设局", None, "2025-01"),
]


def test_cover_cases_collected():
    assert len(COVERS) == 8


@pytest.mark.parametrize("lines,issuer,organizer,date", COVERS)
def test_a_labelled_cover_line_names_its_body_or_date(lines, issuer, organizer, date):
    ex = extract(f"# 鹭屿市综合交通专项规划（2021-2035年）\n\n（征求意见稿）\n\n{lines}\n\n## 第一章 总则\n\n- 规划期限：2021—2035年。\n")
    assert (ex.meta.issuer, ex.meta.organizer, ex.meta.date) == (issuer, organizer, date)
