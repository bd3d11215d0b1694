"""Typed output of the reading stage: a plan document split into sections and passages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Passage:
    """One identified text unit: a heading, paragraph, list item or table row."""

    ordinal: int  # position in the document; the stable id within one document version
    kind: str  # title | toc | heading | paragraph | item | table-row | table-header | table-group | table-title
    # (table-group: a row that only labels the rows below it, "一、底线管控"; not one of its table's data rows)
    text: str  # as printed, list marker removed for items
    start: int  # character offsets into PlanDocument.text
    end: int
    section: str  # key of the containing Section
    cells: tuple[str, ...] = ()  # table rows only
    table: int | None = None  # table index, table rows only
    heading: str = ""  # nearest unnumbered sub-heading above this passage (context)
    parent: int | None = None  # items only: the item this one is nested under (indented bullets)

    @property
    def id(self) -> str:
        return f"p{self.ordinal:04d}"


@dataclass
class Section:
    """A chapter ("01 规划概述") or numbered section ("3.4 城镇空间"); repeats merge into one."""

    key: str  # "front", "1", "1.1", ...
    number: str
    title: str
    level: int  # 0 front matter, 1 chapter, 2 section, 3 subsection
    parent: str | None
    passages: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class Table:
    index: int
    title: str
    header: tuple[str, ...]
    rows: list[int] = field(default_factory=list)  # passage ordinals of data rows


@dataclass
class PlanDocument:
    path: Path
    text: str
    passages: list[Passage]
    sections: dict[str, Section]
    tables: list[Table]

    @property
    def name(self) -> str:
        return self.path.name

    def passage(self, ordinal: int) -> Passage:
        return self.passages[ordinal]

    def section_of(self, p: Passage) -> Section:
        return self.sections[p.section]

    def body(self) -> list[Passage]:
        """Passages outside the table of contents."""
        return [p for p in self.passages if p.kind != "toc"]
