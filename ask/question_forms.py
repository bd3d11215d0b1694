"""The question forms of the genre: which wording asks for a count, a value, a year, a place's seat,
the parts of a whole, a change between versions … (read by :mod:`plankg.ask.understand`).
Each pattern is written for a construction of the language, never for one plan's names."""
from __future__ import annotations

import re

RE_FOLLOWUP = re.compile(r"^(?:(?:那么?|还有|换成|如果是)(.{1,30}?)(?:的情况)?(?:呢|怎么样|如何)?|(.{1,12}?)(?:的情况)?呢)[?？。]*$")
RE_QWORD = re.compile(r"哪|多少|什么|几|是否|吗|如何|怎样|怎么")
RE_COUNT = re.compile(r"多少(个|处|条|座|项|家|所)|(?<!哪)几(个|处|条|座|项|家|所)|一共有几|共有几|共列了?几|数量|多少个")
RE_VALUE = re.compile(r"多少|是多少|有?多大|有?多长|(?:更|较)(?:大|高|多|长|小|低|少|短)|目标|比例|比重|面积|规模|几成|达到多少|数值|指标")
RE_YEAR = re.compile(r"(19|20)\d{2}")
META_KEYS = [
    (re.compile(r"基期|基准年|基年"), "baseYear"),
    (re.compile(r"远景"), "visionYear"),
    (re.compile(r"近期(?!.*(项目|建设|工程|重点))"), "nearTermYear"),
    (re.compile(r"目标年|规划期末"), "periodEnd"),
    (re.compile(r"规划期限|规划期(?![末内间])|期限"), "period"),
    (re.compile(r"上位规划"), "higherPlan"),
    (re.compile(r"编制单位|编制机关|组织编制|由谁|谁(编制|发布|制定|组织)|哪个(部门|单位|机关)|发布(单位|机关)|"
                r"由哪(些|几个|个)(部门|单位|机关|机构)(联合)?(编制|发布|制定|组织|编印|印发)"),
     "issuedBy"),
    (re.compile(r"引用|依据哪些|依据了|遵循|与哪些(?:规划|文件)相?(?:衔接|对接|协调)|(?:衔接|对接)了?哪些(?:规划|文件)"), "cites"),
    (re.compile(r"(?:什么|哪一?)(?:级别|层级|层次|级)的?规划|规划(?:的)?(?:层级|级别|层次)"), "level"),
]
YEAR_PROPS = ("baseYear", "visionYear", "nearTermYear", "periodEnd", "period")
RE_COMPARE = re.compile(r"是否一致|一致吗|有何不同|有什么不同|有什么区别|有何区别|差异|区别|相同吗|是否相同")
RE_SET = re.compile(r"哪些|哪几|是什么|指什么|包括|有哪|由什么|怎样|如何|什么样")
RE_STRUCTURE = re.compile(r"([\u4e00-\u9fff]{0,6}?(?:格局|结构|体系|布局))(?:是|指|有|包括|为|怎样|如何|呢|？|\?|$)")
RE_PLANLIST = re.compile(r"(有哪些|哪些|哪几个?|几个|多少个?)(县级|市级|省级|乡镇级)?(国土空间)?(总体)?规划[?？]?$|^哪些规划")
LEVEL_WORDS = [("县级", "county"), ("市级", "city"), ("省级", "province"), ("乡镇级", "township")]
RE_YEARQ = re.compile(r"哪一?年|何年|年份|什么时候|多少年|是哪|到哪|是什么|是多少|几年")
RE_COMPLIANCE = re.compile(r"是否(达到|满足|符合|落实|低于|高于|超过|突破)|达标|有没有达到|能否达到|"
                           r"(没有|未|不)(达到|满足|符合|落实)|(超过|突破)了?(市级|上级|下达)")
RE_ONLY_FAILING = re.compile(r"(哪些|哪个|哪几).*(没有|未|不)(达到|满足|符合|落实)|(哪些|哪个|哪几).*(超过|突破)")
RE_CITECHECK = re.compile(r"(没有|未|不|没)(引用|依据|提及|衔接)")
# "X的建设地点是哪个村": a thing's place, at the level asked
RE_WHERE = re.compile(r"在哪|位于哪|哪个(镇|乡|县|区|市|乡镇|村)|哪里|什么地方|所在|属于哪|隶属|(?:建设|实施)地点|选址")
# "朔城区共辖几个乡": units of a kind directly within a division (the kind is the suffix of their names)
RE_CONTAINS = re.compile(r"(?:共辖|下辖|辖|管辖|包括|包含|共有|有)(?:几|多少)个?(乡镇|街道|行政村|县区|区县|乡|镇|村|县|区|市)")
RE_RANK = re.compile(r"(最大|最高|最多|最长|最小|最低|最少|最短)")
RE_PLAN_LEVEL = re.compile(r"(?:什么|哪一?)(?:级别|层级|层次|级)的?规划|规划(?:的)?(?:层级|级别|层次)(?:是|为|属于)|"
                           r"^是多少层级.{2,30}规划$")  # the English "what is the level of the X plan"
# versions: a question naming a version and a change ("公示稿与征求意见稿相比…", "公示稿新增了哪些…")
RE_PREVIOUS = re.compile(r"上一?个?版本?|前一?个?版本?|上一稿|前一稿|原版本|修改前|修订前")
RE_VERSION_CHANGE = re.compile(r"相比|比较|对比|变化|变动|新增|增加了|增设|删去|删除|去掉|取消|调整|修改|改动|不同|区别")
RE_MERGED = re.compile(r"撤并|合并|并入|撤销|撤乡|撤镇|更名|改名|改设|区划调整|调整了?(?:行政)?区划|进行了?调整")
RE_WHICH_ROWS = re.compile(r"哪些|哪几|哪个|哪一")
# "投资估算超过20000万元": a bound on a table column, right after its header
RE_ROW_BOUND = re.compile(r"^在?(?:超过|大于|高于|多于|不少于|不低于|不小于|达到|低于|小于|少于|不超过|不高于|不大于)[0-9]"
                          r"|^[为在]?[0-9]+(?:\.[0-9]+)?[^0-9，,。？?]{0,4}?(?:以上|以下)")
RE_TOTAL = re.compile(r"合计|总计|共计|总和|总额|加总|加起来|一共|总共")
RE_ROLE_OF = re.compile(r"(是|为|属于|列为|定为)(什么|哪一?)(等级|级别|层级|职能|类型|类别|角色|地位|类(?:城镇|乡镇|镇|乡))")
RE_UNITS_OF = re.compile(r"(?:涉及|覆盖|包括|包含|位于|在|经过|实施于)哪(?:些|几个)(行政村|村|乡镇|街道|县区|区县|乡|镇|县|区|市)")
RE_ALIAS = re.compile(r"又称|别称|又名|也叫|也称|俗称|旧称|简称|全称|别名|正式名称|官方名称|另一个名字")
# "X的政府驻地在哪", "X县城设在哪个镇", "X的治所": the seat of a division (pk:hasSeat)
RE_SEAT = re.compile(r"驻地|政府所在地|治所|县城(?:设|位)?在|县城(?:是|为)哪|区政府(?:设|位)?在|镇政府(?:设|位)?在|首府|"
                     r"(?:政府|县城|机关)(?:驻|设|位)(?:在|于)?(?:哪|何|什么)")
# "X规划新增了哪些项目": what the plan adds beyond its higher plan(s) — a plan diff
RE_ADDED = re.compile(r"新增(?:了|的|加了?)?(?:哪些|哪几|什么|几)|(?:哪些|哪几)[^?？]{0,12}(?:是|为|属于)(?:本规划)?新增")
RE_HIGHER_WORDS = re.compile(r"(?:比|较|相比|与|和|相对于)?(?:其|它的)?上位规划(?:相比|比较)?")
# question construction → (relation, the named thing is its object); "是哪条河的支流" before "支流"
RELATION_WORDS: tuple[tuple[re.Pattern, str, bool], ...] = (
    (re.compile(r"是哪一?条(?:河|河流|水系)?的支流|(?:汇入|注入|流入)(?:了)?(?:哪|什么)"), "tributaryOf", False),
    (re.compile(r"哪(?:些|几条)(?:河流|河|支流|水系)?(?:汇入|注入|流入)"), "tributaryOf", True),  # "哪些河流汇入X"
    (re.compile(r"支流"), "tributaryOf", True),
    (re.compile(r"属于?哪(?:个|一个|条)?(?:水系|流域)|(?:所属|属于什么)(?:水系|流域)"), "partOf", False),
    (re.compile(r"(?:上|干流上|沿线)(?:有|建有|分布)哪些(?:水库|湖泊|湖|水电站|闸坝)"), "locatedOn", True),
    (re.compile(r"(?:建|位于|在)哪(?:条|一条)(?:河|河流)(?:上|干流上)?"), "locatedOn", False),
    (re.compile(r"发源|源头|源于|起源"), "originatesIn", False),
    (re.compile(r"流经|途经|经过|穿过|穿越|贯穿"), "passesThrough", False),
    (re.compile(r"相邻|毗邻|接壤|交界|邻近"), "adjacentTo", False),
)
# "X划分为哪些片区", "X由哪些电厂构成", "X覆盖哪些区县", "“两区”指哪两个保护区": the parts of a whole, of a kind
# ("X的范围涉及哪些县（区）": the kind with its alternatives in brackets, read as 县区)
RE_PARTS = re.compile(r"(?:划分为|划分成|分为|分成|划为|包括|包含|涵盖|覆盖|涉及|指的?是?|由)了?哪(?:些|几|[一二两三四五六七八九十0-9]+)个?"
                      r"([\u4e00-\u9fff]{0,8}?)(?:[（(]([\u4e00-\u9fff、]{1,6})[)）])?(?:构成|组成)?呢?[？?]?$")


def parts_phrase(m: re.Match) -> str:
    """The kind of parts asked for, its bracketed alternatives joined on: 县（区） → 县区."""
    return m.group(1) + (m.group(2) or "").replace("、", "")
RE_SYSTEM_OF = re.compile(r"^的?(?:县域|市域|区域|镇域|全域)?(?:城镇体系|城乡体系|镇村体系)")  # X's own plan states it
RE_PLANREF = re.compile(r"^(国土空间)?(总体)?规划")
# "在A镇规划消防站4座": A镇 is where a plan lays something out, not A镇's plan ("在A镇规划中" is)
RE_PLANNED_AT = re.compile(r"^规划(?![中里的内]|范围|文本)")


def planned_at(text: str, start: int, end: int) -> bool:
    """Is the place named at text[start:end] the place where something is planned ("在A镇规划…")?"""
    return text[max(0, start - 1):start] == "在" and bool(RE_PLANNED_AT.match(text[end:]))
