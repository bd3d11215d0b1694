"""Plan metadata (title, region, level, period, years, issuer, date, status)."""
from __future__ import annotations

import re

from plankg.extract import lexicon
from plankg.extract.document import PlanDocument
from plankg.extract.gazetteer import Division, Gazetteer
from plankg.extract.model import EntityRef, PlanMeta, normalise, plan_key

YEAR_RANGE = r"(\d{4})\s*[-—–－~至到]+\s*(\d{4})\s*年?"
PLAN_TITLE_RE = re.compile(rf"^(.{{2,40}}?(?:规划|纲要))\s*[（(]?\s*{YEAR_RANGE}\s*[)）]?")
STATUS_WORDS = {"征求意见稿": "draft", "公示稿": "publicity", "送审稿": "submitted", "报批稿": "submitted",
                "批复": "approved", "批复稿": "approved", "公布稿": "approved", "规划草案": "proposal", "草案": "proposal"}
# 草案 is also an ordinary word ("规划草案公示期间…"): inside a line it marks the status only in brackets or
# closing a line that is no sentence (a title "…规划草案", its period after it or not)
LOOSE_WORDS = {"规划草案", "草案"}
# a status printed in brackets after a title ("（征求意见稿）"): part of the cover, not of the plan's name
STATUS_NOTE = re.compile("[（(](?:" + "|".join(sorted(map(re.escape, STATUS_WORDS), key=len, reverse=True)) + ")[)）]")


def without_status(title: str) -> str:
    """A title without its bracketed status: '…（2021-2035年）（征求意见稿）' → '…（2021-2035年）'."""
    return STATUS_NOTE.sub("", title).strip()
SENTENCE_MARK = re.compile(r"[，。；：,;:]")
STATUS_DATE_RE = re.compile(r"(.+?)[\s\u3000·（）()]*(\d{4}年\d{1,2}月(?:\d{1,2}日)?)")
TYPE_WORDS = (("详细规划", "detailed"), ("专项规划", "special"), ("总体规划", "master"), ("国土空间规划", "master"))
ISSUER_RE = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:局|委员会|人民政府|政府|厅|部)$")
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$")


def plan_type(title: str) -> str:
    return next((t for word, t in TYPE_WORDS if word in title), "master")


def title_parts(title: str) -> tuple[str, int | None, int | None]:
    """'朔州市国土空间总体规划（2020-2035年）' → (name, 2020, 2035)."""
    m = PLAN_TITLE_RE.match(title)
    if not m:
        return title, None, None
    return m.group(1), int(m.group(2)), int(m.group(3))


# words around a plan's subject in its title: the area word after the region, the class word at the end
AREA_WORDS = ("市域", "县域", "区域", "镇域", "乡域", "国土空间")
# a district's "国土空间分区规划" is its master plan (the city's master plan divided by district)
CLASS_WORDS = ("专项规划", "详细规划", "总体规划", "分区规划", "规划纲要", "规划", "纲要")


def plan_subject(name: str, region_name: str | None) -> str:
    """What a plan is about, from its title without the period: the words between the region and the class
    word. '朔州市桑干河生态保护与修复专项规划' → '桑干河生态保护与修复'; a master plan
    ('…县国土空间总体规划', '…县县域国土空间总体规划') → ''. Why: a plan's identity must not change with
    its period, and two special plans of one region must never share it."""
    rest = name[name.find(region_name) + len(region_name):] if region_name and region_name in name else name
    for word in CLASS_WORDS:
        if rest.endswith(word):
            rest = rest[:-len(word)]
            break
    changed = True
    while changed:  # "县域国土空间…": strip the area words in any order
        changed = False
        for word in AREA_WORDS:
            if rest.startswith(word):
                rest, changed = rest[len(word):], True
    return normalise(rest.strip("：:·-— "))


def plan_ref_for_title(title: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """A cited plan title → (plan_id, region name) when it names a region (the id as that plan's own ingest
    mints it: region, type and subject, whatever period the citation prints)."""
    name, _, _ = title_parts(title)
    if not name.endswith(("规划", "纲要")):
        return None
    region = gaz.find_region(name)
    if region is None:
        return None
    kind = plan_type(name)
    return plan_key(region.code, kind, _subject_of(name, region.name, kind), name), region.name


def _subject_of(name: str, region_name: str | None, kind: str) -> str:
    """The subject that identifies a plan; a master plan of a region has none (there is one per region)."""
    subject = plan_subject(name, region_name)
    return "" if kind == "master" and subject in ("", "国土空间") else subject


def _front(doc: PlanDocument, limit: int = 12):
    return [p for p in doc.passages[:40] if p.section == "front" and p.kind != "toc"][:limit]


def extract_meta(doc: PlanDocument, gaz: Gazetteer) -> PlanMeta:
    front = _front(doc)
    # the title: the first lines, joined until the period "(2020-2035年)" is seen
    title, title_src = "", 0
    for p in front[:4]:
        text = p.text.strip()
        if re.fullmatch(r"[A-Za-z ,.()\-]+", text):
            continue  # an English subtitle
        if not title:
            title, title_src = text, p.ordinal
            if re.search(YEAR_RANGE, text):
                break
            continue
        if re.fullmatch(rf"[（(]?\s*{YEAR_RANGE}\s*[)）]?", text):
            a, b = re.search(YEAR_RANGE, text).groups()
            title = f"{title}（{a}-{b}年）"
            break
    title = without_status(title)
    title = re.sub(r"(规划|纲要)草案(?=\s*[（(]?\s*\d{4}|$)", r"\1", title)  # "…规划草案（2021-2035年）"
    if "附表" in title or "附件" in title:
        title = re.split(r"附表|附件", title)[0].strip("：: ")
    name, start, end = title_parts(title)
    if start is not None:
        title = f"{name}（{start}-{end}年）"
    meta = PlanMeta(title=title, plan_type=plan_type(name), start=start, end=end)
    meta.subject = _subject_of(name, None, meta.plan_type)
    meta.sources["title"] = title_src
    meta.is_annex = any(w in doc.passages[title_src].text for w in ("附表", "附件", "附录")) if doc.passages else False
    region: Division | None = gaz.find_region(name)
    if region is not None:
        meta.region = EntityRef("AdministrativeDivision", region.name, region.code)
        meta.region_name = region.name
        meta.level = region.level
        meta.subject = _subject_of(name, region.name, meta.plan_type)
    _cover(front, meta)
    _years(doc, meta)
    _organizer(doc, meta, name)
    return meta


# a cover line that labels its body or date: "组织编制：X人民政府", "发布单位：X局", "成稿时间：2024年3月"
COVER_LABEL = re.compile(r"^(?P<label>组织编制(?:单位|机关)?|组织单位|委托单位|编制主体|编制单位|编制机关|发布单位|发布机关|"
                         r"印发单位|[\u4e00-\u9fff]{0,4}(?:时间|日期))\s*[：:]\s*(?P<value>.+)$")
ORGANIZER_LABELS = ("组织编制", "组织单位", "委托单位")  # the body that had the plan drawn up; the rest issue it
CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
CN_DATE = re.compile(r"^(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月$")


def _cn_date(text: str) -> str | None:
    """'二〇二三年十一月' → '2023年11月' (a cover date written in Chinese numerals)."""
    m = CN_DATE.match(text)
    month = lexicon.cn_to_int(m.group("m")) if m else None
    return f"{m.group('y').translate(CN_DIGITS)}年{month}月" if m and month and 1 <= month <= 12 else None


def _cover(front, meta: PlanMeta) -> None:
    """Status, issuer, organiser and date from the cover lines: a line that is one of them (a status word may
    carry the date; a label may name what the line is), else a status word printed inside one of the first six
    lines."""
    last_issuer = -2
    for p in front:
        text = p.text.strip("（）() ")
        label = COVER_LABEL.match(text)
        if label:
            text = label.group("value").strip()
            if label.group("label").startswith(ORGANIZER_LABELS) and _issuers(text) and meta.organizer is None:
                meta.organizer, meta.sources["organizer"] = _issuers(text)[0], p.ordinal
                continue
        text = _cn_date(text) or text
        word, text = _status_with_date(text) or (text, text)
        if word in STATUS_WORDS:
            meta.status, meta.sources["status"] = STATUS_WORDS[word], p.ordinal
        elif meta.issuer is None and _issuers(text):
            meta.issuer, meta.sources["issuer"] = "、".join(_issuers(text)), p.ordinal
            last_issuer = p.ordinal
        elif _issuers(text) and last_issuer == p.ordinal - 1:  # a joint plan's bodies one per line
            meta.issuer, last_issuer = "、".join([*meta.issuers, *_issuers(text)]), p.ordinal
        if DATE_RE.match(text) and meta.date is None:
            y, mo, d = DATE_RE.match(text).groups()
            meta.date = f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
            meta.sources["date"] = p.ordinal
    for word, status in STATUS_WORDS.items():
        if meta.status is None and any(_prints(word, p.text) for p in front[:6]):
            meta.status = status


def _status_with_date(line: str) -> tuple[str, str] | None:
    """'草案 2023年5月' → ('草案', '2023年5月'): a status word and the cover date printed on one line."""
    m = STATUS_DATE_RE.fullmatch(line)
    word = m.group(1).strip("（）() ·") if m else ""
    return (word, m.group(2)) if word in STATUS_WORDS else None


def _prints(word: str, line: str) -> bool:
    """Whether a cover line prints the status word somewhere inside it."""
    if word not in LOOSE_WORDS:
        return word in line
    line = re.sub(rf"\s*[（(]?\s*{YEAR_RANGE}\s*[)）]?$", "", line.strip())  # "…规划草案（2021-2035年）"
    return bool(re.search(rf"[（(]{word}[)）]", line)) or (line.endswith(word) and not SENTENCE_MARK.search(line))


def _issuers(line: str) -> list[str]:
    """The bodies on an issuer line: one, or several separated by spaces or 、 (a joint plan)."""
    parts = [part for part in re.split(r"[\s\u3000、]+", line) if part]
    return parts if parts and all(ISSUER_RE.match(part) for part in parts) else []


ORGANIZER_RE = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,20}?(?:人民政府|政府|局|委员会|管理委员会))(?:牵头)?(?:组织)?编制(?:了)?《(?P<title>[^《》]+)》")


def _organizer(doc: PlanDocument, meta: PlanMeta, own_name: str) -> None:
    """"X人民政府组织编制了《本规划》" → the body that had the plan drawn up."""
    for p in doc.passages[:80]:
        for m in ORGANIZER_RE.finditer(p.text):
            if title_parts(m.group("title"))[0] == own_name:
                org = re.sub(r"^.*?(?:[，。；、]|为)", "", m.group("org"))
                meta.organizer, meta.sources["organizer"] = org, p.ordinal
                return


def _years(doc: PlanDocument, meta: PlanMeta) -> None:
    """Period, base year, near term and vision from the 规划期限 passage(s)."""
    rules = (
        ("base_year", r"(?:规划)?基(?:准|期)?年(?:为|是|取|定为|采用|[：:])?\s*(\d{4})|以\s*(\d{4})\s*年为(?:规划)?基(?:期|准)?年"
                      r"|基期(?:为|是|取|定为)\s*(\d{4})"),
        ("near_term_year", r"近期(?:为|至|到)?\s*(?:\d{4}\s*[-—–－~至到]+\s*)?(\d{4})"),
        ("vision_year", r"远景(?:展望)?(?:至|到)?\s*(\d{4})"),
    )
    for p in doc.body():
        for field_name, pattern in rules:
            if getattr(meta, field_name) is None:
                m = re.search(pattern, p.text)
                if m:
                    setattr(meta, field_name, int(next(g for g in m.groups() if g)))
                    meta.sources[field_name] = p.ordinal
        if meta.start is None:
            m = re.search(rf"规划期限(?:为|是)?\s*{YEAR_RANGE}", p.text)
            if m:
                meta.start, meta.end = int(m.group(1)), int(m.group(2))
                meta.sources["period"] = p.ordinal
        elif "period" not in meta.sources and re.search(rf"规划期限.*{meta.start}", p.text):
            meta.sources["period"] = p.ordinal
