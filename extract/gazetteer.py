"""Administrative divisions: official names and codes, short forms, misprints of rare characters.

The gazetteer is the NBS statistical division list (extract/data/*.csv). Linking a plan uses the
plan's own region: full and short names of every province and city, of the counties in the
plan's province, and of the townships in the plan's city. Township names with characters outside
GB2312 (e.g. 圐圙) also match when those characters are misprinted as any other Han character.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import jieba
import jieba.posseg as pseg

LEVEL_DIGITS = {"province": 2, "city": 4, "county": 6, "township": 9}
SUFFIXES = {
    "province": ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "县", "区", "市", "旗"),
    "township": ("街道", "镇", "乡"),
}
_PLACEHOLDER = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Division:
    code: str  # 2/4/6/9 digits
    name: str
    level: str  # province | city | county | township

    @property
    def parent_code(self) -> str | None:
        digits = {9: 6, 6: 4, 4: 2}.get(len(self.code))
        return self.code[:digits] if digits else None

    @property
    def full_code(self) -> str:
        """Six-digit GB/T 2260 form for provinces and cities (14 → 140000, 1406 → 140600)."""
        return self.code.ljust(6, "0") if len(self.code) < 6 else self.code


def short_form(name: str, level: str) -> str | None:
    for suffix in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def is_rare(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff"


class Gazetteer:
    def __init__(self) -> None:
        self.by_code: dict[str, Division] = {}
        data = files("plankg.extract.data")
        for fname, level in (("provinces.csv", "province"), ("cities.csv", "city"),
                             ("areas.csv", "county"), ("streets.csv", "township")):
            with data.joinpath(fname).open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["name"] not in _PLACEHOLDER:
                        self.by_code[row["code"]] = Division(row["code"], row["name"], level)
        self.by_name: dict[str, list[Division]] = {}
        for d in self.by_code.values():
            self.by_name.setdefault(d.name, []).append(d)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def parent(self, d: Division) -> Division | None:
        return self.by_code.get(d.parent_code) if d.parent_code else None

    def ancestors(self, d: Division) -> list[Division]:
        out, cur = [], self.parent(d)
        while cur is not None:
            out.append(cur)
            cur = self.parent(cur)
        return out

    def find_region(self, title: str) -> Division | None:
        """The unit a plan covers: the last of the nested division names its title starts with, largest first
        ("山西省朔州市…" → 朔州市, "应县某某镇国土空间规划" → 某某镇); each name the longest that fits there."""
        region: Division | None = None
        rest = title
        while (inner := self._leading(rest, region)) is not None:
            region, rest = inner, rest[len(inner.name):]
        return region

    def _leading(self, text: str, within: Division | None) -> Division | None:
        """The longest division name ``text`` starts with; after a region, only a division inside it."""
        best: Division | None = None
        for d in self.by_code.values():
            if within is not None and not (d.code.startswith(within.code) and d.code != within.code):
                continue
            if text.startswith(d.name) and (best is None or len(d.name) > len(best.name)):
                best = d
        return best

    def linker(self, region: Division | None) -> Linker:
        return _linker(self, region.code if region else "")


# districts named by a common word ("阳泉市矿区", "某市城区"): linked only after their city, like a county of another
# province — alone, "矿区" and "城区" are words of the text
GENERIC_AREA_NAMES = frozenset({"城区", "郊区", "矿区"})


class Linker:
    """Names → divisions for one plan region; leftmost-longest matching in text."""

    def __init__(self, gaz: Gazetteer, region_code: str):
        self.gaz = gaz
        self.exact: dict[str, Division] = {}
        self.short: dict[str, Division] = {}
        province = region_code[:2]
        city = region_code[:4] if len(region_code) >= 4 else ""
        ambiguous: set[str] = set()
        for d in gaz.by_code.values():
            if d.level == "county" and (not d.code.startswith(province) or d.name in GENERIC_AREA_NAMES):
                continue
            if d.level == "township" and not (city and d.code.startswith(city)):
                continue
            self._add(self.exact, d.name, d, ambiguous)
            sf = short_form(d.name, d.level)
            if sf:
                self._add(self.short, sf, d, ambiguous)
        for name in ambiguous:
            self.exact.pop(name, None)
            self.short.pop(name, None)
        # a county of another province links only after its province or city ("内蒙古自治区清水河县",
        # "忻州市偏关县" is linked anyway): by its full name, longest first
        self.qualified: dict[str, list[Division]] = {}
        for d in gaz.by_code.values():
            if d.level == "county" and (not d.code.startswith(province) or d.name in GENERIC_AREA_NAMES):
                for parent in (d.code[:2], d.code[:4]):
                    self.qualified.setdefault(parent, []).append(d)
        for counties in self.qualified.values():
            counties.sort(key=lambda d: len(d.name), reverse=True)
        self.misprints: list[tuple[re.Pattern, Division]] = []
        for d in gaz.by_code.values():
            if d.level == "township" and city and d.code.startswith(city) and any(is_rare(c) for c in d.name):
                pattern = "".join("[\u4e00-\u9fff]" if is_rare(c) else re.escape(c) for c in d.name)
                self.misprints.append((re.compile(pattern), d))
        # free text: exact names and short forms of counties and above (township short forms such as
        # "古城" are too often part of other names; they link only as whole list items or cells)
        scan = dict(self.exact)
        scan.update({k: v for k, v in self.short.items() if v.level != "township" and k not in scan})
        self.scan_names = scan
        alternatives = sorted(scan, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    @staticmethod
    def _add(table: dict[str, Division], name: str, d: Division, ambiguous: set[str]) -> None:
        prev = table.get(name)
        if prev is None:
            table[name] = d
        elif prev.code != d.code:
            # prefer the higher level (朔州 the city over a township of that name), else ambiguous
            if len(prev.code) != len(d.code):
                table[name] = prev if len(prev.code) < len(d.code) else d
            else:
                ambiguous.add(name)

    def resolve(self, name: str) -> Division | None:
        """A whole string (list item, table cell) → division, via exact, short or misprinted name."""
        name = name.strip()
        if name in self.exact:
            return self.exact[name]
        if name in self.short:
            return self.short[name]
        for pattern, d in self.misprints:
            if pattern.fullmatch(name):
                return d
        return None

    def runs_across(self, text: str, start: int, end: int) -> bool:
        """Does a division's name start inside text[start:end] and run past ``end``: a full name, or a township's
        short form of three characters or more ("南河|种镇", "漳河|店")? (Short forms of two, 河北 or 河西, run
        across too many river names: "青龙河北源".)"""
        for i in range(start, end):
            for n in range(max(2, end - i + 1), 7):
                word = text[i:i + n]
                if word in self.exact or (n >= 3 and getattr(self.short.get(word), "level", None) == "township"):
                    return True
        return False

    def find(self, text: str) -> list[tuple[int, int, str, Division]]:
        """All division mentions in free text: (start, end, printed form, division)."""
        hits: list[tuple[int, int, str, Division]] = []
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                if m.group() not in self.exact and not short_form_here(text, m.start(), m.end()):
                    continue
                hits.append((m.start(), m.end(), m.group(), self.scan_names[m.group()]))
        for pattern, d in self.misprints:
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e, _, _ in hits):
                    hits.append((m.start(), m.end(), m.group(), d))
        for _, end, _, d in sorted(hits):
            county = next((c for c in self.qualified.get(d.code, ()) if text.startswith(c.name, end)), None)
            if county is not None and not any(s < end + len(county.name) and end < e for s, e, _, _ in hits):
                hits.append((end, end + len(county.name), county.name, county))
        return sorted(hits)


CONJUNCTIONS = set("和与及并或")


def short_form_here(text: str, start: int, end: int) -> bool:
    """Is a short form ("和顺" for 和顺县) a mention here? Not when it starts or ends inside a word
    ("桑干|河源|头") or starts with a conjunction right after a noun ("…廊道|和顺源子河")."""
    if text[start] in CONJUNCTIONS and _noun_before(text[:start]):
        return False
    bounds = _word_bounds(text)
    return start in bounds and end in bounds


def _noun_before(text: str) -> bool:
    """Does ``text`` end in a noun (…廊道), after which 和 joins two things, rather than in a
    preposition or verb (加强与|和顺) whose object a name is?"""
    tail = text[-6:]
    words = list(pseg.cut(tail)) if tail and "\u4e00" <= tail[-1] <= "\u9fff" else []
    return bool(words) and words[-1].flag.startswith("n")


@lru_cache(maxsize=4096)
def _word_bounds(text: str) -> frozenset[int]:
    return frozenset(b for _, s, e in jieba.tokenize(text) for b in (s, e))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


@lru_cache(maxsize=64)
def _linker(gaz: Gazetteer, region_code: str) -> Linker:
    return Linker(gaz, region_code)
