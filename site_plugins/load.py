"""Content files to the model: read every file, check everything, report every problem.

``load(content_dir)`` returns a :class:`~site_plugins.model.Regulation` or raises
:class:`~site_plugins.problems.ContentErrors` listing every problem found, each
with file, line and field. How many parts and provisions there are comes from
the content, not from this code.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable


from . import fulltext, leaks, quiz, schema
from . import crossref
from .integrity import NOTICES_FILE, SOURCES_FILE, Integrity, no_such_part, no_such_provision
from .markdown import QUOTE, REFERENCE, BodyRenderer, plain_text
from .model import (
    Article,
    Case,
    Event,
    FaqEntry,
    GlossaryTerm,
    KeyPoint,
    QuizItem,
    Measure,
    Notice,
    Origin,
    Paraphrase,
    Part,
    Prose,
    Problem,
    Provision,
    Regulation,
    Sentence,
    SourceEntry,
)
from .problems import Collector, ContentErrors, ContentProblem
from .source import Document, read_markdown, read_text, read_yaml

SENTENCES_FILE = "sources/official-sentences.yml"
TIMELINE_FILE = "timeline.yml"
GLOSSARY_FILE = "glossary.yml"
QUIZ_DIR = "quiz"
BODY = "正文"


class _Loader(Integrity):
    def __init__(self, content_dir: Path, allow_test_placeholders: bool = False):
        self.dir = content_dir
        self.allow_test_placeholders = allow_test_placeholders  # a test's synthetic release (fulltext.PLACEHOLDER)
        self.provision_docs: dict[str, Document] = {}
        self.problems = Collector()
        self.incomplete = False  # some file could not be read: skip checks across files
        self.printed: list[schema.Printed] = []  # every piece of text readers will see, with its place
        self.number_lines: dict[str, int] = {}  # the line of each numbered file's number, for gap messages
        self.by_number: dict[int, Provision] = {}  # the provisions by number, once they are read
        self.bodies: list[Prose] = []  # every body parsed, in order: the linking pass must render each

    def rel(self, file: Path) -> str:
        return file.relative_to(self.dir.parent).as_posix()

    # -- reading ------------------------------------------------------------

    def read(self, file: Path, spec: dict, reader: Callable = read_markdown) -> tuple[Document, dict] | None:
        """Read and check one file; None if it cannot be read at all.

        A field with a wrong value is reported and comes back empty, so that the
        rest of the file is still checked. A file that cannot be read makes the
        content incomplete: checks across files are then skipped, since they
        would only report what the unreadable file would have supplied.
        """
        rel = self.rel(file)
        doc = self.opened(reader, file, rel)
        if doc is None:
            return None
        fields = schema.Checker(doc.meta, rel, self.problems, self.printed).record(doc.meta.data, spec)
        doc.auto_links = fields.get("auto_links", True)
        return doc, fields

    def opened(self, reader: Callable, file: Path, rel: str):
        """``reader``'s reading of ``file``; None, and the content incomplete, if it cannot be read."""
        try:
            return reader(file, rel, self.dir.parent)
        except ContentProblem as problem:
            self.problems.problems.append(problem)
            self.incomplete = True
            return None

    def read_all(self, folder: str, spec: dict) -> list[tuple[Document, dict]]:
        files = sorted((self.dir / folder).glob("*.md")) if (self.dir / folder).is_dir() else []
        return [r for r in (self.read(f, spec) for f in files if f.name.lower() != "readme.md") if r]

    def body(self, doc: Document, what: str) -> Prose:
        if not doc.body.strip():
            self.problems.add(doc.path, doc.body_line, BODY, f"不能为空（应写{what}）")
            return Prose.empty()
        for n, line in enumerate(doc.body.split("\n")):
            if line.strip():
                self.printed.append(schema.Printed(line, doc.path, doc.body_line + n, BODY))
        return self.markdown(doc, doc.body, doc.body_line)

    def markdown(self, doc: Document, text: str, line: int, inline: bool = False) -> Prose:
        prose = Prose(self.renderer.parse(text, doc.path, line, self.problems, inline=inline, auto_links=doc.auto_links))
        self.bodies.append(prose)
        return prose

    def inline(self, doc: Document, path: tuple, text: str) -> Prose:
        return self.markdown(doc, text, doc.meta.line(*path), inline=True)

    # -- the whole ----------------------------------------------------------

    def load(self) -> Regulation:
        if not self.dir.is_dir():
            raise ContentErrors([ContentProblem(str(self.dir), 1, None, "找不到内容文件夹")])
        sentences, paraphrases = self.load_sentences()
        release = self.load_release()
        release_sentences = [fulltext.sentence_for(r) for r in release.provisions] if release else []
        # Without readable sentences, quotations cannot be checked: skip that, report the rest.
        self.renderer = BodyRenderer({s.id: s for s in [*(sentences or []), *release_sentences]},
                                     check=sentences is not None,
                                     paraphrases={p.id for p in paraphrases})
        sentences = sentences or []
        regulation = self.load_regulation()
        notices = self.load_records(NOTICES_FILE, schema.NOTICES_FILE, "notices", self.notice)
        parts = self.load_parts()
        provisions = self.load_provisions(parts)
        revisions = []
        if release and not self.incomplete and sentences and not self.problems.problems:
            revisions = fulltext.reconcile(release, parts, provisions, sentences, self.problems, self.field_line)
        self.link_cases(provisions, notices, regulation.get("issued", ""))
        self.place_sentences(sentences, paraphrases, parts, provisions)
        if release and not self.problems.problems:
            full = {s.provision: s for s in release_sentences}
            for p in provisions:  # the 原文 block shows the whole provision; the fragments stay quotable
                p.sentences = [full[p.number]] if p.number in full else p.sentences
        articles = self.load_articles()
        faqs = self.load_faqs()
        sources = self.load_records(SOURCES_FILE, schema.SOURCES_FILE, "sources", self.source_entry)
        timeline = self.load_records(TIMELINE_FILE, schema.TIMELINE_FILE, "events", self.event)
        glossary = self.load_records(GLOSSARY_FILE, schema.GLOSSARY_FILE, "terms", self.term)
        self.check_glossary(glossary)
        quiz = self.load_quiz()
        # The full text is cited as the release the sentences list already cites (its 来源等级一 source).
        release_source = next((s.cited_source for s in sentences if s.kind == fulltext.KIND and s.cited_source), None)
        for s in release_sentences:
            s.cited_source = release_source
        self.link_bases(sentences, paraphrases, sources, notices, provisions)
        self.check_leaks(internal_ids(sentences, paraphrases, sources, notices, quiz))
        if not regulation:
            self.problems.raise_if_any()
        whole = Regulation(
            **regulation, parts=parts, provisions=provisions, sentences=sentences,
            release=release, release_sentences=release_sentences,
            paraphrases=paraphrases, articles=articles, faqs=faqs, sources=sources, notices=notices,
            # A date known only to the month sorts after that month's days; undated ones go last.
            timeline=sorted(timeline, key=lambda e: (not e.date, e.date + "-99" * (2 - e.date.count("-")))),
            glossary=glossary,
            quiz=quiz,
        )
        if release:
            whole.revisions = revisions + fulltext.to_revise(whole, self.printed, self.field_line)
        self.finish(whole)
        self.problems.raise_if_any()
        return whole

    # -- references and rendering, on the whole model -------------------------

    def finish(self, reg: Regulation) -> None:
        """The linking pass over the whole model; then every body parsed must have been rendered."""
        # With a file unread or numbers broken, a missing target is that problem again, not a new one.
        crossref.link(reg, self.renderer, Collector() if self.incomplete else self.problems)
        missed = [prose.parsed for prose in self.bodies if not prose.linked]
        if missed:  # a body the linking pass does not list among its page's: a bug, not a content error
            raise RuntimeError("未渲染的正文：" + "、".join(f"{b.rel}:{b.first_line}" for b in missed))

    def load_quiz(self) -> list[QuizItem]:
        """Every quiz item under quiz/, checked: answers among the options, ids unique, provisions real."""
        items: list[QuizItem] = []
        seen: dict[str, str] = {}  # id → where it is used
        folder = self.dir / QUIZ_DIR
        for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            read = self.read(file, schema.QUIZ_FILE, reader=read_yaml)
            if not read:
                continue
            doc, fields = read
            for i, r in enumerate(fields["items"]):
                where = ("items", i)
                if r["id"] in seen:
                    self.problem(doc, where + ("id",), f"items[{i + 1}].id", f"编号 {r['id']} 已在 {seen[r['id']]} 使用")
                seen[r["id"]] = f"{doc.path}:{doc.meta.line(*where, 'id')}"
                answer, message = quiz.check_answer(r["type"], r["options"], r["answer"])
                if message:
                    self.problem(doc, where + ("answer",), f"items[{i + 1}].answer", message)
                if not r["provisions"]:
                    self.problem(doc, where, f"items[{i + 1}].provisions", "至少要属于一条")
                if r["difficulty"] not in quiz.DIFFICULTY_LABELS:
                    self.problem(doc, where + ("difficulty",), f"items[{i + 1}].difficulty",
                                 f"应为 1（易）、2（中）或 3（难），现为「{r['difficulty']}」")
                repeated = sorted({o for o in r["options"] if r["options"].count(o) > 1})
                if repeated:
                    self.problem(doc, where + ("options",), f"items[{i + 1}].options", f"选项「{'、'.join(repeated)}」重复")
                item = QuizItem(
                    id=r["id"], provision_numbers=r["provisions"], type=r["type"], question=r["question"],
                    options=r["options"], answer=answer, accepted=r["accepted"],
                    explanation=self.inline(doc, where + ("explanation",), r["explanation"]),
                    passage=r["passage"], difficulty=r["difficulty"], origin=Origin(doc.path, doc.meta.line(*where)),
                    tests=r["tests"],
                )
                item.provisions = self.provisions_named(
                    doc, where + ("provisions",), f"items[{i + 1}].provisions", r["provisions"])
                items.append(item)
        return items

    def term(self, doc: Document, i: int, r: dict) -> GlossaryTerm:
        definition = self.inline(doc, ("terms", i, "definition"), r["definition"])
        return GlossaryTerm(
            slug=r["slug"], term=r["term"], aliases=r["aliases"], plain_definition=plain_text(definition.parsed),
            definition=definition,
            basis=r["basis"], where=r["where"], origin=Origin(doc.path, doc.meta.line("terms", i)),
        )

    def load_regulation(self) -> dict:
        file = self.dir / "regulation.md"
        if not file.exists():
            self.problems.add(self.rel(file), 1, None, "缺少本规定的总说明文件")
            return {}
        read = self.read(file, schema.REGULATION)
        if not read:
            return {}
        doc, fields = read
        return dict(fields, intro=self.body(doc, "本规定的简介"), origin=Origin(doc.path))

    def load_sentences(self) -> tuple[list[Sentence] | None, list[Paraphrase]]:
        file = self.dir / SENTENCES_FILE
        if not file.exists():
            self.problems.add(self.rel(file), 1, None, "缺少原文句子数据文件")
            return None, []
        read = self.read(file, schema.SENTENCES_FILE, reader=read_yaml)
        if not read:
            return None, []
        doc, fields = read
        self.sentence_doc = doc
        seen: dict[str, int] = {}
        sentences = []
        for i, s in enumerate(fields["sentences"]):
            line = doc.meta.line("sentences", i)
            if s["id"] in seen:
                self.problem(doc, ("sentences", i, "id"), f"sentences[{i + 1}].id", f"编号 {s['id']} 与第{seen[s['id']]}行重复")
            seen[s["id"]] = line
            sentences.append(Sentence(
                id=s["id"], part=s["part"], provision=s["provision"], placement=s["placement"],
                candidates=s["candidates"], kind=s["kind"], from_id=s["from"], source=s["source"], text=s["text"],
                complete=s["complete"], note=s["note"], origin=Origin(doc.path, line),
            ))
        paraphrases = [
            Paraphrase(id=p["id"], part=p["part"], provision=p["provision"], from_id=p["from"], source=p["source"],
                       text=p["text"], origin=Origin(doc.path, doc.meta.line("paraphrases", i)))
            for i, p in enumerate(fields["paraphrases"])
        ]
        return sentences, paraphrases

    def numbered(self, doc: Document, f: dict, seen: dict, what: str) -> bool:
        """Whether this file's number can be used: present, positive and not taken."""
        number = f["number"]
        self.number_lines[doc.path] = doc.meta.line("number")
        if number is None:
            self.incomplete = True
        elif number in seen:
            self.problem(doc, ("number",), "number", f"{what.format(number)}与 {seen[number].origin.path} 重复")
            self.incomplete = True
        elif number < 1:
            self.problem(doc, ("number",), "number", "编号应从1开始")
            self.incomplete = True
        else:
            return True
        return False

    def load_records(self, name: str, spec: dict, key: str, make: Callable) -> list:
        """An optional YAML file holding a list of records under ``key``."""
        file = self.dir / name
        if not file.exists():
            return []
        read = self.read(file, spec, reader=read_yaml)
        if not read:
            return []
        doc, fields = read
        return [make(doc, i, record) for i, record in enumerate(fields[key])]

    def source_entry(self, doc: Document, i: int, r: dict) -> SourceEntry:
        what = self.inline(doc, ("sources", i, "what"), r["what"])
        return SourceEntry(r["id"], r["title"], r["urls"], what, Origin(doc.path, doc.meta.line("sources", i)),
                           reposts=r["reposts"])

    def event(self, doc: Document, i: int, r: dict) -> Event:
        what = self.inline(doc, ("events", i, "what"), r["what"])
        return Event(r["date"], r["title"], what, r["source"], r["urls"], Origin(doc.path, doc.meta.line("events", i)))

    def notice(self, doc: Document, i: int, r: dict) -> Notice:
        return Notice(r["id"], r["date"], r["level"], r["site"], r["title"], r["url"],
                      Origin(doc.path, doc.meta.line("notices", i)), tags=r["tags"])

    def check_leaks(self, ids: set[str]) -> None:
        """Report every piece of printed text that would show readers markup, a file name or an internal id."""
        for printed in self.printed:
            # Entities are Markdown here (&lt; shows as <); visible ones are caught on the built pages.
            for leak in leaks.find(_without_markup(printed.text), ids, markdown=True):
                self.problems.add(printed.path, printed.line, printed.field,
                                  f"读者会看到{leak}：{leaks.ADVICE[leak.kind]}")

    def load_release(self) -> fulltext.Release | None:
        """The full text, once an editor has added it (sources/full-text.txt); None until then."""
        file = self.dir / fulltext.FILE
        if not file.exists():
            return None
        rel = self.rel(file)
        text = self.opened(read_text, file, rel)
        if text is None:
            return None
        release = fulltext.parse(text, rel, self.problems)
        if release is None:
            self.incomplete = True
        elif not self.allow_test_placeholders:
            for line in fulltext.placeholders(release):
                self.problems.add(rel, line, None, f"全文里有测试用占位句（{fulltext.PLACEHOLDER}），"
                                  "这不是规定的原文，不能发布；请换成新华社受权发布稿的原文")
        return release

    def field_line(self, provision: Provision, name: str, *index) -> int:
        """The line of a provision file's front-matter field (or of its ``index``-th item)."""
        doc = self.provision_docs.get(provision.origin.path)
        return doc.meta.line(name, *index) if doc else 1

    def load_parts(self) -> list[Part]:
        parts: dict[int, Part] = {}
        slugs: dict[str, str] = {}
        for doc, f in self.read_all("parts", schema.PART):
            if not self.numbered(doc, f, parts, "第{}部分"):
                continue
            self.check_slug(doc, f["slug"], slugs)
            note = f["teaching_note"]
            parts[f["number"]] = Part(
                f["number"], f["slug"], f["title"], self.body(doc, "本部分的概述"),
                self.markdown(doc, note, doc.meta.line("teaching_note") + 1) if note else Prose.empty(),
                Origin(doc.path),
            )
        if not self.incomplete:
            self.check_gaps(parts, self.rel(self.dir / "parts"), "第{}部分")
        return [parts[n] for n in sorted(parts)]

    def load_provisions(self, parts: list[Part]) -> list[Provision]:
        by_number = self.by_number  # built here, once: every later step finds provisions by number in it
        slugs: dict[str, str] = {}
        part_numbers = {p.number: p for p in parts}
        docs: dict[str, Document] = {}
        for doc, f in self.read_all("provisions", schema.PROVISION):
            if not self.numbered(doc, f, by_number, "第{}条"):
                continue
            if f["part"] is None:
                self.incomplete = True
            elif f["part"] not in part_numbers and not self.incomplete:
                self.problem(doc, ("part",), "part", no_such_part(f["part"], len(parts)))
            self.check_slug(doc, f["slug"], slugs)
            docs[doc.path] = self.provision_docs[doc.path] = doc
            by_number[f["number"]] = Provision(
                number=f["number"], number_certainty=f["number_certainty"], slug=f["slug"],
                part_number=f["part"], heading=f["heading"], heading_certainty=f["heading_certainty"],
                certainty_note=f["certainty_note"], previous_numbers=f["previous_numbers"],
                keywords=f["keywords"], related_numbers=f["related"],
                measures=[
                    Measure(self.inline(doc, ("measures", i, "text"), m["text"]), m["new"],
                            Origin(doc.path, doc.meta.line("measures", i)))
                    for i, m in enumerate(f["measures"])
                ],
                problems=[
                    Problem(self.inline(doc, ("problems", i, "text"), p["text"]),
                            Origin(doc.path, doc.meta.line("problems", i)))
                    for i, p in enumerate(f["problems"])
                ],
                cases=[
                    Case(c["notice"], self.inline(doc, ("cases", i, "text"), c["text"]), c["positive"],
                         Origin(doc.path, doc.meta.line("cases", i, "notice")))
                    for i, c in enumerate(f["cases"])
                ],
                discussion=f["discussion"], body=self.body(doc, "条文解读"), origin=Origin(doc.path),
                open_questions=[self.inline(doc, ("open_questions", i), q) for i, q in enumerate(f["open_questions"])],
                key_points=[
                    KeyPoint(self.inline(doc, ("key_points", i, "text"), k["text"]), k["from"],
                             Origin(doc.path, doc.meta.line("key_points", i, "from")))
                    for i, k in enumerate(f["key_points"])
                ],
                part=part_numbers.get(f["part"]),
            )
        provisions = [by_number[n] for n in sorted(by_number)]
        for provision in provisions:
            if provision.part:
                provision.part.provisions.append(provision)
        if not self.incomplete:
            self.check_gaps(by_number, self.rel(self.dir / "provisions"), "第{}条")
        if not self.incomplete:
            self.check_provisions(provisions, parts, docs)
        return provisions

    def load_articles(self) -> list[Article]:
        articles: list[Article] = []
        slugs: dict[str, str] = {}
        for doc, f in self.read_all("articles", schema.ARTICLE):
            self.check_slug(doc, f["slug"], slugs)
            articles.append(Article(
                slug=f["slug"], title=f["title"], subtitle=f["subtitle"], headlines=f["headlines"],
                verbatim=f["verbatim"], source=f["source"],
                date=f["date"], order=f["order"], body=self.body(doc, "文章正文"), origin=Origin(doc.path),
            ))
        return sorted(articles, key=lambda a: (a.order, a.slug))

    def load_faqs(self) -> list[FaqEntry]:
        faqs: list[FaqEntry] = []
        slugs: dict[str, str] = {}
        for doc, f in self.read_all("faq", schema.FAQ):
            self.check_slug(doc, f["slug"], slugs)
            entry = FaqEntry(
                slug=f["slug"], question=f["question"], order=f["order"],
                provision_numbers=f["provisions"], inferred_provision_numbers=f["provisions_inferred"],
                body=self.body(doc, "回答"), origin=Origin(doc.path),
            )
            entry.provisions = self.provisions_named(doc, ("provisions",), "provisions", f["provisions"])
            entry.inferred_provisions = self.provisions_named(
                doc, ("provisions_inferred",), "provisions_inferred", f["provisions_inferred"])
            faqs.append(entry)
        return sorted(faqs, key=lambda e: (e.order, e.slug))

    # -- shared checks ------------------------------------------------------

    def provisions_named(self, doc: Document, path: tuple, field: str, numbers: list[int]) -> list[Provision]:
        """The provisions a list of numbers names; each number that names none is reported."""
        found = []
        for i, number in enumerate(numbers):
            if number in self.by_number:
                found.append(self.by_number[number])
            elif not self.incomplete:
                self.problem(doc, path + (i,), field, no_such_provision(number, len(self.by_number)))
        return found

def load(content_dir: Path | str, *, allow_test_placeholders: bool = False) -> Regulation:
    """Load and check all content under ``content_dir``.

    ``allow_test_placeholders`` lets a test's synthetic full text (``fulltext.PLACEHOLDER``) through; never for a real build.
    """
    return _Loader(Path(content_dir).resolve(), allow_test_placeholders).load()


def internal_ids(sentences, paraphrases, sources, notices, quiz) -> set[str]:
    """The ids editors use to tie content together, which readers must never see."""
    return {x.id for group in (sentences, paraphrases, sources, notices, quiz) for x in group or []}


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _without_markup(text: str) -> str:
    """Printed text as a reader sees it: valid ``[[…]]`` references and link addresses removed."""
    return _LINK_TARGET.sub("]", REFERENCE.sub("", QUOTE.sub("", text)))
