"""Word's automatic numbering, written out: "第三条", "（二）", "1.2" that Word draws from the
numbering part rather than from the paragraph's text (python-docx's `paragraph.text` leaves them out).

Without it a plan whose articles or chapters are auto-numbered would lose the numbering its
sections come from. Supported: numbering set on the paragraph or on its style (and the styles it is
based on), multi-level texts ("%1.%2"), the usual number formats (decimal, Chinese counting, circled,
letters, Roman) and start values; bullets are left out (the text after them is what counts).
"""
from __future__ import annotations

from dataclasses import dataclass

import cn2an

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
                   "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"}


@dataclass(frozen=True)
class Level:
    fmt: str  # w:numFmt
    text: str  # w:lvlText, e.g. "第%1条"
    start: int
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never; None after any higher

    def restarts_after(self, ilvl: int) -> bool:
        """Does a new number at (0-based) level ``ilvl`` start this deeper level again? Articles
        (第X条) numbered through the whole text say no with lvlRestart 0."""
        return self.restart is None or (self.restart != 0 and ilvl <= self.restart - 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats."""
    if fmt in CHINESE_FORMATS:
        return cn2an.an2cn(n)
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= len(TIANGAN):
        return TIANGAN[n - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        out, rest = "", n
        for value, numeral in ROMAN:
            while rest >= value:
                out, rest = out + numeral, rest - value
        return out if fmt == "lowerRoman" else out.upper()
    return str(n)


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _level(lvl) -> Level:
    restart = _val(lvl, "lvlRestart")
    return Level(_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", int(_val(lvl, "start") or 1),
                 int(restart) if restart is not None else None)


class Numbering:
    """Counts auto-numbered paragraphs in document order and renders their numbers."""

    def __init__(self, numbering_root, styles_root):
        self.lists: dict[str, tuple[str, dict[int, Level]]] = {}  # numId → (abstractNumId, levels)
        self.styles = {s.get(W + "styleId"): s for s in styles_root.iter(W + "style")} if styles_root is not None else {}
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId → level → count (Word continues a list across its nums)
        if numbering_root is None:
            return
        abstracts = {a.get(W + "abstractNumId"): a for a in numbering_root.iter(W + "abstractNum")}
        for num in numbering_root.iter(W + "num"):
            abstract_id = _val(num, "abstractNumId")
            if abstract_id not in abstracts:
                continue
            levels = {int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in abstracts[abstract_id].iter(W + "lvl")}
            self.lists[num.get(W + "numId")] = (abstract_id, levels)

    def _num_pr(self, p) -> tuple[str | None, int]:
        """(numId, level) from the paragraph, else from its style and the styles that one is based on."""
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        seen: set[str] = set()
        while num_pr is None and style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            sppr = style.find(W + "pPr")
            num_pr = sppr.find(W + "numPr") if sppr is not None else None
            style_id = _val(style, "basedOn")
        if num_pr is None:
            return None, 0
        return _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)

    def prefix(self, p) -> str:
        """The number Word shows before paragraph element ``p`` ("" when it has none), counted."""
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id not in self.lists:
            return ""  # numId 0 switches numbering off
        abstract_id, levels = self.lists[num_id]
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(abstract_id, {})
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl and (k not in levels or levels[k].restarts_after(ilvl))]:
            del counts[deeper]  # a new chapter starts its sections again at one
        text = level.text
        for k in range(ilvl, -1, -1):  # %10 is not a thing in Word: levels are %1 … %9
            shown = levels.get(k, Level("decimal", "", 1))
            text = text.replace(f"%{k + 1}", format_number(counts.get(k, shown.start), shown.fmt))
        return text
