"""The chat's own labels (buttons, the right-passage picker, notes in the conversation) in the
five languages a reader may ask in, chosen by the conversation's language: the language of
its latest question (English before the first).

The replies' texts are in readers/messages.py; these are the page's controls around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from summit_qa.readers.normalize import to_traditional

DEFAULT = "en"

LABELS: dict[str, dict[str, str]] = {
    "ask": {"zh": "提问", "en": "Ask", "ko": "질문", "ja": "質問する", "vi": "Hỏi"},
    "placeholder": {
        "zh": "请输入问题",
        "en": "Ask a question",
        "ko": "질문을 입력하세요",
        "ja": "質問を入力してください",
        "vi": "Nhập câu hỏi",
    },
    "new_chat": {
        "zh": "新对话",
        "en": "New chat",
        "ko": "새 대화",
        "ja": "新しい会話",
        "vi": "Cuộc trò chuyện mới",
    },
    "examples": {
        "zh": "试试这些问题",
        "en": "Try asking",
        "ko": "이런 질문을 해 보세요",
        "ja": "こんな質問をどうぞ",
        "vi": "Hãy thử hỏi",
    },
    "right_passage": {
        "zh": "哪一段才是对的？（可选）",
        "en": "Which passage was right? (optional)",
        "ko": "어느 단락이 맞았나요? (선택)",
        "ja": "正しかったのはどの段落ですか？（任意）",
        "vi": "Đoạn nào mới đúng? (không bắt buộc)",
    },
    "thanks": {
        "zh": "谢谢：已记下哪一段是对的。",
        "en": "Thank you: noted which passage was right.",
        "ko": "감사합니다. 맞는 단락을 기록했습니다.",
        "ja": "ありがとうございます。正しい段落を記録しました。",
        "vi": "Cảm ơn bạn: đã ghi nhận đoạn đúng.",
    },
    "superseded": {
        "zh": "已被取代：这个问题修改后在下方重新提问。",
        "en": "Superseded: this question was edited and asked again below.",
        "ko": "대체됨: 이 질문은 수정되어 아래에서 다시 물었습니다.",
        "ja": "置き換え済み：この質問は編集され、下で改めて質問しました。",
        "vi": "Đã thay thế: câu hỏi này đã được sửa và hỏi lại bên dưới.",
    },
}


class _Turn(Protocol):
    language: str
    superseded: bool


def label(key: str, language: str) -> str:
    """Label ``key`` in ``language`` (English for a language the chat does not speak; a
    reader of traditional characters gets the Chinese label converted)."""
    texts = LABELS[key]
    if language == "zh-Hant":
        return to_traditional(texts["zh"])
    return texts.get(language) or texts.get(DEFAULT) or ""


def conversation_language(turns: Sequence[_Turn]) -> str:
    """The language the chat speaks to the reader: that of the latest question still in the
    conversation (a superseded one only when nothing else is left)."""
    live = [t for t in turns if not t.superseded] or list(turns)
    return live[-1].language if live else DEFAULT
