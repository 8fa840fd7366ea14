"""Every text the product says to a reader, in the five languages it accepts.

One table, keyed by message then language; every message is written in all
five (a test checks).  ``say`` still falls back, Japanese to Chinese and the
rest to English, for a language the product does not detect.
"""

from __future__ import annotations

from summit_qa.readers.normalize import to_traditional

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
    "link": {
        "zh": "分享链接",
        "en": "Share link",
        "ko": "공유 링크",
        "ja": "共有リンク",
        "vi": "Liên kết chia sẻ",
    },
    "in_page": {
        "zh": "在版面中查看",
        "en": "In the page",
        "ko": "지면에서 보기",
        "ja": "紙面で見る",
        "vi": "Xem trên trang báo",
    },
    "empty_question": {
        "zh": "请输入一个问题。",
        "en": "Please type a question.",
        "ko": "질문을 입력해 주세요.",
        "ja": "質問を入力してください。",
        "vi": "Hãy nhập một câu hỏi.",
    },
    # Small talk: an opener by kind, then what the page is, then example questions.
    "small_talk_greeting": {
        "zh": "你好！",
        "en": "Hello!",
        "ko": "안녕하세요!",
        "ja": "こんにちは！",
        "vi": "Xin chào!",
    },
    "small_talk_thanks": {
        "zh": "不客气。",
        "en": "You're welcome.",
        "ko": "천만에요.",
        "ja": "どういたしまして。",
        "vi": "Không có gì.",
    },
    "small_talk_goodbye": {
        "zh": "再见！",
        "en": "Goodbye!",
        "ko": "안녕히 가세요!",
        "ja": "さようなら！",
        "vi": "Tạm biệt!",
    },
    "small_talk_about": {
        "zh": "我是 summit-qa 问答助手。",
        "en": "I'm summit-qa, a question-answering assistant.",
        "ko": "저는 질의응답 도우미 summit-qa입니다.",
        "ja": "質問応答アシスタントの summit-qa です。",
        "vi": "Tôi là summit-qa, trợ lý hỏi đáp.",
    },
    "small_talk_chat": {
        "zh": "这个我帮不上忙。",
        "en": "I can't help with that.",
        "ko": "그건 도와드릴 수 없어요.",
        "ja": "それにはお答えできません。",
        "vi": "Tôi không giúp được việc đó.",
    },
    "small_talk_page": {
        "zh": "我回答关于2019年2月27日一版中文报纸的问题：第二次特朗普—金正恩河内会晤，"
        "包括2018年以来美朝关系大事记、一篇会晤看点分析和两则新闻。答案逐字引用报道原文并注明日期。可以这样问：",
        "en": "I answer questions about one Chinese newspaper page of 27 February 2019 on the second Trump–Kim "
        "summit in Hanoi: a timeline of US–North Korea events since 2018, an analysis of the summit's issues and "
        "two news items. Answers quote the page word for word, with their dates. Try:",
        "ko": "2019년 2월 27일자 중국어 신문 한 면(하노이 2차 북미 정상회담: 2018년 이후 북미 관계 일지, 회담 쟁점 분석, "
        "뉴스 두 건)에 관한 질문에 답합니다. 답은 신문 원문을 날짜와 함께 그대로 인용합니다. 예:",
        "ja": "2019年2月27日付の中国語新聞1ページ（ハノイでの第2回米朝首脳会談：2018年以降の米朝関係の年表、"
        "会談の焦点の分析、ニュース2本）についての質問に答えます。答えは紙面の原文を日付とともにそのまま引用します。例：",
        "vi": "Tôi trả lời câu hỏi về một trang báo tiếng Trung ngày 27/2/2019 về hội nghị thượng đỉnh Trump–Kim lần "
        "hai ở Hà Nội: niên biểu quan hệ Mỹ–Triều từ 2018, một bài phân tích và hai tin ngắn. Câu trả lời trích "
        "nguyên văn trang báo kèm ngày tháng. Thử hỏi:",
    },
    "more": {
        "zh": "更多段落",
        "en": "More passages",
        "ko": "다른 단락",
        "ja": "ほかの段落",
        "vi": "Các đoạn khác",
    },
    "undated": {"zh": "无日期", "en": "undated", "ko": "날짜 없음", "ja": "日付なし", "vi": "không ghi ngày"},
    "published": {"zh": "见报", "en": "published", "ko": "게재", "ja": "掲載", "vi": "đăng ngày"},
    "error": {
        "zh": "出错了，请再试一次。",
        "en": "Sorry, that failed. Please try again.",
        "ko": "오류가 났습니다. 다시 시도해 주세요.",
        "ja": "エラーが起きました。もう一度お試しください。",
        "vi": "Đã có lỗi, vui lòng thử lại.",
    },
    "glossary": {
        "zh": "词语注释",
        "en": "Glossary",
        "ko": "낱말 풀이",
        "ja": "語句の説明",
        "vi": "Chú giải từ ngữ",
    },
    # The line before a several-passage answer: what follows, counted on the page.
    "lead_page": {
        "zh": "本版（{date}）共{n}篇报道，各篇导语如下：",
        "en": "This page of {date} has {n} articles; their opening passages:",
        "ko": "{date} 지면에는 기사 {n}건이 있습니다. 각 기사의 첫 단락:",
        "ja": "{date}の紙面には記事が{n}本あります。各記事の冒頭：",
        "vi": "Trang báo ngày {date} có {n} bài; đoạn mở đầu của mỗi bài:",
    },
    "lead_overview": {
        "zh": "要点（{n}段，按版面顺序）：",
        "en": "The main points ({n} passages, in page order):",
        "ko": "주요 내용({n}개 단락, 지면 순서):",
        "ja": "要点（{n}段落、紙面の順）：",
        "vi": "Các ý chính ({n} đoạn, theo thứ tự trên trang):",
    },
    "lead_enumeration": {
        "zh": "“{heading}”下列出{n}项，按版面顺序：",
        "en": "Under “{heading}” the page lists {n} items, in page order:",
        "ko": "“{heading}” 아래 {n}개 항목(지면 순서):",
        "ja": "「{heading}」には{n}項目（紙面の順）：",
        "vi": "Mục “{heading}” có {n} ý, theo thứ tự trên trang:",
    },
    "lead_list": {
        "zh": "版面上有{n}段相关内容，{order}：",
        "en": "The page has {n} passages on this, {order}:",
        "ko": "지면에 관련 단락이 {n}개 있습니다({order}):",
        "ja": "紙面に関連する段落が{n}つあります（{order}）：",
        "vi": "Trang báo có {n} đoạn về việc này, {order}:",
    },
    "lead_count": {
        "zh": "版面上共有{n}段提到此事，{order}：",
        "en": "The page mentions this in {n} passages, {order}:",
        "ko": "지면에서 {n}개 단락이 이 일을 다룹니다({order}):",
        "ja": "紙面では{n}つの段落がこれに触れています（{order}）：",
        "vi": "Trang báo nhắc đến việc này trong {n} đoạn, {order}:",
    },
    "lead_range": {
        "zh": "{start}至{end}，版面上有{n}段有日期的内容，{order}：",
        "en": "{n} dated passages of the page fall from {start} to {end}, {order}:",
        "ko": "{start}부터 {end}까지 날짜가 있는 단락 {n}개({order}):",
        "ja": "{start}から{end}までの日付のある段落が{n}つ（{order}）：",
        "vi": "Từ {start} đến {end}, trang báo có {n} đoạn có ngày tháng, {order}:",
    },
    "lead_compare": {
        "zh": "每一方各一段，{order}：",
        "en": "One passage for each, {order}:",
        "ko": "각각 한 단락씩({order}):",
        "ja": "それぞれ一段落ずつ（{order}）：",
        "vi": "Mỗi bên một đoạn, {order}:",
    },
    # Beside the date that answers, the passage's own date when it is another ("26 Feb ·
    # reported 25 Feb": a statement of the 25th about the 26th).
    "reported_on": {
        "zh": "{date}报道",
        "en": "reported {date}",
        "ko": "{date} 보도",
        "ja": "{date}報道",
        "vi": "đưa tin ngày {date}",
    },
    "ask_next": {"zh": "接着问", "en": "Ask next", "ko": "이어서 묻기", "ja": "続けて聞く", "vi": "Hỏi tiếp"},
    "do_you_mean": {
        "zh": "您问的是哪一个？",
        "en": "Which do you mean?",
        "ko": "어느 쪽을 말씀하시나요?",
        "ja": "どちらのことですか？",
        "vi": "Bạn muốn hỏi về điều nào?",
    },
    "in_date_order": {
        "zh": "按时间顺序",
        "en": "in date order",
        "ko": "날짜 순서",
        "ja": "日付の順",
        "vi": "theo thứ tự thời gian",
    },
    "by_relevance": {
        "zh": "相关度高的在前",
        "en": "most relevant first",
        "ko": "관련도 순",
        "ja": "関連の深い順",
        "vi": "liên quan nhất trước",
    },
    "in_page_order": {
        "zh": "按版面顺序",
        "en": "in page order",
        "ko": "지면 순서",
        "ja": "紙面の順",
        "vi": "theo thứ tự trên trang",
    },
    "open_start": {"zh": "最早", "en": "the start", "ko": "처음", "ja": "最初", "vi": "đầu"},
    "open_end": {
        "zh": "版面日期",
        "en": "the page's date",
        "ko": "지면 날짜",
        "ja": "紙面の日付",
        "vi": "ngày ra báo",
    },
    "more_items": {
        "zh": "其余{n}段",
        "en": "{n} more",
        "ko": "나머지 {n}개",
        "ja": "残り{n}段落",
        "vi": "{n} đoạn nữa",
    },
}


def say(key: str, language: str, **values: object) -> str:
    """Message ``key`` in ``language`` (or its fallback), with ``{placeholders}`` filled; a
    reader of traditional characters ("zh-Hant") gets the Chinese text converted."""
    if language == "zh-Hant":
        return to_traditional(say(key, "zh", **values))
    texts = TEXTS[key]
    if language in texts:
        text = texts[language]
    elif language == "ja" and "zh" in texts:
        text = texts["zh"]
    else:
        text = texts["en"]
    return text.format(**values) if values else text


# Example questions offered with the small-talk reply and on the chat page, three per
# language (the tests check each is answered with the passage that answers it).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "zh": ("金正恩哪天抵达越南？", "美国财政部制裁了哪位朝鲜官员？", "河内会晤面临的最大任务是什么？"),
    "en": (
        "When did Kim Jong Un arrive in Vietnam?",
        "Which North Korean officials did the US Treasury sanction?",
        "What happened on August 1, 2018?",
    ),
    "ko": (
        "김정은은 언제 평양을 출발했나요?",
        "트럼프는 언제 하노이에 도착하나요?",
        "김정은은 언제 하노이에 도착했나요?",
    ),
    "ja": (
        "金正恩氏はいつベトナムに到着しましたか？",
        "金正恩氏はいつ平壌を出発しましたか？",
        "トランプ大統領はいつハノイに到着しますか？",
    ),
    "vi": (
        "Kim Jong Un đến Việt Nam ngày nào?",
        "Tàu hỏa của Kim Jong Un đến ga nào ở Việt Nam?",
        "Mỹ đình chỉ cuộc tập trận nào với Hàn Quốc?",
    ),
}


def small_talk(kind: str, language: str) -> str:
    """The reply to small talk of ``kind`` (see smalltalk.classify) in ``language``."""
    if language == "zh-Hant":
        return to_traditional(small_talk(kind, "zh"))
    language = language if language in EXAMPLES else "en"
    opener = f"small_talk_{kind}"
    parts = [say(opener, language)] if opener in TEXTS else []
    parts.append(say("small_talk_page", language))
    text = " ".join(parts)
    return text + "\n" + "\n".join(f"- {q}" for q in EXAMPLES[language])
