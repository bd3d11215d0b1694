"""Nested lists printed to PDF keep their nesting: invented Markdown plans printed by headless Chromium
(bullets drawn as shapes, numbers printed as text, items set in by level) read into the same outline as their text; pages set
like a word processor's (bullet glyphs, or indentation alone) nest by depth; body paragraphs, centred
titles and a lone indented line stay what they are. The pure rule is also tested on invented lines."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from plankg.extract import reader
from plankg.extract.pdf_layout import PageLine, nest_items, page_text

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("plan_print", ROOT / "tests" / "plan_print.py")
plan_print = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(plan_print)

LONG = "，并同步完善配套道路、给排水、电力通信和环卫设施，形成布局合理、功能完善、风貌协调的整体格局"

# ten invented plans, each a heading, a paragraph and a nested list in its own phrasing
PLANS = {
    "岱山县-交通": f"""# 岱山县综合交通专项规划（2024-2038年）

## 第一章 发展目标

岱山县以海岛交通一体化为方向，统筹陆海运输。

- 公路网密度：
  - 2028年达到96.2公里/百平方公里；
  - 2038年达到104公里/百平方公里。
- 客运码头
  - 秀北客运码头改建{LONG}；
  - 衢东客运码头新建。

本章目标按年度分解落实。
""",
    "青禾镇-村庄": """# 青禾镇国土空间总体规划（2023-2037年）

## 第二章 村庄布局

全镇村庄分为三类，分类引导建设。

- 集聚提升类（4个）
  - 柳湾村（青禾镇东部）：发展设施农业；
  - 石塘村（青禾镇北部）：发展乡村旅游；
- 特色保护类（2个）
  - 白沙村（青禾镇西部）：保护传统民居；
- 搬迁撤并类（1个）
  - 后岭村：整体迁入镇区。
""",
    "澄江片区-三级": """# 澄江片区详细规划（2025-2035年）

## 第三章 空间结构

- 一核：澄江中央商务核
  - 金融服务组团
    - 滨江金融街
    - 湾区结算中心
  - 会展服务组团
- 两轴：东西向发展轴、南北向景观轴
""",
    "北滩乡-项目": f"""# 北滩乡近期建设规划（2024-2030年）

## 第四章 近期项目

- 北滩灌区节水改造工程
  - 地点：北滩乡南渠片区
  - 期限：2025—2028年
  - 投资：4200万元
- 北滩乡污水处理站扩建工程
  - 地点：北滩乡集镇区{LONG}
  - 期限：2026—2029年
""",
    "云岫县-生态": """# 云岫县生态保护修复规划（2024-2036年）

## 第五章 修复任务

云岫县按流域组织修复。

- 东溪流域
  - 水土流失治理面积不少于38平方公里；
  - 河岸缓冲带修复12公里；
- 西岭矿区
  - 历史遗留矿山治理率达到95%。
""",
    "泊湾区-设施": """# 泊湾区公共服务设施规划（2024-2035年）

## 第六章 设施配置

- 教育设施
  - 新建九年一贯制学校3所
  - 改扩建幼儿园5所
- 医疗设施
  - 区人民医院迁建
  - 社区卫生服务中心全覆盖
- 养老设施
  - 每个街道至少1处综合养老服务中心
""",
    "松溪镇-产业": f"""# 松溪镇产业发展规划（2024-2035年）

## 第七章 产业布局

松溪镇形成“一园两带”的产业格局{LONG}。

- 一园：松溪农产品加工园
- 两带
  - 沿溪茶果种植带：覆盖上坪村和下坪村
  - 环湖康养休闲带：覆盖湖东村、湖西村和渔港社区
""",
    "望川市-防灾": """# 望川市综合防灾减灾规划（2024-2035年）

## 第八章 防洪排涝

- 防洪标准
  - 中心城区：100年一遇；
  - 县城：50年一遇；
    - 望川河沿岸堤防按50年一遇加固；
    - 支流堤防按20年一遇建设；
- 内涝防治标准：30年一遇。

各区县按本章标准编制专项方案。
""",
    "玉泉区-分期": """# 玉泉区城市更新规划（2024-2035年）

## 第九章 实施时序

玉泉区更新分两期推进。

1. 第一期（2024—2028年）
   - 完成老旧小区改造42个；
   - 打通断头路9条；
2. 第二期（2029—2035年）
   - 完成工业遗存活化利用；
""",
    "兰亭镇-村规": """# 兰亭镇村庄规划编制导引（2024-2035年）

## 第十章 编制要求

- 村庄规划应包括以下内容：
  1. 村域国土空间用途管制；
  2. 居民点布局和宅基地标准；
  3. 历史遗存与乡村风貌引导；
- 成果形式
  1. 文本、图件和数据库。

编制成果报镇人民政府审查。
""",
}


def outline(doc) -> list[tuple[str, int, str]]:
    """Each passage from the first chapter on as (kind, depth of nesting, text): what the reader made
    of the plan's structure (a one-page print keeps its running header above the title: not compared)."""
    by_ordinal = {p.ordinal: p for p in doc.passages}

    def depth(p) -> int:
        return 0 if p.parent is None else 1 + depth(by_ordinal[p.parent])

    rows = [(p.kind, depth(p), p.text.replace("*", "")) for p in doc.passages]
    first = next((i for i, (kind, _, text) in enumerate(rows) if kind == "heading" and text.startswith("第")), 0)
    return rows[first:]


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(locale="zh-CN")


pytestmark = pytest.mark.browser  # Chromium comes from conftest (skips when absent)


def test_ten_invented_list_plans_are_collected():
    assert len(PLANS) == 10


@pytest.mark.parametrize("name", list(PLANS))
def test_markdown_lists_printed_to_pdf_read_into_the_outline_of_the_text(name, page, tmp_path):
    md = tmp_path / f"{name}.md"
    md.write_text(PLANS[name], encoding="utf-8")
    from_text = outline(reader.read(md))
    assert any(depth >= 1 for _, depth, _ in from_text)  # the case has nesting to keep
    for ruled in (True, False):
        pdf = plan_print.print_pdf(page, md, tmp_path / f"{name}-{ruled}.pdf", ruled=ruled)
        assert outline(reader.read(pdf)) == from_text, (name, ruled)


def _print_html(page, body: str, out: Path) -> Path:
    page.set_content(f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>{plan_print.STYLE}</head>"
                     f"<body>{body}</body></html>", wait_until="load")
    page.pdf(path=str(out), format="A4", margin={"top": "20mm", "bottom": "20mm", "left": "20mm", "right": "20mm"})
    return out


def _para(text: str, left_em: float = 0.0, hang: bool = False) -> str:
    style = f"margin-left:{left_em}em;" + ("text-indent:-1.2em;" if hang else "text-indent:0;") if left_em else ""
    return f"<p style='{style}'>{text}</p>" if style else f"<p>{text}</p>"


def test_word_processor_bullet_glyphs_nest_by_their_depth(page, tmp_path):
    body = "".join([
        "<h1>临川县全域旅游规划（2024-2035年）</h1>", "<h2>第九章 旅游发展</h2>",
        _para("临川县旅游发展分为两个片区，各片区的重点如下。"),
        _para("▪ 北部山地片区", 3.2, hang=True),
        _para("◆ 建设云顶观景台；", 5.6, hang=True),
        _para("◆ 整修古驿道12公里；", 5.6, hang=True),
        _para("▪ 南部湖泊片区", 3.2, hang=True),
        _para("◆ 建设环湖绿道；", 5.6, hang=True),
        _para("全县旅游项目由县文旅部门统筹实施。"),
    ])
    doc = reader.read(_print_html(page, body, tmp_path / "glyphs.pdf"))
    items = [(d, t) for kind, d, t in outline(doc) if kind == "item"]
    assert items == [(0, "北部山地片区"), (1, "建设云顶观景台；"), (1, "整修古驿道12公里；"),
                     (0, "南部湖泊片区"), (1, "建设环湖绿道；")]
    assert [t for kind, _, t in outline(doc) if kind == "paragraph"] == [
        "临川县旅游发展分为两个片区，各片区的重点如下。", "全县旅游项目由县文旅部门统筹实施。"]


def test_blocks_set_in_without_any_mark_nest_by_their_depth(page, tmp_path):
    body = "".join([
        "<h1>东岙镇国土空间总体规划（2024-2035年）</h1>", "<h2>第十章 耕地保护</h2>",
        _para("东岙镇耕地保护目标如下，必须严格落实到地块。"),
        _para("耕地保有量", 4),
        _para("不低于2.31万亩；", 7),
        _para("永久基本农田", 4),
        _para("不低于1.96万亩；", 7),
        _para("各村按本节目标签订耕地保护责任书。"),
    ])
    doc = reader.read(_print_html(page, body, tmp_path / "indented.pdf"))
    items = [(d, t) for kind, d, t in outline(doc) if kind == "item"]
    assert items == [(0, "耕地保有量"), (1, "不低于2.31万亩；"), (0, "永久基本农田"), (1, "不低于1.96万亩；")]


def test_paragraphs_centred_titles_and_one_indented_line_are_no_list(page, tmp_path):
    body = "".join([
        "<h1>南溪县城乡供水规划（2024-2035年）</h1>",
        "<p style='text-align:center'>（公示稿）</p>",
        "<h2>第一章 总则</h2>",
        f"<p>南溪县城乡供水以水库为主水源{LONG}，地下水作为应急备用水源。</p>",
        _para("本条所称供水设施，包括水厂、加压泵站和输配水管网。", 4),
        "<p>规划期末城乡供水普及率达到99%。</p>",
    ])
    doc = reader.read(_print_html(page, body, tmp_path / "plain.pdf"))
    kinds = [kind for kind, _, _ in outline(doc)]
    assert "item" not in kinds, outline(doc)
    assert any(t.startswith("南溪县城乡供水以水库为主水源") and t.endswith("应急备用水源。") for _, _, t in outline(doc))


# ------------------------------------------------------------------ the rule on invented lines (no browser)
def _ln(text: str, indent: float, room: float = 10.0, marked: bool = False) -> PageLine:
    return PageLine(text, room=room, indent=indent, marked=marked)


def test_drawn_marks_nest_by_depth_and_unmarked_lines_at_the_item_text_continue_it():
    lines = [_ln("第二章 水系布局", 0), _ln("金塘镇水系分为两级。", 2),
             _ln("主干河道", 2.7, marked=True), _ln("金塘河：整治长度8.6公里，两岸建设", 5.5, room=0.3, marked=True),
             _ln("生态缓冲带", 5.5), _ln("支流河道", 2.7, marked=True), _ln("全部恢复自然岸线。", 5.5, marked=True)]
    assert [ln.text for ln in nest_items(lines)] == [
        "第二章 水系布局", "金塘镇水系分为两级。", "- 主干河道", "  - 金塘河：整治长度8.6公里，两岸建设生态缓冲带",
        "- 支流河道", "  - 全部恢复自然岸线。"]


def test_without_marks_only_a_run_of_indented_lines_is_a_list():
    lone = [_ln("第三章 附则", 0), _ln("本规划由县人民政府批准后实施。", 2), _ln("（引自批复文件）", 5)]
    assert nest_items(lone) == lone
    block = [_ln("用水指标", 3), _ln("万元产值用水量下降16%；", 6), _ln("农田灌溉水利用系数0.62；", 6)]
    assert [ln.text for ln in nest_items(block)] == ["- 用水指标", "  - 万元产值用水量下降16%；", "  - 农田灌溉水利用系数0.62；"]


def test_a_centred_line_is_no_item_and_glyphs_become_markers():
    lines = [_ln("（征求意见稿）", 18, room=18), _ln("（送审稿）", 19, room=19.2),
             _ln("● 城镇开发边界", 0), _ln("○ 扩展倍数不超过1.3", 2.6), _ln("-5℃以下为严寒期。", 0)]
    assert [ln.text for ln in nest_items(lines)] == ["（征求意见稿）", "（送审稿）", "- 城镇开发边界", "  - 扩展倍数不超过1.3",
                                                     "-5℃以下为严寒期。"]


def test_word_symbol_bullets_from_a_text_layer_start_items_and_are_not_joined():
    lines = [PageLine("第四章 乡村振兴", room=20, indent=0), PageLine("双溪乡重点推进以下工作，逐村落实到项目和", room=0.2, indent=2),
             PageLine("\uf0b7 高标准农田建设", room=20, indent=0), PageLine("\uf0a7 新增高标准农田1.5万亩；", room=15, indent=2.8),
             PageLine("\uf0a7 完成灌排渠系配套改造；", room=15, indent=2.8), PageLine("\uf0b7 农村人居环境整治", room=20, indent=0)]
    assert page_text([lines]).splitlines() == [
        "第四章 乡村振兴", "双溪乡重点推进以下工作，逐村落实到项目和", "- 高标准农田建设", "  - 新增高标准农田1.5万亩；",
        "  - 完成灌排渠系配套改造；", "- 农村人居环境整治"]
