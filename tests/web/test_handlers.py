"""The chat's events as plain calls (no model, no browser): editing, undo, rating, labels."""

from __future__ import annotations

import re
from types import SimpleNamespace

import gradio as gr
import pytest

from summit_qa.page.language import LANGUAGES
from summit_qa.web.handlers import Handlers
from summit_qa.web.labels import LABELS, conversation_language, label
from summit_qa.web.session import Turn, dump_turns, live, load_turns, messages


class FakeSession:
    """Answers that say which questions they were read with; ratings kept in a list."""

    def __init__(self):
        passages = [SimpleNamespace(id=f"p{i}", text=f"第{i}段。", date="2019-02-26") for i in range(3)]
        self.engine = SimpleNamespace(index=SimpleNamespace(passages=passages))
        self.rated: list[tuple] = []
        self.asked: list[tuple[str, list[str]]] = []

    def ask(self, question, turns):
        earlier = [t.question for t in live(turns)]
        self.asked.append((question, earlier))
        language = "zh" if re.search(r"[\u4e00-\u9fff]", question) else "en"
        return Turn(question, f"reply to {question} after {earlier}", ("p0", "p1"), language)

    def page(self, turns):
        return f"page of {[t.question for t in live(turns)][-1:]}"

    def timeline(self, turns):
        return "timeline"

    def rate(self, turns, at, verdict, right=None):
        self.rated.append((turns[at].question, verdict, right))
        return True


def chat(handlers, questions):
    turns: list[Turn] = []
    for q in questions:
        _chat, _box, pending, _picker = handlers.show_question(q, turns)
        turns = handlers.answer_pending(pending, turns)[1]
    return turns


def edit(handlers, turns, at, text):
    """Both steps of an edit, as the chat runs them: the turns after the edit."""
    data = gr.EditData(None, {"index": 2 * at, "previous_value": turns[at].question, "value": text})
    shown, marked, pending = handlers.edit(turns, data)
    return shown, marked, pending, handlers.answer_pending(pending, marked)[1]


def test_editing_the_first_of_three_questions_keeps_the_later_turns_in_view_superseded():
    h = Handlers(FakeSession())
    turns = chat(h, ["When did Kim arrive?", "How did he travel?", "Who met him?"])
    shown, marked, pending, after = edit(h, turns, 0, "When did Kim leave Pyongyang?")
    # at once: all three turns still shown, struck through, the edited question below them
    assert len(shown) == 7 and shown[-1]["content"] == "When did Kim leave Pyongyang?"
    assert all(m["content"].startswith("<del>") for m in shown[0:6:2])
    assert all(label("superseded", "en") in m["content"] for m in shown[1:6:2])
    assert [t.superseded for t in marked] == [True, True, True]
    # the reply: read with no earlier question (the superseded ones are not the conversation)
    assert h.session.asked[-1] == ("When did Kim leave Pyongyang?", [])
    assert [t.question for t in after] == [t.question for t in turns] + ["When did Kim leave Pyongyang?"]
    assert [t.superseded for t in after] == [True, True, True, False]
    assert h.session.page(after) == "page of ['When did Kim leave Pyongyang?']"
    # a follow-up reads the edited question, not the superseded ones
    _chat, _box, asked, _picker = h.show_question("And then?", after)
    h.answer_pending(asked, after)
    assert h.session.asked[-1] == ("And then?", ["When did Kim leave Pyongyang?"])
    # undo takes the edit back: the three turns as they were, the edited question in the box
    *views, box = h.undo(after)
    assert views[1] == turns and box == "When did Kim leave Pyongyang?"


def test_editing_a_middle_question_keeps_the_turns_before_it_live():
    h = Handlers(FakeSession())
    turns = chat(h, ["金正恩哪天抵达越南？", "他是怎么去的？", "谁迎接他？"])
    shown, marked, _pending, after = edit(h, turns, 1, "他住在哪里？")
    assert [t.superseded for t in after] == [False, True, True, False]
    assert h.session.asked[-1] == ("他住在哪里？", ["金正恩哪天抵达越南？"])
    assert label("superseded", "zh") in shown[3]["content"]  # the note in the conversation's language
    # the saved conversation keeps the marks, and undo after a reload still restores
    again = load_turns(dump_turns(after))
    assert again == after
    assert h.undo(again)[1] == turns


def test_editing_the_last_question_replaces_it_and_an_unchanged_edit_does_nothing():
    h = Handlers(FakeSession())
    turns = chat(h, ["When did Kim arrive?", "How did he travel?"])
    _shown, kept, _pending, after = edit(h, turns, 1, "How did he go?")
    assert kept == turns[:1] and [t.question for t in after] == ["When did Kim arrive?", "How did he go?"]
    assert not any(t.superseded for t in after)
    shown, same, pending = h.edit(
        turns, gr.EditData(None, {"index": 0, "previous_value": "", "value": turns[0].question})
    )
    assert same == turns and pending is None and shown == messages(turns)
    # a retry of an edit's question stays undoable
    _shown, _marked, _pending, edited = edit(h, turns, 0, "Who invited him?")
    _chat, earlier, again = h.start_retry(edited)
    retried = h.answer_pending(again, earlier)[1]
    assert retried == edited and h.undo(retried)[1] == turns


def test_a_chinese_conversation_is_asked_and_thanked_in_chinese():
    h = Handlers(FakeSession())
    turns = chat(h, ["金正恩哪天抵达越南？"])
    picker, radio, thanks, at = h.like(turns, gr.LikeData(None, {"index": 1, "value": "", "liked": False}))
    assert picker["visible"] is True and radio["label"] == "哪一段才是对的？（可选）" and at == 0
    assert [value for _, value in radio["choices"]] == ["p0", "p1"] and thanks["visible"] is False
    radio, thanks, rated = h.pick_right(turns, at, "p1")
    assert thanks == {"__type__": "update", "value": "谢谢：已记下哪一段是对的。", "visible": True}
    assert radio["visible"] is False and rated is None
    assert h.session.rated == [
        ("金正恩哪天抵达越南？", "dislike", None),
        ("金正恩哪天抵达越南？", "dislike", "p1"),
    ]
    ask, box, new_chat, heading = h.relabel(turns)
    assert (ask["value"], box["placeholder"], new_chat["value"]) == ("提问", "请输入问题", "新对话")
    assert h.relabel([])[0]["value"] == "Ask"
    # a passage that was not shown is not recorded, and nothing is thanked for
    assert h.pick_right(turns, 0, "p2")[1]["visible"] is False and len(h.session.rated) == 2


def test_the_conversation_language_is_the_latest_live_question():
    zh, en = Turn("问", "", (), "zh"), Turn("q", "", (), "en")
    assert conversation_language([]) == "en"
    assert conversation_language([en, zh]) == "zh"
    assert conversation_language([en, Turn("问", "", (), "zh", superseded=True)]) == "en"
    assert label("thanks", "zh-Hant") == "謝謝：已記下哪一段是對的。" and label("ask", "fr") == "Ask"


def test_every_label_is_written_in_all_five_languages():
    missing = {
        key: set(LANGUAGES) - set(texts) for key, texts in LABELS.items() if set(LANGUAGES) - set(texts)
    }
    assert not missing
    assert all(text.strip() for texts in LABELS.values() for text in texts.values())
    assert len({LABELS["thanks"][lang] for lang in LANGUAGES}) == 5


@pytest.mark.parametrize("raw", [{"supersedes": ["x", -1, True, 2]}, {"supersedes": "12"}])
def test_a_saved_turn_with_junk_marks_loads_with_the_sound_ones(raw):
    base = {"question": "q", "reply": "r", "shown": [], "language": "en"}
    turn = load_turns([base | raw])[0]
    assert turn.supersedes == ((2,) if isinstance(raw["supersedes"], list) else ())
