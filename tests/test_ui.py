"""Rendering of user text and replies (no server needed)."""

from summit_qa.corpus import load_passages
from summit_qa.qa import Answer, ScoredPassage
from summit_qa.ui import as_text, render_answer


def _scored(p, highlight=None):
    fields = {k: getattr(p, k) for k in p.__dataclass_fields__}
    return ScoredPassage(**fields, score=1.0, highlight=highlight or (0, len(p.text)))


def test_user_text_is_inert():
    shown = as_text("<script>alert(1)</script> **bold** [x](http://e)")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "\\*\\*bold\\*\\*" in shown and "\\[x\\]" in shown
    assert as_text("") == "…" and as_text(None) == "…"
    long = as_text("字" * 10_000)
    assert len(long) < 600 and "10000 characters" in long


def test_reply_quotes_verbatim_with_date_headline_agency_and_collapses_the_rest():
    passages = load_passages()
    best = next(p for p in passages if p.text.startswith("6月12日"))
    others = [p for p in passages if p.article == "arrival"][:2]
    sentence_end = best.text.index("。") + 1
    answer = Answer("q", True, [_scored(best, (0, sentence_end)), *map(_scored, others)], "en")
    reply = render_answer(answer)
    first_line = reply.splitlines()[0]
    assert first_line == (
        "**2018-06-12** · 从新加坡到河内 一年来美朝关系大事记 (From Singapore to Hanoi: a timeline of a year "
        "of US–North Korea relations) · 新华社 (Xinhua)"
    )
    assert f"<mark>{best.text[:sentence_end]}</mark>" in reply
    assert "<details><summary>More passages (2)</summary>" in reply and reply.endswith("</details>")
    for p in others:
        assert p.text in reply


def test_refusal_and_undated_passage():
    assert render_answer(Answer("q", False, [], "en", "That is not in this article.")) == (
        "That is not in this article."
    )
    undated = next(p for p in load_passages() if p.date is None)
    reply = render_answer(Answer("问", True, [_scored(undated)], "zh"))
    assert reply.startswith("**无日期 (见报 2019-02-27)**")
