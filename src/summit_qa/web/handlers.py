"""The chat's event handlers as plain functions of the conversation (tested without a browser).

Asking takes two steps, as in Gradio's ChatInterface: the question appears at once
(no queue) and the reply follows with the chat's typing indicator.  Every chat
action (ask, retry, undo, edit, new chat, a share link on load) is a function
from turns to turns.
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from summit_qa.answering.followups import user_questions as conversation_questions
from summit_qa.page.language import valid_text
from summit_qa.web.session import ChatSession, Turn, choice_label, dump_turns, load_turns, messages, turn_of


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

    def show_question(self, text: object, turns: list[Turn]):
        """Step one: the question in the chat at once; ``pending`` carries it to step two."""
        text = valid_text(text) if isinstance(text, str) else ""
        if not text.strip():
            return gr.skip(), gr.skip(), None  # empty: nothing asked, the box as it was
        return messages(turns, text), "", text

    def show_example(self, turns: list[Turn], question: str):
        return messages(turns, question), question

    def answer_pending(self, pending: str | None, turns: list[Turn]):
        """Step two: the reply (the chat shows its typing indicator until then)."""
        if pending is None:
            return (gr.skip(),) * 5 + (None,)
        turns = [*turns, self.session.ask(pending, turns)]
        return *self.outputs_for(turns), None

    def start_retry(self, turns: list[Turn]):
        """The last question asked again (answers are deterministic: the same reply)."""
        if not turns:
            return gr.skip(), gr.skip(), None
        return messages(turns[:-1], turns[-1].question), turns[:-1], turns[-1].question

    def chat_once(self, question: str, turns: list[Turn]):
        """Both steps of asking in one call (the API's /chat)."""
        _chat, _box, asked = self.show_question(question, turns)
        if asked is None:
            return *self.outputs_for(turns), gr.skip()
        return *self.answer_pending(asked, turns)[:-1], ""

    def retry_once(self, turns: list[Turn]):
        """Both steps of a retry in one call (the API's /retry)."""
        _chat, earlier, asked = self.start_retry(turns)
        return self.outputs_for(turns) if asked is None else self.answer_pending(asked, earlier)[:-1]

    def undo(self, turns: list[Turn]):
        """The last turn removed; its question back in the box, as in ChatInterface."""
        if not turns:
            return (*self.outputs_for(turns), gr.skip())
        return (*self.outputs_for(turns[:-1]), turns[-1].question)

    def edit(self, turns: list[Turn], data: gr.EditData):
        """An edited question: the turns after it are dropped and it is asked again."""
        at = turn_of(data.index)
        text = data.value if isinstance(data.value, str) else ""
        if at is None or at >= len(turns) or not text.strip():
            return messages(turns), turns, None
        return messages(turns[:at], text), turns[:at], text

    def like(self, turns: list[Turn], data: gr.LikeData):
        """👍/👎 on a reply: recorded at once; after 👎 the shown passages are offered to pick
        the right one (optional)."""
        at = turn_of(data.index)
        hidden = gr.update(visible=False)
        if at is None or at >= len(turns) or data.liked not in (True, False):
            return hidden, gr.update(), None
        verdict = "like" if data.liked else "dislike"
        self.session.rate(turns, at, verdict)
        shown = turns[at].shown
        if verdict == "like" or not shown:
            return hidden, gr.update(choices=[], value=None), None
        choices = [(choice_label(self.session.engine, pid), pid) for pid in shown]
        return gr.update(visible=True), gr.update(choices=choices, value=None), at

    def pick_right(self, turns: list[Turn], at: int | None, right: str | None):
        if at is not None and right and 0 <= at < len(turns) and right in turns[at].shown:
            self.session.rate(turns, at, "dislike", right)
            gr.Info("Thank you: noted which passage was right.")
        return gr.update(visible=False), None

    def new_chat(self):
        return *self.outputs_for([]), gr.update(visible=False)

    def on_load(self, saved: object, request: gr.Request):
        """The saved conversation back; a share link (``?q=…``, after ``after=…``) asks its
        question in a new chat."""
        params = request.query_params if request is not None else {}
        question = params.get("q", "") if params else ""
        if isinstance(question, str) and question.strip():
            turns: list[Turn] = []
            for earlier in params.getlist("after") if hasattr(params, "getlist") else []:
                turns.append(self.session.ask(earlier, turns))
            turns.append(self.session.ask(question, turns))
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
