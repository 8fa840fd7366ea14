"""A reply as the chat shows it: Markdown with the page's words escaped, never generated.

The best passage is quoted verbatim with its date · headline · agency line, the
best-answering sentence marked, a glossary for a reader of another language,
and two links: one that asks the same question again (``?q=…``, to share) and
one that opens the passage in the Page tab (``#page-<id>``).  Up to two more
passages follow under a collapsed "more passages" element.  An answer of several
passages (a list, a count, a heading's items…) leads with the line that says what
follows, then every passage in its order, each dated with its answering sentence
marked; past ``SHOWN_ITEMS`` the rest fold.  Everything a user typed is shown as
inert text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from summit_qa.answering.engine import Answer, ScoredPassage
from summit_qa.readers.messages import say as message

SHOWN_QUESTION_CHARS = 500
SHOWN_ITEMS = 5  # items of a several-passage answer shown before the rest fold
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")

Glosser = Callable[[ScoredPassage, str, str], list]  # (passage, language, question) → gloss items
Explain = Callable[[ScoredPassage, str], list]  # a reply's glosser: its question given


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def as_text(message: object) -> str:
    """A user's message as inert text for a Markdown chat: no HTML, no Markdown."""
    text = message if isinstance(message, str) else ""
    if len(text) > SHOWN_QUESTION_CHARS:
        text = f"{text[:SHOWN_QUESTION_CHARS]}… ({len(message)} characters)"
    escaped = escape(text)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return escaped.replace("\n", "<br>") if escaped.strip() else "…"


def share_query(question: str, earlier: Sequence[str] = ()) -> str:
    """The query string that asks ``question`` again on load, after the ``earlier`` questions
    it was read with (a follow-up's link reproduces its reply)."""
    pairs = [("after", q) for q in earlier] + [("q", question[:SHOWN_QUESTION_CHARS])]
    return "?" + urlencode(pairs)


def _translated(p: ScoredPassage, field: str, language: str) -> str:
    """The page's own words, with the reader's translation after them where one is written."""
    own = getattr(p, field)
    other = p.translated(field, language) if language != "zh" else None
    return escape(f"{own} ({other})" if other and other != own else own)


def _meta_line(p: ScoredPassage, language: str) -> str:
    """Date · headline · agency: the date that answers the question, and the passage's own
    date beside it when that is another ("2019-02-26 (reported 2019-02-25)")."""
    shown = p.answer_date or p.date
    date = shown or f"{message('undated', language)} ({message('published', language)} {p.published})"
    head = f"**{date}**"
    if shown and p.date and shown != p.date:
        head += f" ({message('reported_on', language, date=p.date)})"
    return f"{head} · {p.byline(lambda name: _translated(p, name, language))}"


def _next_steps(result: Answer, earlier: Sequence[str] | None) -> list[str]:
    """The answer's choices and suggested next questions as links that ask them (a follow-up
    after the questions it was read with)."""
    language, parts = result.language, []
    after = [*(earlier or []), result.question] if result.answered else []
    if result.choices:
        picks = [
            f'<a class="summit-choice" href="{escape(share_query(result.question, earlier or []))}'
            f'&amp;pick={escape(pid)}">{escape(label)}</a>'
            for pid, label in result.choices
        ]
        parts += [f"{message('do_you_mean', language)} " + " · ".join(picks), ""]
    if result.suggestions:
        links = [
            f'<a class="summit-suggestion" href="{escape(share_query(s, after))}">{escape(s)}</a>'
            for s in result.suggestions
        ]
        parts += [f"{message('ask_next', language)}: " + " · ".join(links)]
    return parts


def _glossary(items: list, language: str) -> list[str]:
    """A collapsed list under a quote: plain lines, readable on a phone and copyable."""
    if not items:
        return []
    lines = [f"<details><summary>{message('glossary', language)} ({len(items)})</summary>", ""]
    lines += [f"- {escape(item.line())}" for item in items]
    return [*lines, "", "</details>"]


def _quote(p: ScoredPassage, mark: bool) -> str:
    a, b = p.highlight if mark else (0, 0)
    if mark and 0 <= a < b <= len(p.text):
        body = escape(p.text[:a]) + "<mark>" + escape(p.text[a:b]) + "</mark>" + escape(p.text[b:])
    else:
        body = escape(p.text)
    return f"> {body}"


def _links(result: Answer, p: ScoredPassage, earlier: Sequence[str]) -> str:
    language = result.language
    share = escape(share_query(result.question, earlier))
    return (
        f'<a class="summit-share" href="{share}">{message("link", language)}</a> · '
        f'<a class="summit-in-page" href="#page-{escape(p.id)}">{message("in_page", language)} →</a>'
    )


def render_answer(
    result: Answer, glosser: Glosser | None = None, earlier: Sequence[str] | None = None
) -> str:
    """The reply as Markdown: the best passage quoted verbatim, the rest collapsed; for a
    reader of another language, each quote with its glossary (``glosser(passage, language,
    question)``).
    With ``earlier`` (the questions the reply was read with) the reply carries its links."""
    if not result.answered:
        return "\n".join([escape(result.message), "", *_next_steps(result, earlier)]).strip()
    language = result.language

    def explain(p: ScoredPassage, lang: str) -> list:
        chinese_reader = lang in ("zh", "zh-Hant")
        return glosser(p, lang, result.question) if glosser is not None and not chinese_reader else []

    if result.several:
        return "\n".join(
            [_render_several(result, explain, earlier), "", *_next_steps(result, earlier)]
        ).strip()
    best, *more = result.passages
    parts = [_meta_line(best, language), "", _quote(best, mark=True), ""]
    if earlier is not None:
        parts += [_links(result, best, earlier), ""]
    parts += _glossary(explain(best, language), language)
    if more:
        parts += ["", f"<details><summary>{message('more', language)} ({len(more)})</summary>", ""]
        for p in more:
            parts += [_meta_line(p, language), "", _quote(p, mark=False), ""]
            parts += [*_glossary(explain(p, language), language), ""]
        parts.append("</details>")
    parts += ["", *_next_steps(result, earlier)]
    return "\n".join(parts).strip()


def _item(p: ScoredPassage, language: str, explain: Explain) -> list[str]:
    glossary = _glossary(explain(p, language), language)
    return [_meta_line(p, language), "", _quote(p, mark=True), "", *glossary, ""]


def _render_several(result: Answer, explain: Explain, earlier: Sequence[str] | None) -> str:
    """The lead line, then each passage of the set in its order; the rest past
    ``SHOWN_ITEMS`` folded."""
    language = result.language
    shown, folded = result.passages[:SHOWN_ITEMS], result.passages[SHOWN_ITEMS:]
    parts = [f"**{escape(result.lead)}**", ""]
    for p in shown:
        parts += _item(p, language, explain)
    if folded:
        parts += [f"<details><summary>{message('more_items', language, n=len(folded))}</summary>", ""]
        for p in folded:
            parts += _item(p, language, explain)
        parts.append("</details>")
    if earlier is not None and shown:
        parts += ["", _links(result, shown[0], earlier)]
    return "\n".join(parts).strip()
