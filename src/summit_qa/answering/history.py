"""The chat's history as the engine reads it: the user's earlier questions, in whichever
format the caller keeps them (Gradio's messages, ``[user, bot]`` pairs, plain strings), and
the language to answer a message with no letters in."""

from __future__ import annotations

from summit_qa.page.language import clean_question, detect_language


def user_questions(history: object) -> list[str]:
    """The earlier user questions in ``history``, oldest first.

    Accepts Gradio's messages format (``{"role": "user", "content": ...}``, the
    content a string or a list of typed parts), the older ``[user, bot]`` pairs,
    or plain strings (each an earlier user question).  Anything else is skipped,
    never an error.
    """
    if not isinstance(history, list | tuple):
        return []
    out: list[str] = []
    for item in history:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("role") == "user":
            out.append(_content_text(item.get("content")))
        elif isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[0], str):
            out.append(item[0])
    return [clean_question(q) for q in out if q and q.strip()]


def _content_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list | tuple):
        return " ".join(_content_text(part) for part in content)
    if isinstance(content, dict):
        text = content.get("text")
        return text if isinstance(text, str) else ""
    return ""


def has_script(text: str) -> bool:
    """Letters of some script (not only digits, punctuation or emoji)."""
    return any(ch.isalpha() for ch in text)


def language_of(questions: list[str]) -> str:
    """The language of the latest earlier question that has one (a reply to "👍" or "???"
    in the conversation's language), English without any."""
    for q in reversed(questions):
        if has_script(q):
            return detect_language(q)
    return "en"
