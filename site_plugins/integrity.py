"""Checks across content files: numbering and gaps, slugs, placements of sentences, cases and
their notices, what sentences and key points rest on, glossary names, related provisions.

A mixin of the loader (``load._Loader``): it reports into ``self.problems`` and reads the
loader's ``incomplete`` flag (a file could not be read: checks across files would only
repeat that), ``number_lines`` and ``sentence_doc``.
"""
from __future__ import annotations

from . import schema
from .model import GlossaryTerm, Notice, Part, Provision
from .problems import Collector
from .source import Document

SOURCES_FILE = "sources/sources.yml"
NOTICES_FILE = "sources/notices.yml"


def no_such_provision(number: int | str, total: int) -> str:
    """The one message for a provision number that names none."""
    return f"第{number}条不存在（本规定共{total}条）"


def no_such_part(number: int | str, total: int) -> str:
    """The one message for a part number that names none."""
    return f"第{number}部分不存在（本规定共{total}个部分）"


class Integrity:
    problems: Collector
    incomplete: bool
    number_lines: dict[str, int]
    by_number: dict[int, Provision]
    sentence_doc: Document

    def problem(self, doc: Document, path: tuple, field: str, message: str) -> None:
        self.problems.add(doc.path, doc.meta.line(*path), field, message)

    def check_gaps(self, numbers: dict, folder_rel: str, what: str) -> None:
        """Numbers run 1..n without gaps. A gap is reported once, at its cause: a file whose number lies
        beyond the others (number: 22 among three files), or else the missing number (a deleted file).
        Checks across files are then skipped: they would only repeat the gap in other words."""
        count = len(numbers)
        missing = sorted(set(range(1, count + 1)) - set(numbers))
        if not missing:
            return
        self.incomplete = True
        beyond = sorted(n for n in numbers if n > count + 1)
        if beyond:
            for n in beyond:
                doc = numbers[n].origin.path
                line = self.number_lines.get(doc, 1)
                self.problems.add(doc, line, "number", f"{what.format(n)}超出了连续编号：现有{count}个文件，"
                                  f"缺少{'、'.join(what.format(m) for m in missing)}，是否写错了编号？")
            return
        for m in sorted(set(range(1, max(numbers) + 1)) - set(numbers)):
            self.problems.add(folder_rel, 1, None, f"缺少{what.format(m)}（编号应连续，是否删掉或改错了某个文件？）")

    def link_cases(self, provisions: list[Provision], notices: list[Notice], issued: str) -> None:
        """Point each case at its notice; a notice before the regulation's issue marks its case as such."""
        by_id = {n.id: n for n in notices}
        for p in provisions:
            for case in p.cases:
                case.notice = by_id.get(case.notice_id)
                if case.notice is None:
                    self.problems.add(case.origin.path, case.origin.line, "cases.notice",
                                      f"通报 {case.notice_id} 不存在（见 {NOTICES_FILE}）")
                else:
                    case.before_rule = bool(issued) and case.notice.date < issued

    def link_bases(self, sentences, paraphrases, sources, notices, provisions) -> None:
        """Point each sentence and paraphrase at the source it was found in (``from``), and each key
        point at what it rests on: one map of the ids editors use to tie content together."""
        cited = {s.id: s for s in sources} | {n.id: n for n in notices}
        for key, items in (("sentences", sentences), ("paraphrases", paraphrases)):
            for index, item in enumerate(items):
                item.cited_source = cited.get(item.from_id)
                if item.cited_source is None and not self.incomplete:
                    line = self.sentence_doc.meta.line(key, index, "from")
                    self.problems.add(item.origin.path, line, f"{item.id}.from",
                                      f"来源 {item.from_id} 不存在（应为 {SOURCES_FILE} 中的来源或 {NOTICES_FILE} 中的通报）")
        known = cited | {x.id: x for x in [*sentences, *paraphrases]}
        for p in provisions:
            for i, point in enumerate(p.key_points):
                point.basis = known.get(point.from_id)
                if point.basis is None and not self.incomplete:
                    self.problems.add(point.origin.path, point.origin.line, f"key_points[{i + 1}].from",
                                      f"依据 {point.from_id} 不存在（应为原文句子、转述、{SOURCES_FILE} 中的来源"
                                      f"或 {NOTICES_FILE} 中的通报的编号）")

    def check_provisions(self, provisions: list[Provision], parts: list[Part], docs: dict[str, Document]) -> None:
        """Checks across provision files: gaps, related numbers, order by part, old numbers."""
        by_number = self.by_number
        previous: dict[int, Provision] = {}
        for provision in provisions:
            doc = docs[provision.origin.path]
            for i, number in enumerate(provision.related_numbers):
                if number not in by_number:
                    self.problem(doc, ("related", i), "related", no_such_provision(number, len(provisions)))
                elif number == provision.number:
                    self.problem(doc, ("related", i), "related", "不能把本条列为相关条文")
                else:
                    provision.related.append(by_number[number])
            for i, number in enumerate(provision.previous_numbers):
                if number == provision.number:
                    self.problem(doc, ("previous_numbers", i), "previous_numbers", "旧条号不能与现条号相同")
                elif number in previous:
                    self.problem(doc, ("previous_numbers", i), "previous_numbers",
                                 f"第{number}条已是 {previous[number].origin.path} 的旧条号")
                previous[number] = provision
        # A part's provisions follow each other: no provision of part 2 between two of part 1.
        for before, after in zip(provisions, provisions[1:]):
            if after.part_number < before.part_number:
                self.problem(docs[after.origin.path], ("part",), "part",
                             f"第{after.number}条属于第{after.part_number}部分，却排在第{before.part_number}部分的第{before.number}条之后")
        for part in parts:
            if not part.provisions:
                self.problems.add(part.origin.path, 1, None, f"{part.label}没有任何条文（provisions 中没有 part: {part.number} 的文件）")

    def place_sentences(self, sentences, paraphrases, parts, provisions) -> None:
        """Attach each sentence and paraphrase to its provision, or to its part."""
        part_of = {p.number: p for p in parts}
        provision_of = self.by_number
        if self.incomplete:
            return
        for key, items in (("sentences", sentences), ("paraphrases", paraphrases)):
            for index, item in enumerate(items):
                self.place(key, index, item, part_of, provision_of, len(parts))

    def place(self, key: str, index: int, item, part_of: dict, provision_of: dict, parts_total: int) -> None:
        def report(field: str, message: str) -> None:
            line = self.sentence_doc.meta.line(key, index, field)
            self.problems.add(item.origin.path, line, f"{item.id}.{field}", message)

        total = len(provision_of)
        if item.part is not None and item.part not in part_of:
            report("part", no_such_part(item.part, parts_total))
            return
        if item.provision is not None:
            provision = provision_of.get(item.provision)
            if provision is None:
                report("provision", no_such_provision(item.provision, total))
            elif item.part is not None and provision.part_number != item.part:
                report("part", f"第{item.provision}条属于第{provision.part_number}部分，不是第{item.part}部分")
            else:
                getattr(provision, key).append(item)
        elif item.part is not None:
            getattr(part_of[item.part], key).append(item)
        for number in getattr(item, "candidates", []):
            if number not in provision_of:
                report("candidates", no_such_provision(number, total))

    def check_glossary(self, glossary: list[GlossaryTerm]) -> None:
        """Each term's slug is an address; no name (term or alias) belongs to two terms."""
        slugs: dict[str, str] = {}
        names: dict[str, GlossaryTerm] = {}
        for i, term in enumerate(glossary):
            where = term.origin
            if not schema.valid_slug(term.slug):
                self.problems.add(where.path, where.line, f"terms[{i + 1}].slug", f"「{term.slug}」不可用作网址：{schema.SLUG_HELP}")
            elif term.slug in slugs:
                self.problems.add(where.path, where.line, f"terms[{i + 1}].slug", f"「{term.slug}」已被{slugs[term.slug]}使用")
            slugs.setdefault(term.slug, f"术语「{term.term}」")
            for name in term.names:
                other = names.setdefault(name, term)
                if other is not term:
                    self.problems.add(where.path, where.line, f"terms[{i + 1}].term",
                                      f"「{name}」已是术语「{other.term}」（第{other.origin.line}行）的名称或别名")

    def check_slug(self, doc: Document, slug: str, seen: dict[str, str]) -> None:
        if not schema.valid_slug(slug):
            self.problem(doc, ("slug",), "slug", f"「{slug}」不可用作网址：{schema.SLUG_HELP}")
        elif slug in seen:
            self.problem(doc, ("slug",), "slug", f"「{slug}」已被 {seen[slug]} 使用")
        seen[slug] = doc.path
