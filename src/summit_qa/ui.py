"""The Gradio chat: verbatim answers with dates, sources, and the page's timeline.

Everything a user types is shown as text: HTML and Markdown characters are
escaped before the message enters the chat, and the chat sanitises HTML too.
Replies quote the page verbatim (escaped as well), with the date first, the
headline and agency, the best-answering sentence marked, and up to two more
passages under a collapsed "more passages" element.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import re
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

from summit_qa.conversation import user_questions as conversation_questions  # noqa: E402
from summit_qa.gloss import gloss, page_frequency  # noqa: E402
from summit_qa.language import detect_language  # noqa: E402
from summit_qa.messages import say as message  # noqa: E402
from summit_qa.qa import Answer, ScoredPassage, SummitQA  # noqa: E402
from summit_qa.settings import Settings, SettingsError  # noqa: E402

log = logging.getLogger("summit_qa.ui")

SHOWN_QUESTION_CHARS = 500
EXAMPLES = [
    "金正恩哪天抵达越南？",
    "美国财政部制裁了哪位朝鲜官员？",
    "Which annual military drill with South Korea did the US suspend?",
    "What happened on August 1, 2018?",
    "김정은은 언제 평양을 출발했나요?",
]
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def as_text(message: object) -> str:
    """A user's message as inert text for a Markdown chat: no HTML, no Markdown."""
    text = message if isinstance(message, str) else ""
    if len(text) > SHOWN_QUESTION_CHARS:
        text = f"{text[:SHOWN_QUESTION_CHARS]}… ({len(message)} characters)"
    escaped = html.escape(text, quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return escaped.replace("\n", "<br>") if escaped.strip() else "…"


def _translated(p: ScoredPassage, field: str, language: str) -> str:
    """The page's own words, with the reader's translation after them where one is written."""
    own = getattr(p, field)
    other = p.translated(field, language) if language != "zh" else None
    return html.escape(f"{own} ({other})" if other and other != own else own, quote=False)


def _meta_line(p: ScoredPassage, language: str) -> str:
    date = p.date or f"{message('undated', language)} ({message('published', language)} {p.published})"
    section = f" · {_translated(p, 'section', language)}" if p.section else ""
    return f"**{date}** · {_translated(p, 'title', language)}{section} · {_translated(p, 'source', language)}"


def _glossary(items: list, language: str) -> list[str]:
    """A collapsed list under a quote: plain lines, readable on a phone and copyable."""
    if not items:
        return []
    lines = [f"<details><summary>{message('glossary', language)} ({len(items)})</summary>", ""]
    lines += [f"- {html.escape(item.line(), quote=False)}" for item in items]
    return [*lines, "", "</details>"]


def _quote(p: ScoredPassage, mark: bool) -> str:
    a, b = p.highlight if mark else (0, 0)
    if mark and 0 <= a < b <= len(p.text):
        body = (
            html.escape(p.text[:a], quote=False)
            + "<mark>"
            + html.escape(p.text[a:b], quote=False)
            + "</mark>"
            + html.escape(p.text[b:], quote=False)
        )
    else:
        body = html.escape(p.text, quote=False)
    return f"> {body}"


def render_answer(result: Answer, glosser=None) -> str:
    """The reply as Markdown: the best passage quoted verbatim, the rest collapsed; for a
    reader of another language, each quote with its glossary (``glosser(passage, language)``)."""
    if not result.answered:
        return html.escape(result.message, quote=False)
    language = result.language
    explain = glosser if glosser is not None and language != "zh" else (lambda p, lang: [])
    best, *more = result.passages
    parts = [_meta_line(best, language), "", _quote(best, mark=True), ""]
    parts += _glossary(explain(best, language), language)
    if more:
        parts += ["", f"<details><summary>{message('more', language)} ({len(more)})</summary>", ""]
        for p in more:
            parts += [_meta_line(p, language), "", _quote(p, mark=False), ""]
            parts += [*_glossary(explain(p, language), language), ""]
        parts.append("</details>")
    return "\n".join(parts).strip()


def timeline_rows(engine: SummitQA, answer_ids: frozenset[str] = frozenset()) -> list[dict]:
    """Every dated passage in date order, marked when it is in the current answer."""
    rows = []
    for p in engine.index.passages:
        if not p.date:
            continue
        padded = p.date + "-01-01"[len(p.date) - 4 :] if len(p.date) < 10 else p.date
        rows.append(
            {
                "date": p.date,
                "when": padded,
                "article": p.title,
                "agency": p.source,
                "text": p.text,
                "in answer": "▶" if p.id in answer_ids else "",
                "shown": "answer" if p.id in answer_ids else "event",
                "id": p.id,
            }
        )
    return sorted(rows, key=lambda r: (r["when"], r["id"]))


def build_app(engine: SummitQA):
    import gradio as gr
    import pandas as pd

    def timeline(answer_ids: frozenset[str]):
        """The plot's frame, the table and the line naming the answer on the timeline."""
        rows = timeline_rows(engine, answer_ids)
        plot = pd.DataFrame(rows)
        plot["when"] = pd.to_datetime(plot["when"])
        plot["excerpt"] = plot["text"].str.slice(0, 40) + "…"
        table = plot[["in answer", "date", "text", "article", "agency"]]
        marked = [
            f"▶ **{r['date']}** · {html.escape(r['text'][:60], quote=False)}…" for r in rows if r["in answer"]
        ]
        if marked:
            marker = "Latest answer on the timeline:  \n" + "  \n".join(marked)
        else:
            marker = "Ask a question: its answer is marked here in red and with ▶ in the table."
        return plot, table, marker

    frequency = page_frequency(engine.index.passages, engine.index.lexicon)

    def glosser(p, language):
        return gloss(p, language, engine.index.lexicon, engine.glossary, frequency)

    def reply(question: object, asked: list[str] | None = None) -> tuple[str, frozenset[str]]:
        try:
            # answer() takes any object (non-text is empty); ``asked`` are the earlier questions
            result = engine.answer(question, top_k=3, history=list(asked or []))
            return render_answer(result, glosser), frozenset(p.id for p in result.passages)
        except Exception:  # never a traceback in the chat
            log.exception("answer failed")
            language = detect_language(question if isinstance(question, str) else "")
            return message("error", language), frozenset()

    def respond(message, history, asked):
        """One turn: the reply, read with the session's earlier questions (kept raw in
        ``asked``; the chat shows them escaped)."""
        text, ids = reply(message, asked)
        history = list(history or []) + [
            {"role": "user", "content": as_text(message)},
            {"role": "assistant", "content": text},
        ]
        asked = (
            [*(asked or []), message] if isinstance(message, str) and message.strip() else list(asked or [])
        )
        return history, "", *timeline(ids), asked

    def answer_markdown(question: str, history: list | None = None) -> str:
        """The chat's reply to a question, as Markdown (for API clients); ``history``: the
        earlier turns (Gradio messages or the earlier questions as strings)."""
        return reply(question, conversation_questions(history))[0]

    plot0, table0, marker0 = timeline(frozenset())
    m = engine.index.manifest
    published = engine.index.passages[0].published if engine.index.passages else ""
    with gr.Blocks(title="summit-qa", analytics_enabled=False) as demo:
        gr.Markdown(
            "## summit-qa · 河内峰会 2019\n"
            f"Answers quote a newspaper page of **{published}** verbatim, with dates, headline and "
            "agency. Ask in Chinese, English, Korean, Japanese or Vietnamese.  \n"
            f"<small>{m.passages} passages · model {html.escape(m.model_id, quote=False)} · "
            f"lexical {m.lexical_tokenizer} · corpus {m.corpus_hash}</small>"
        )
        with gr.Tab("Chat"):
            chatbot = gr.Chatbot(
                label="Answers", height=520, sanitize_html=True, elem_id="chat", buttons=["copy"]
            )
            with gr.Row():
                box = gr.Textbox(
                    placeholder="金正恩哪天抵达越南？ / When did Kim arrive in Vietnam?",
                    show_label=False,
                    scale=5,
                    max_lines=4,
                    elem_id="question",
                )
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            with gr.Row():
                example_buttons = [gr.Button(q, size="sm") for q in EXAMPLES]
        with gr.Tab("Timeline"):
            where = gr.Markdown(marker0, elem_id="timeline-answer")
            plot = gr.ScatterPlot(
                plot0,
                x="when",
                y="article",
                color="shown",
                color_map={"event": "#8a9bb0", "answer": "#d62728"},
                tooltip=["date", "excerpt"],
                title="Dated events on the page (red: the latest answer)",
                height=320,
                elem_id="timeline-plot",
            )
            table = gr.Dataframe(table0, wrap=True, interactive=False, elem_id="timeline-table")
        asked = gr.State([])
        outputs = [chatbot, box, plot, table, where, asked]
        box.submit(respond, [box, chatbot, asked], outputs, api_name="chat")
        send.click(respond, [box, chatbot, asked], outputs, api_visibility="private")
        for button, question in zip(example_buttons, EXAMPLES, strict=True):
            button.click(
                lambda history, earlier, q=question: respond(q, history, earlier),
                [chatbot, asked],
                outputs,
                api_visibility="private",
            )
        gr.api(answer_markdown, api_name="answer")
    return demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="app.py", description="summit-qa chat (Gradio)")
    parser.add_argument("--host", help="default: $SUMMIT_QA_HOST or 127.0.0.1 (loopback only)")
    parser.add_argument("--port", type=int, help="default: $SUMMIT_QA_PORT or 7860")
    parser.add_argument("--share", action="store_true", help="ask Gradio for a public share link")
    parser.add_argument("--model", help="default: $SUMMIT_QA_MODEL or the embedded e5-small")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index before serving")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")  # libraries: warnings only
    log.setLevel(logging.INFO)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        settings = Settings.from_env(host=args.host, port=args.port, model=args.model)
    except SettingsError as exc:
        say(f"app.py: {exc}")
        return 2
    say("Loading the model and index…")
    engine = SummitQA.open(settings, rebuild=args.rebuild, say=say)
    demo = build_app(engine)
    say(f"Serving the chat at http://{settings.host}:{settings.port}")
    demo.queue(default_concurrency_limit=2).launch(
        server_name=settings.host,
        server_port=settings.port,
        share=args.share,
        show_error=False,
        footer_links=["api"],
    )
    return 0
