"""Import a scanned newspaper interview (问/答) into a clean article.

The scan has hard line breaks inside words, blank lines both between paragraphs
and where a column ended mid-sentence, and its title block (headlines, then the
lead paragraph) printed at the end. The importer:

- joins the lines of a paragraph;
- outside the title block, treats a blank line after a line that does not end a
  sentence (。？！ or a closing quotation mark) as a column break, not a paragraph break;
- makes each 问： a section heading and drops the 问：/答： markers;
- puts the title block first: the headlines in the front matter, the lead paragraph
  at the top of the body.

Usage (writes Markdown with front matter, ready for ``content/articles/``)::

    python -m site_plugins.scan SCAN.txt --slug qa-2024-08 --source "…" --date 2024-08 -o content/articles/qa.md
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SENTENCE_ENDS = ("。", "？", "！", "”", "’", "」", "』")
QUESTION, ANSWER = "问：", "答："


class ScanError(Exception):
    """The text does not have the shape of a scanned interview."""


@dataclass
class Section:
    question: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ScannedArticle:
    headlines: list[str]
    lead: str
    sections: list[Section]


def _join(lines: list[str]) -> str:
    """Join broken lines: no space between Chinese, one between Latin words."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def _groups(text: str) -> list[list[str]]:
    """Runs of non-blank lines, as the scan separates them with blank lines."""
    groups: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"):
        line = raw.strip()
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def parse(text: str) -> ScannedArticle:
    groups = _groups(text)
    if len(groups) < 3:
        raise ScanError("文字太短：应有正文、标题行和导语三部分")
    *body, headlines, lead = groups
    if any(line.endswith(SENTENCE_ENDS) for line in headlines):
        raise ScanError("末尾找不到标题块：倒数第二段应是几行标题（不以句号等结尾），最后一段是导语")

    paragraphs: list[list[str]] = []
    for group in body:
        if paragraphs and not paragraphs[-1][-1].endswith(SENTENCE_ENDS):
            paragraphs[-1].extend(group)  # a column break inside a sentence
        else:
            paragraphs.append(list(group))

    sections: list[Section] = []
    for paragraph in map(_join, paragraphs):
        if paragraph.startswith(QUESTION):
            sections.append(Section(paragraph[len(QUESTION):].strip()))
        elif not sections:
            raise ScanError(f"正文应以“{QUESTION}”开头，却是：{paragraph[:20]}")
        else:
            sections[-1].paragraphs.append(paragraph.removeprefix(ANSWER).strip())
    for section in sections:
        if not section.paragraphs:
            raise ScanError(f"问题“{section.question}”没有回答")
    return ScannedArticle(headlines=headlines, lead=_join(lead), sections=sections)


def to_markdown(article: ScannedArticle, *, slug: str, source: str, date: str, order: int) -> str:
    meta = {
        "slug": slug,
        "title": article.headlines[-1],
        "headlines": article.headlines,
        "verbatim": True,
        "source": source,
        "date": date,
        "order": order,
    }
    parts = ["---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---", article.lead]
    for section in article.sections:
        parts.append(f"## {section.question}")
        parts.extend(section.paragraphs)
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_plugins.scan", description="把扫描的答记者问文字整理成文章")
    parser.add_argument("scan", type=Path, help="扫描得到的文字文件（UTF-8）")
    parser.add_argument("--slug", required=True, help="文章的固定网址名")
    parser.add_argument("--source", required=True, help="出处")
    parser.add_argument("--date", required=True, help="日期，来源只到月份的写 YYYY-MM")
    parser.add_argument("--order", type=int, default=1, help="文章排序")
    parser.add_argument("-o", "--output", type=Path, help="写到这个文件（默认输出到屏幕）")
    args = parser.parse_args(argv)
    try:
        article = parse(args.scan.read_text(encoding="utf-8-sig"))
    except (ScanError, OSError, UnicodeDecodeError) as err:
        print(f"{args.scan}: {err}", file=sys.stderr)
        return 2
    markdown = to_markdown(article, slug=args.slug, source=args.source, date=args.date, order=args.order)
    if args.output:
        args.output.write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
