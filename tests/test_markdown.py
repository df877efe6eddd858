"""Bodies: rendering, and quotations checked against the sentence they name."""
from __future__ import annotations

from site_plugins.markdown import BodyRenderer, normalize, plain_text
from site_plugins.model import Origin, Sentence
from site_plugins.problems import Collector

SENTENCE = Sentence(
    id="s1", part=1, provision=1, placement="confirmed", candidates=[], kind="qa", from_id="qa", source="答记者问",
    text="考核应当化繁为简，不搞‘千分制’", complete=False, note="", origin=Origin("x.yml", 1),
)


def render(body: str) -> tuple[str, list[str]]:
    collector = Collector()
    renderer = BodyRenderer({"s1": SENTENCE}, paraphrases={"pp1"})
    html = renderer.render(renderer.parse(body, "content/p.md", 10, collector))
    return html, [str(p) for p in collector.problems]


def test_normalize_ignores_width_space_and_quote_kind():
    assert normalize("不搞“千分制”") == normalize("不搞 ‘千分制’") == normalize('不搞"千分制"')
    assert normalize("化繁为简,不搞") == normalize("化繁为简，不搞")


def test_whole_sentence_and_fragment():
    html, problems = render("甲[[原文:s1]]乙\n\n丙[[原文:s1|不搞“千分制”]]丁")
    assert not problems
    assert html.count('<q class="reg-quote" data-sentence="s1"') == 2
    assert "考核应当化繁为简，不搞‘千分制’</q>" in html
    assert "不搞“千分制”</q>" in html


def test_problems_carry_the_file_line():
    _, problems = render("第一段。\n\n第二段\n接着[[原文:s1|不搞万分制]]。\n\n[[原文:s9]]")
    assert problems == [
        "content/p.md:13: 原文：「不搞万分制」不是句子 s1 的原文（原文：考核应当化繁为简，不搞‘千分制’）",
        "content/p.md:15: 原文：引用的句子 s9 不存在（见 official-sentences.yml）",
    ]


def test_inline_fields_render_without_paragraph():
    renderer = BodyRenderer({"s1": SENTENCE})
    html = renderer.render(renderer.parse("要求[[原文:s1|化繁为简]]。", "p.md", 3, Collector(), inline=True))
    assert html.startswith("要求<q") and "<p>" not in html


def test_a_paraphrase_is_never_official_text():
    _, problems = render("[[原文:pp1]]")
    assert problems == ["content/p.md:10: 原文：pp1 是转述，不是原文，不能用 [[原文:…]] 引用；请写成“据……转述”"]


def test_quotation_leaves_a_slot_for_its_note_and_short_ones_none():
    html, problems = render("甲[[原文:s1]]乙[[原文:s1|化繁为简]]丙[[原文:s1|千分制]]")
    assert not problems
    # The slot names the sentence; each output turns it into a note (see test_notes.py).
    assert html.count('<sup class="reg-note-slot" data-sentence="s1"></sup>') == 1
    assert "title=" not in html and "答记者问" not in html  # nothing of the source inline


def test_plain_text_reads_quotations_and_references_as_words():
    renderer = BodyRenderer({"s1": SENTENCE})
    body = renderer.parse("见[[第1条|这一条]]：[[原文:s1|化繁为简]]。", "p.md", 3, Collector(), inline=True)
    assert plain_text(body) == "见这一条：“化繁为简”。"
