"""Synthetic content for the scaling benchmark: the real ``content/`` multiplied k times.

    .venv/bin/python bench/synth.py 3 /tmp/content-3x           # write it
    .venv/bin/python bench/synth.py 3 /tmp/content-3x --check   # and load it with the site's loader

Copy r (r = 0 … k−1) of the regulation is the whole of ``content/`` again: 21 provisions, and
with them their official sentences and paraphrases, quiz items, glossary terms, FAQ entries and
articles, so that references, terms and quiz items grow in proportion. Two layouts:

- ``keep`` (the default): the 7 parts stay; part p holds its provisions k times over, copy after
  copy, numbered through (at 10×, part 1 holds provisions 1–30 and so on, 210 in all);
- ``scale``: copy r brings its own 7 parts, 7r+1 … 7r+7, and provisions 21r+1 … 21r+21 (70
  parts at 10×). The site fails on it from the 11th part on (see bench/SCALE.md).

In copy r:

- slugs and ids gain ``-x{r+1}`` (copy 0 keeps them); provision numbers (and related, candidate,
  FAQ and quiz provision numbers) follow the layout;
- references are renumbered: ``[[第9条]]``, ``[[第九条]]``, ``[[第三部分]]`` and the plain mentions
  the site links (第9条 in Arabic numerals, 第三部分 / 第3部分) point into the same copy;
  ``[[问:…]]``, ``[[文:…]]``, ``[[词:…]]`` and ``[[原文:…]]`` name the copy's own targets;
- glossary terms are renamed ``千分制（合成2）`` and so on (a term's names must be unique), and
  so is every mention of them in the copy's text, so each copy links its own terms;
- the sources list, the notices and the timeline are the real ones, once (they are records of
  real documents, not content that grows with the number of provisions).

All of it is placeholder text and says so: every paragraph, heading and list item of every body
and every text field readers see (headings, titles, questions, options, explanations, key
points, cases, notes, definitions, the official sentences themselves, the notice on every page)
begins with ``MARK``. Copy 0 is marked too: nothing here is the regulation's wording or the site's
reading of it. Only names matched in running text (term names and aliases, keywords) and the
answers of blanks are left without the mark. Sources, notices and timeline are copied unchanged.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_plugins.crossref import chinese_number  # noqa: E402
from site_plugins.markdown import QUOTE, normalize  # noqa: E402

#: Starts every piece of synthetic text. Passes the site's leak check (site_plugins/leaks.py).
MARK = "【基准合成内容】"
PARTS, PROVISIONS = 7, 21  # of the real content; checked when reading it

_BRACKET = re.compile(r"\[\[(?!原文[:：])\s*([^\]|｜]+?)\s*(?:([|｜])([^\]]*))?\]\]")
_PLAIN = re.compile(r"第([0-9]{1,3})条|第([0-9]{1,3}|[一二三四五六七八九十]{1,3})部分")
_REF = re.compile(r"^第(\S+?)(条|部分)$|^(问|文|词)\s*([:：])\s*(\S+)$")
_LINE_START = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)")


class Copy:
    """How copy ``r`` of the content renames and renumbers what it takes from the real content."""

    def __init__(self, r: int, term_names: list[str], sentence_texts: dict[str, str],
                 numbers: dict[int, int], part_shift: int):
        self.r = r
        self.numbers = numbers  # a provision's number in the real content → its number in this copy
        self.part_shift = part_shift
        self.suffix = f"-x{r + 1}" if r else ""
        self.term_suffix = f"（合成{r + 1}）" if r else ""
        # Longest first, so that 双千分制 is renamed as a whole and not as 双 + 千分制.
        names = sorted(set(term_names), key=len, reverse=True)
        self.terms = re.compile("|".join(map(re.escape, names))) if r and names else None
        self.sentences = sentence_texts  # copy-0 id → the real text, to check renamed fragments
        self.fallbacks = 0  # fragments that could not be renamed consistently: quoted whole instead

    # -- names and numbers ---------------------------------------------------

    def slug(self, slug: str) -> str:
        return slug + self.suffix

    def provision(self, n):
        return None if n is None else self.numbers.get(n, n)

    def part(self, n):
        return None if n is None else n + self.part_shift

    def provisions(self, numbers: list) -> list:
        return [self.provision(n) for n in numbers or []]

    def rename(self, text: str) -> str:
        """Term names in ``text`` → this copy's names."""
        return self.terms.sub(lambda m: m[0] + self.term_suffix, text) if self.terms else text

    def sentence_text(self, text: str) -> str:
        """An official sentence as this copy shows it: marked, its terms renamed."""
        return MARK + self.rename(text)

    # -- text ----------------------------------------------------------------

    def text(self, text: str) -> str:
        """Markdown or plain text of copy 0 → this copy's: references renumbered, terms renamed (no mark)."""
        out, at = [], 0
        for m in QUOTE.finditer(text):
            out.append(self._outside_quotes(text[at:m.start()]))
            out.append(self._quote(m))
            at = m.end()
        out.append(self._outside_quotes(text[at:]))
        return "".join(out)

    def _quote(self, m: re.Match) -> str:
        sid, fragment = m[1], m[2]
        if sid not in self.sentences:  # not an id of the sentences file: leave it
            return m[0]
        new_id = self.slug(sid)
        if fragment is None:
            return f"[[原文:{new_id}]]"
        renamed = self.rename(fragment)
        if normalize(renamed) in normalize(self.sentence_text(self.sentences[sid])):
            return f"[[原文:{new_id}|{renamed}]]"
        self.fallbacks += 1
        return f"[[原文:{new_id}]]"

    def _outside_quotes(self, text: str) -> str:
        out, at = [], 0
        for m in _BRACKET.finditer(text):
            out.append(self._plain(text[at:m.start()]))
            out.append(self._bracket(m))
            at = m.end()
        out.append(self._plain(text[at:]))
        return "".join(out)

    def _bracket(self, m: re.Match) -> str:
        ref, bar, label = m[1], m[2] or "", self.rename(m[3] or "")
        match = _REF.match(ref.strip())
        if match and match[1]:
            n = chinese_number(match[1])
            if n is not None:
                ref = f"第{self.provision(n) if match[2] == '条' else self.part(n)}{match[2]}"
        elif match:
            ref = f"{match[3]}{match[4]}{self.slug(match[5])}"
        return f"[[{ref}{bar}{label}]]"

    def _plain(self, text: str) -> str:
        def shift(m: re.Match) -> str:
            if m[1]:
                return f"第{self.provision(int(m[1]))}条"
            n = chinese_number(m[2])
            return f"第{self.part(n)}部分" if n is not None else m[0]

        return self.rename(_PLAIN.sub(shift, text))

    def marked(self, text: str | None) -> str | None:
        """A one-paragraph text field: transformed, and marked."""
        return None if text is None else MARK + self.text(str(text))

    def body(self, text: str | None) -> str | None:
        """A Markdown body: transformed, each paragraph line, heading and list item marked."""
        if text is None:
            return None
        lines = []
        for line in self.text(text).split("\n"):
            if line.strip() and not line.lstrip().startswith(("|", "```", "<")):
                lead = _LINE_START.match(line)[1]
                line = lead + MARK + line[len(lead):]
            lines.append(line)
        return "\n".join(lines)


# -- files ----------------------------------------------------------------------


def read_md(file: Path) -> tuple[dict, str]:
    text = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def write_md(file: Path, meta: dict, body: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def write_yaml(file: Path, data: dict) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _texts(c: Copy, values) -> list:
    return [c.marked(v) for v in values or []]


def part_file(c: Copy, meta: dict, body: str) -> tuple[dict, str]:
    meta = dict(meta, number=c.part(meta["number"]), slug=c.slug(meta["slug"]), title=c.marked(meta["title"]))
    if meta.get("teaching_note"):
        meta["teaching_note"] = c.body(meta["teaching_note"])
    return meta, c.body(body)


def provision_file(c: Copy, meta: dict, body: str, sentence_ids: set[str]) -> tuple[dict, str]:
    m = dict(meta)
    m["number"], m["part"], m["slug"] = c.provision(meta["number"]), c.part(meta["part"]), c.slug(meta["slug"])
    m["heading"] = c.marked(meta["heading"])
    for key in ("certainty_note",):
        if meta.get(key):
            m[key] = c.marked(meta[key])
    for key in ("previous_numbers", "related"):
        if key in meta:
            m[key] = c.provisions(meta[key])
    if "keywords" in meta:
        m["keywords"] = [c.text(k) for k in meta["keywords"] or []]
    if "measures" in meta:
        m["measures"] = [dict(x, text=c.marked(x["text"]), **({"new": c.marked(x["new"])} if x.get("new") else {}))
                         for x in meta["measures"] or []]
    if "problems" in meta:
        m["problems"] = [dict(x, text=c.marked(x["text"])) for x in meta["problems"] or []]
    if "cases" in meta:  # the notice is a real one, shared by every copy
        m["cases"] = [dict(x, text=c.marked(x["text"])) for x in meta["cases"] or []]
    if "key_points" in meta:
        m["key_points"] = [dict(x, text=c.marked(x["text"]),
                                **{"from": c.slug(x["from"]) if x["from"] in sentence_ids else x["from"]})
                           for x in meta["key_points"] or []]
    for key in ("discussion", "open_questions"):
        if key in meta:
            m[key] = _texts(c, meta[key])
    return m, c.body(body)


def faq_file(c: Copy, meta: dict, body: str) -> tuple[dict, str]:
    m = dict(meta, slug=c.slug(meta["slug"]), question=c.marked(meta["question"]),
             provisions=c.provisions(meta["provisions"]))
    if "provisions_inferred" in meta:
        m["provisions_inferred"] = c.provisions(meta["provisions_inferred"])
    return m, c.body(body)


def article_file(c: Copy, meta: dict, body: str) -> tuple[dict, str]:
    m = dict(meta, slug=c.slug(meta["slug"]), title=c.marked(meta["title"]), source=c.marked(meta["source"]))
    if meta.get("subtitle"):
        m["subtitle"] = c.marked(meta["subtitle"])
    if "headlines" in meta:
        m["headlines"] = _texts(c, meta["headlines"])
    return m, c.body(body)


def quiz_items(c: Copy, items: list) -> list:
    out = []
    for item in items:
        x = dict(item, id=c.slug(item["id"]), provisions=c.provisions(item["provisions"]),
                 question=c.marked(item["question"]), explanation=c.marked(item["explanation"]))
        if item.get("options"):
            x["options"] = _texts(c, item["options"])
        out.append(x)
    return out


def sentence_records(c: Copy, records: list) -> list:
    out = []
    for s in records:
        x = dict(s, id=c.slug(s["id"]), part=c.part(s.get("part")), provision=c.provision(s.get("provision")),
                 text=c.sentence_text(s["text"]))
        if s.get("candidates"):
            x["candidates"] = c.provisions(s["candidates"])
        if s.get("note"):
            x["note"] = c.marked(s["note"])
        out.append(x)
    return out


def glossary_terms(c: Copy, terms: list) -> list:
    return [dict(t, slug=c.slug(t["slug"]), term=c.rename(t["term"]),
                 **({"aliases": [c.rename(a) for a in t["aliases"]]} if t.get("aliases") else {}),
                 definition=c.marked(t["definition"]), where=c.marked(t["where"]))
            for t in terms]


LAYOUTS = ("keep", "scale")


def numbering(k: int, part_of: dict[int, int], layout: str) -> list[tuple[dict[int, int], int]]:
    """For each copy: its provisions' numbers (real number → new) and how far its parts shift.

    ``scale``: copy r has parts 7r+1 … 7r+7 and provisions 21r+1 … 21r+21.
    ``keep``: the 7 parts stay, each holding its provisions k times over (copy after copy), so
    that the provisions still follow each other part by part.
    """
    if layout == "scale":
        return [({n: n + PROVISIONS * r for n in part_of}, PARTS * r) for r in range(k)]
    maps: list[dict[int, int]] = [{} for _ in range(k)]
    number = 0
    for part in sorted(set(part_of.values())):
        for r in range(k):
            for n in sorted(n for n in part_of if part_of[n] == part):
                number += 1
                maps[r][n] = number
    return [(m, 0) for m in maps]


def make(k: int, dest: Path, source: Path = ROOT / "content", layout: str = "keep") -> dict:
    """Write content at ``k`` times the real content's size into ``dest`` (emptied first); return counts.
    ``layout``: ``keep`` the 7 parts (k·3 provisions each on average) or ``scale`` them to 7k (see numbering)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    parts = [read_md(f) for f in sorted((source / "parts").glob("*.md"))]
    provisions = [read_md(f) for f in sorted((source / "provisions").glob("*.md"))]
    if (len(parts), len(provisions)) != (PARTS, PROVISIONS):
        raise SystemExit(f"real content has {len(parts)} parts and {len(provisions)} provisions, not {PARTS} and {PROVISIONS}")
    faqs = [read_md(f) for f in sorted((source / "faq").glob("*.md")) if f.name.lower() != "readme.md"]
    articles = [read_md(f) for f in sorted((source / "articles").glob("*.md")) if f.name.lower() != "readme.md"]
    quiz = [(f.stem, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in sorted((source / "quiz").glob("*.yml"))]
    glossary = yaml.safe_load((source / "glossary.yml").read_text(encoding="utf-8"))
    sentences = yaml.safe_load((source / "sources/official-sentences.yml").read_text(encoding="utf-8"))
    sentence_ids = {s["id"] for s in [*sentences["sentences"], *(sentences.get("paraphrases") or [])]}
    texts = {s["id"]: s["text"] for s in [*sentences["sentences"], *(sentences.get("paraphrases") or [])]}
    term_names = [name for t in glossary["terms"] for name in [t["term"], *(t.get("aliases") or [])]]

    # What stays once: the regulation itself (its notice marked), sources, notices, timeline.
    meta, body = read_md(source / "regulation.md")
    notice = f"{MARK}本站此处是基准测试用的合成占位内容，不是规定的原文，也不是对规定的解读"
    part_of = {m["number"]: m["part"] for m, _ in provisions}
    copies = numbering(k, part_of, layout)
    c0 = Copy(0, term_names, texts, *copies[0])
    write_md(dest / "regulation.md", dict(meta, notice=notice), c0.body(body))
    for name in ("sources/sources.yml", "sources/notices.yml", "timeline.yml"):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, dest / name)

    all_sentences, all_paraphrases, all_terms = [], [], []
    fallbacks = 0
    counts = {"parts": 0, "provisions": 0, "faqs": 0, "articles": 0, "quiz": 0, "terms": 0, "sentences": 0}
    for r in range(k):
        c = Copy(r, term_names, texts, *copies[r])
        for m, b in parts if layout == "scale" or r == 0 else []:
            m, b = part_file(c, m, b)
            write_md(dest / "parts" / f"{m['number']:03d}.md", m, b)
            counts["parts"] += 1
        for m, b in provisions:
            m, b = provision_file(c, m, b, sentence_ids)
            write_md(dest / "provisions" / f"{m['number']:03d}.md", m, b)
        for m, b in faqs:
            m, b = faq_file(c, m, b)
            write_md(dest / "faq" / f"{m['slug']}.md", m, b)
        for m, b in articles:
            m, b = article_file(c, m, b)
            write_md(dest / "articles" / f"{m['slug']}.md", m, b)
        for stem, data in quiz:
            items = quiz_items(c, data["items"])
            write_yaml(dest / "quiz" / f"{stem}{c.suffix}.yml", {"items": items})
            counts["quiz"] += len(items)
        all_sentences += sentence_records(c, sentences["sentences"])
        all_paraphrases += sentence_records(c, sentences.get("paraphrases") or [])
        all_terms += glossary_terms(c, glossary["terms"])
        fallbacks += c.fallbacks
        counts["provisions"] += len(provisions)
        counts["faqs"] += len(faqs)
        counts["articles"] += len(articles)
    write_yaml(dest / "sources/official-sentences.yml", {"sentences": all_sentences, "paraphrases": all_paraphrases})
    write_yaml(dest / "glossary.yml", {"terms": all_terms})
    counts.update(terms=len(all_terms), sentences=len(all_sentences) + len(all_paraphrases),
                  whole_quotes_instead_of_fragments=fallbacks)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="合成 k 倍的内容（基准测试用占位内容）")
    parser.add_argument("k", type=int, help="倍数，如 1、3、10")
    parser.add_argument("dest", type=Path, help="写入的文件夹（先清空）")
    parser.add_argument("--layout", choices=LAYOUTS, default="keep",
                        help="keep：保持7个部分，每部分的条数乘 k（默认）；scale：部分也乘 k（7k 个部分）")
    parser.add_argument("--check", action="store_true", help="写完后用本站的读取和校验程序读一遍")
    args = parser.parse_args()
    counts = make(args.k, args.dest, layout=args.layout)
    print(counts)
    if args.check:
        from site_plugins.load import load
        from site_plugins.problems import ContentErrors

        try:
            reg = load(args.dest)
        except ContentErrors as errors:
            print(errors.report())
            raise SystemExit(1)
        print(f"读取通过：{len(reg.parts)} 个部分，{len(reg.provisions)} 条，{len(reg.quiz)} 道题，"
              f"{len(reg.glossary)} 个术语，{sum(len(p.cited_by) for p in reg.provisions)} 处“被引用”")


if __name__ == "__main__":
    main()
