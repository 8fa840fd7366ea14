"""What the JSON API and the MCP tool say about a request they refuse, in the five languages.

The language is the question's when the request has one (``detect_language``), else the
first of the five that ``Accept-Language`` names, else English.
"""

from __future__ import annotations

from summit_qa.page.language import LANGUAGES, detect_language

SHAPE = '{{"question": "…", "history": ["…"], "top_k": 3}}'

TEXTS: dict[str, dict[str, str]] = {
    "bad_body": {
        "zh": f"请求须为 JSON，例如 {SHAPE}：{{problems}}",
        "en": f"The request must be JSON like {SHAPE}: {{problems}}",
        "ko": f"요청은 {SHAPE} 형식의 JSON이어야 합니다: {{problems}}",
        "ja": f"リクエストは {SHAPE} のような JSON にしてください: {{problems}}",
        "vi": f"Yêu cầu phải là JSON dạng {SHAPE}: {{problems}}",
    },
    "question_too_long": {
        "zh": "问题超过{n}个字符，请缩短后再问。",
        "en": "The question is longer than {n} characters: ask a shorter one.",
        "ko": "질문이 {n}자를 넘습니다. 더 짧게 질문해 주세요.",
        "ja": "質問が{n}文字を超えています。短くしてください。",
        "vi": "Câu hỏi dài hơn {n} ký tự: hãy hỏi ngắn hơn.",
    },
    "history_too_long": {
        "zh": "对话历史超过{turns}个问题或{chars}个字符，请只发送最近的问题。",
        "en": "The history is longer than {turns} questions or {chars} characters: send the newest ones.",
        "ko": "대화 기록이 질문 {turns}개 또는 {chars}자를 넘습니다. 최근 질문만 보내 주세요.",
        "ja": "履歴が質問{turns}件または{chars}文字を超えています。最近の質問だけを送ってください。",
        "vi": "Lịch sử dài hơn {turns} câu hỏi hoặc {chars} ký tự: chỉ gửi những câu gần nhất.",
    },
    "not_ready": {
        "zh": "模型和索引仍在加载，请几秒后再试。",
        "en": "The model and index are still loading: ask again in a few seconds.",
        "ko": "모델과 색인을 아직 불러오는 중입니다. 몇 초 후에 다시 시도해 주세요.",
        "ja": "モデルと索引を読み込み中です。数秒後にもう一度お試しください。",
        "vi": "Mô hình và chỉ mục vẫn đang được tải: hãy thử lại sau vài giây.",
    },
    "no_key": {
        "zh": "此接口需要密钥：请以 Authorization: Bearer <密钥> 或 X-API-Key: <密钥> 发送。",
        "en": "This API needs its key: send it as Authorization: Bearer <key> or X-API-Key: <key>.",
        "ko": "이 API에는 키가 필요합니다. Authorization: Bearer <키> 또는 X-API-Key: <키>로 보내 주세요.",
        "ja": "この API にはキーが必要です。Authorization: Bearer <キー> か X-API-Key: <キー> "
        "で送ってください。",
        "vi": "API này cần khóa: gửi bằng Authorization: Bearer <khóa> hoặc X-API-Key: <khóa>.",
    },
    "closed": {
        "zh": "接口未开放：此服务器可从其他机器访问，但未设置密钥（SUMMIT_QA_API_KEY）。",
        "en": "The API is closed: this server is reachable from other machines and has no key "
        "(SUMMIT_QA_API_KEY).",
        "ko": "API가 닫혀 있습니다. 이 서버는 다른 컴퓨터에서 접근할 수 있지만 키(SUMMIT_QA_API_KEY)가 "
        "없습니다.",
        "ja": "API は閉じています。このサーバーは他のマシンから届きますが、キー（SUMMIT_QA_API_KEY）が"
        "ありません。",
        "vi": "API đang đóng: máy chủ này truy cập được từ máy khác nhưng chưa có khóa (SUMMIT_QA_API_KEY).",
    },
    "not_found": {
        "zh": "没有这个路径：接口有 POST /api/v1/answer 和 GET /api/v1/passages（见 /docs）。",
        "en": "No such route: the API has POST /api/v1/answer and GET /api/v1/passages (see /docs).",
        "ko": "그런 경로가 없습니다. API에는 POST /api/v1/answer와 GET /api/v1/passages가 있습니다"
        "(/docs 참고).",
        "ja": "そのパスはありません。API には POST /api/v1/answer と GET /api/v1/passages があります"
        "（/docs を参照）。",
        "vi": "Không có đường dẫn này: API có POST /api/v1/answer và GET /api/v1/passages (xem /docs).",
    },
    "method": {
        "zh": "{path} 只接受 {method} 请求。",
        "en": "{path} takes {method}.",
        "ko": "{path}는 {method} 요청만 받습니다.",
        "ja": "{path} は {method} のみ受け付けます。",
        "vi": "{path} chỉ nhận yêu cầu {method}.",
    },
    "internal": {
        "zh": "回答时出错，服务器日志中有记录。请再问一次。",
        "en": "Something went wrong while answering; the server's log says what. Ask again.",
        "ko": "답변 중 오류가 발생했습니다(서버 로그에 기록됨). 다시 질문해 주세요.",
        "ja": "回答中にエラーが発生しました（サーバーのログに記録済み）。もう一度お尋ねください。",
        "vi": "Đã xảy ra lỗi khi trả lời (có trong nhật ký máy chủ). Hãy hỏi lại.",
    },
    "too_many": {
        "zh": "你的地址请求过多，请等待{wait}秒后再问。",
        "en": "Too many requests from your address: wait {wait} s and ask again.",
        "ko": "요청이 너무 많습니다. {wait}초 후에 다시 질문해 주세요.",
        "ja": "リクエストが多すぎます。{wait}秒待ってからもう一度お尋ねください。",
        "vi": "Quá nhiều yêu cầu từ địa chỉ của bạn: hãy đợi {wait} giây rồi hỏi lại.",
    },
    "busy": {
        "zh": "服务器繁忙，请几秒后再问。",
        "en": "The server is busy: ask again in a few seconds.",
        "ko": "서버가 바쁩니다. 몇 초 후에 다시 질문해 주세요.",
        "ja": "サーバーが混み合っています。数秒後にもう一度お尋ねください。",
        "vi": "Máy chủ đang bận: hãy hỏi lại sau vài giây.",
    },
    "too_large": {
        "zh": "请求超过{mb} MB，请缩短问题。",
        "en": "The request is larger than {mb} MB: ask a shorter question.",
        "ko": "요청이 {mb}MB를 넘습니다. 더 짧게 질문해 주세요.",
        "ja": "リクエストが{mb} MBを超えています。質問を短くしてください。",
        "vi": "Yêu cầu lớn hơn {mb} MB: hãy hỏi ngắn hơn.",
    },
}


def api_say(key: str, language: str, **values: object) -> str:
    """Message ``key`` in ``language`` (English for a language not among the five)."""
    texts = TEXTS[key]
    return texts.get(language, texts["en"]).format(**values)


def accepted_language(header: str | None) -> str | None:
    """The first of the five languages an ``Accept-Language`` header names (``ko-KR,ko;q=0.9``), or None."""
    for part in (header or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return None


def request_language(question: object = None, accept: str | None = None) -> str:
    """The question's language when there is a question, else ``Accept-Language``'s, else English."""
    if isinstance(question, str) and question.strip():
        return detect_language(question)
    return accepted_language(accept) or "en"
