"""The chat's event handlers as plain functions of the conversation (tested without a browser).

Asking takes two steps, as in Gradio's ChatInterface: the question appears at once
(no queue) and the reply follows with the chat's typing indicator.  Every chat
action (ask, retry, undo, edit, new chat, a share link on load) is a function
from turns to turns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import gradio as gr

from summit_qa.answering.history import user_questions as conversation_questions
from summit_qa.page.language import valid_text
from summit_qa.web.labels import conversation_language, label
from summit_qa.web.session import (
    ChatSession,
    Turn,
    choice_label,
    dump_turns,
    load_turns,
    messages,
    supersede,
    turn_of,
    withdraw,
)

# What ``pending`` carries from step one to step two: the question, and for a question asked
# by an edit, the turns the edit superseded (distances back, see Turn.supersedes).
Pending = str | tuple[str, tuple[int, ...]] | None


@dataclass
class Handlers:
    """What the page's events call; outputs in the order the layout wires them."""

    session: ChatSession

    def outputs_for(self, turns: list[Turn]) -> tuple:
        """chat, turns, page, timeline, saved."""
        return (
            messages(turns),
            turns,
            self.session.page(turns),
            self.session.timeline(turns),
            dump_turns(turns),
        )

    def relabel(self, turns: list[Turn]):
        """The chat's controls in the conversation's language: Ask, the box's placeholder,
        New chat and the examples' heading."""
        language = conversation_language(turns)
        return (
            gr.update(value=label("ask", language)),
            gr.update(placeholder=label("placeholder", language)),
            gr.update(value=label("new_chat", language)),
            gr.update(value=f"## {label('examples', language)}"),
        )

    def show_question(self, text: object, turns: list[Turn]):
        """Step one: the question in the chat at once; ``pending`` carries it to step two (the
        right-passage picker of an earlier reply folds away)."""
        text = valid_text(text) if isinstance(text, str) else ""
        if not text.strip():
            return gr.skip(), gr.skip(), None, gr.skip()  # empty: nothing asked, the box as it was
        return messages(turns, text), "", text, gr.update(visible=False)

    def show_example(self, turns: list[Turn], question: str):
        return messages(turns, question), question

    def answer_pending(self, pending: Pending, turns: list[Turn]):
        """Step two: the reply (the chat shows its typing indicator until then)."""
        if pending is None:
            return (gr.skip(),) * 5 + (None,)
        question, supersedes = pending if isinstance(pending, tuple) else (pending, ())
        turns = [*turns, replace(self.session.ask(question, turns), supersedes=supersedes)]
        return *self.outputs_for(turns), None

    def start_retry(self, turns: list[Turn]):
        """The last question asked again (answers are deterministic: the same reply)."""
        if not turns:
            return gr.skip(), gr.skip(), None
        last = turns[-1]
        return messages(turns[:-1], last.question), turns[:-1], (last.question, last.supersedes)

    def chat_once(self, question: str, turns: list[Turn]):
        """Both steps of asking in one call (the API's /chat)."""
        _chat, _box, asked, _picker = self.show_question(question, turns)
        if asked is None:
            return *self.outputs_for(turns), gr.skip()
        return *self.answer_pending(asked, turns)[:-1], ""

    def retry_once(self, turns: list[Turn]):
        """Both steps of a retry in one call (the API's /retry)."""
        _chat, earlier, asked = self.start_retry(turns)
        return self.outputs_for(turns) if asked is None else self.answer_pending(asked, earlier)[:-1]

    def undo(self, turns: list[Turn]):
        """The last turn removed; its question back in the box, as in ChatInterface (undoing
        an edit brings back the turns it superseded)."""
        if not turns:
            return (*self.outputs_for(turns), gr.skip())
        kept, question = withdraw(turns)
        return (*self.outputs_for(kept), question)

    def edit(self, turns: list[Turn], data: gr.EditData):
        """An edited question is asked again at the end of the chat.  The turns from it on stay
        in view, struck through as superseded (undo brings them back); the last question,
        with nothing after it, is simply replaced."""
        at = turn_of(data.index)
        text = valid_text(data.value) if isinstance(data.value, str) else ""
        if at is None or at >= len(turns) or not text.strip() or text == turns[at].question:
            return messages(turns), turns, None
        if at == len(turns) - 1 and not turns[at].superseded:
            return messages(turns[:at], text), turns[:at], (text, turns[at].supersedes)
        marked, back = supersede(turns, at)
        return messages(marked, text), marked, (text, back)

    def like(self, turns: list[Turn], data: gr.LikeData):
        """Like or dislike of a reply: recorded at once; after a dislike the shown passages are
        offered to pick the right one (optional), labelled in the conversation's language.
        Outputs: the picker, its radio, its thank-you line, the rated turn."""
        at = turn_of(data.index)
        hidden = gr.update(visible=False)
        if at is None or at >= len(turns) or data.liked not in (True, False):
            return hidden, gr.update(), hidden, None
        verdict = "like" if data.liked else "dislike"
        self.session.rate(turns, at, verdict)
        shown = turns[at].shown
        if verdict == "like" or not shown:
            return hidden, gr.update(choices=[], value=None), hidden, None
        choices = [(choice_label(self.session.engine, pid), pid) for pid in shown]
        asked = label("right_passage", conversation_language(turns))
        radio = gr.update(choices=choices, value=None, label=asked, visible=True)
        return gr.update(visible=True), radio, hidden, at

    def pick_right(self, turns: list[Turn], at: int | None, right: str | None):
        """The passage picked as right: recorded, and thanked for in the picker's place (in
        the page's flow, never over the question box).  Outputs: the radio, the thank-you."""
        if at is not None and right and 0 <= at < len(turns) and right in turns[at].shown:
            self.session.rate(turns, at, "dislike", right)
            thanks = label("thanks", conversation_language(turns))
            return gr.update(visible=False), gr.update(value=thanks, visible=True), None
        return gr.update(), gr.update(visible=False), at

    def new_chat(self):
        return *self.outputs_for([]), gr.update(visible=False)

    def on_load(self, saved: object, request: gr.Request):
        """The saved conversation back; a share link (``?q=…``, after ``after=…``; ``pick=…``
        a choice of the answer) asks its question in a new chat."""
        params = request.query_params if request is not None else {}
        question = params.get("q", "") if params else ""
        if isinstance(question, str) and question.strip():
            turns: list[Turn] = []
            for earlier in params.getlist("after") if hasattr(params, "getlist") else []:
                turns.append(self.session.ask(earlier, turns))
            pick = params.get("pick") or None  # one of the answer's choices, shown first
            turns.append(self.session.ask(question, turns, pick=pick))
            return self.outputs_for(turns)
        return self.outputs_for(load_turns(saved))

    def answer_markdown(self, question: str, history: list | None = None) -> str:
        """The chat's reply to a question, as Markdown (for API clients); ``history``: the
        earlier turns (Gradio messages or the earlier questions as strings)."""
        turns = [Turn(q, "", ()) for q in conversation_questions(history)]
        return self.session.ask(question, turns).reply

    def feedback_api(self, question: str, history: list[str], verdict: str, right: int | None = None) -> str:
        """Record a like or dislike of the reply to ``question`` (after ``history``);
        ``right``: the index of the shown passage that was right, if any."""
        return self.session.rate_question(question, list(history or []), verdict, right)
