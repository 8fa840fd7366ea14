"""Every text the product says to a reader, in the five languages it accepts.

One table, keyed by message then language.  A language a message has not been
written in yet falls back to Chinese for Japanese readers (who read its Han
characters) and to English for everyone else.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "not_in_article": {
        "zh": "这篇报道里没有这个问题的答案。",
        "en": "That is not in this article.",
        "ko": "이 기사에는 그 내용이 없습니다.",
        "ja": "その内容はこの記事にはありません。",
        "vi": "Bài báo này không có thông tin đó.",
    },
    "after_the_page": {
        "zh": "这篇报道发表于{date}，当时此事还没有结果，报道里没有答案。",
        "en": "This article was published on {date}, before that was known: it is not in this article.",
        "ko": "이 기사는 {date}에 발행되어 그 결과를 알 수 없습니다.",
        "ja": "この記事は{date}の発行で、その結果はまだ分かりません。",
        "vi": "Bài báo đăng ngày {date}, trước khi có kết quả đó.",
    },
    "empty_question": {"zh": "请输入一个问题。", "en": "Please type a question."},
    "more": {"zh": "更多段落", "en": "More passages"},
    "undated": {"zh": "无日期", "en": "undated"},
    "published": {"zh": "见报", "en": "published"},
    "error": {"zh": "出错了，请再试一次。", "en": "Sorry, that failed."},
}


def say(key: str, language: str, **values: object) -> str:
    """Message ``key`` in ``language`` (or its fallback), with ``{placeholders}`` filled."""
    texts = TEXTS[key]
    if language in texts:
        text = texts[language]
    elif language == "ja" and "zh" in texts:
        text = texts["zh"]
    else:
        text = texts["en"]
    return text.format(**values) if values else text
