"""Rendering of user text and replies (no server needed)."""

from summit_qa.answering.engine import Answer, ScoredPassage
from summit_qa.page.passages import load_passages
from summit_qa.web.render import as_text, render_answer


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


def test_a_saved_conversation_is_read_back_and_junk_is_dropped():
    from summit_qa.web.session import Turn, dump_turns, load_turns, messages

    turns = [Turn("金正恩哪天抵达越南？", "**2019-02-26** …", ("arrival-0",), "zh")]
    assert load_turns(dump_turns(turns)) == turns
    junk = [None, 3, {"question": 1}, {"question": "q", "reply": "r", "shown": "abc", "language": "en"}]
    assert load_turns(junk + dump_turns(turns)) == turns
    assert load_turns("not a list") == [] and load_turns(None) == []
    shown = messages([Turn("<img src=x onerror=alert(1)>", "reply", (), "en")], pending="**bold**")
    assert [m["role"] for m in shown] == ["user", "assistant", "user"]
    assert "<img" not in shown[0]["content"] and shown[2]["content"] == "\\*\\*bold\\*\\*"


def test_a_share_link_carries_the_question_and_what_it_was_read_after():
    from urllib.parse import parse_qs

    from summit_qa.web.render import share_query

    query = share_query("他是怎么去的？", ["金正恩哪天抵达越南？"])
    assert query.startswith("?") and parse_qs(query[1:]) == {
        "after": ["金正恩哪天抵达越南？"],
        "q": ["他是怎么去的？"],
    }


def test_a_reply_links_to_itself_and_to_its_passage_in_the_page():
    passages = load_passages()
    best = next(p for p in passages if p.text.startswith("6月12日"))
    reply = render_answer(Answer("When & where?", True, [_scored(best)], "en"), earlier=[])
    assert '<a class="summit-share" href="?q=When+%26+where%3F">Share link</a>' in reply
    assert f'<a class="summit-in-page" href="#page-{best.id}">' in reply


def test_a_busy_port_is_named_before_the_model_loads():
    import socket

    from summit_qa.web.app import port_problem

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        problem = port_problem("127.0.0.1", port)
        assert problem.startswith(f"port {port} is busy: use --port ")
        assert int(problem.rsplit(" ", 1)[1]) != port
    assert port_problem("127.0.0.1", port) is None  # free again
