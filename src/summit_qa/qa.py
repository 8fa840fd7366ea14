"""``answer()``: rank the page's passages for a question, or say it is not there.

Ranking fuses five signals per passage, each put on a comparable scale:

* dense: e5 cosine of the question with the whole passage and with its best
  sentence (a long paragraph's one relevant sentence is not drowned out),
  z-scored across the page so that the spread, not the level, counts;
* late interaction: each question token's best match among the passage's
  tokens, averaged (MaxSim, see ``late.py``), over the whole passage and over
  its best sentence, each z-scored;
* lexical: BM25 scaled to [0, 1] by the question's best possible score, so a
  question that shares no term with the page adds nothing rather than noise;
* names across scripts: a question's English, Korean, Japanese or Vietnamese
  names and terms ("Pompeo", "폼페이오") are looked up in ``data/glossary.json``;
  their Chinese forms join the lexical query and, embedded as a second query,
  add their own dense score;
* dates: a passage whose date, or a date it mentions, matches a date the
  question names is lifted.

A question is refused ("not in this article") when its best dense similarity
is below a floor calibrated on ``eval/qa.jsonl`` (one for Chinese questions,
one across languages) and no month or day it names matches a passage; and
with the publication date when it asks how an event the page only announces
turned out.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path

import numpy as np

from summit_qa.corpus import Passage, default_data_dir
from summit_qa.dates import DateQuery, question_dates
from summit_qa.index import UNIT_SENTENCE, Encoder, SearchIndex, load_or_build
from summit_qa.lexical import BM25

MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class ScoredPassage(Passage):
    """A corpus passage plus how it ranked for one question."""

    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    date_match: bool = False
    highlight: tuple[int, int] = (0, 0)  # the best-answering sentence, as a span of .text

    @property
    def highlighted_sentence(self) -> str:
        return self.text[self.highlight[0] : self.highlight[1]]


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    passages: list[ScoredPassage]
    language: str
    message: str = ""  # why nothing is shown, in the question's language


@dataclass(frozen=True)
class QueryEncoding:
    """A question's vectors: itself (row 0) and its glossary translation (row 1, if any),
    plus the question's token vectors for late interaction."""

    vectors: np.ndarray
    tokens: np.ndarray


# The fused signals, one column each in Ranking.signals; a disabled one is all zeros.
SIGNALS = ("dense", "translated", "late", "late_sentence", "lexical", "dates")
_COLUMN = {name: i for i, name in enumerate(SIGNALS)}


@dataclass(frozen=True)
class Ranking:
    """Every passage's scores for one question, best first in ``order``."""

    order: np.ndarray
    score: np.ndarray  # = signals @ config.weights()
    signals: np.ndarray  # [passages, len(SIGNALS)], each on the scale the fusion weighs it
    dense: np.ndarray  # the raw cosine mix, before z-scoring: refusal reads it
    best_unit: np.ndarray
    terms: tuple[str, ...]
    answered: bool
    after_page: bool = False  # refused: asks how an event the page only announces turned out

    @property
    def lexical(self) -> np.ndarray:
        return self.signals[:, _COLUMN["lexical"]]

    @property
    def dates(self) -> np.ndarray:
        return self.signals[:, _COLUMN["dates"]]


@dataclass(frozen=True)
class RankingConfig:
    """The fusion's few knobs; defaults were chosen on the eval set (see README)."""

    use_dense: bool = True
    use_late: bool = True
    use_lexical: bool = True
    use_glossary: bool = True
    use_dates: bool = True
    lexical_tokenizer: str | None = None  # None: the index's own (see index.DEFAULT_LEXICAL)
    sentence_weight: float = 0.7  # dense = mix of whole-passage and best-sentence cosine
    late_weight: float = 1.0  # late interaction over the whole passage, z-scored
    late_sentence_weight: float = 1.0  # ... and over its best sentence
    lexical_weight: float = 3.0  # on the z-scored dense scale
    date_weight: float = 2.0
    translated_weight: float = 1.0  # the glossary-translated query's dense score, for foreign questions
    # Refusal. e5's cosines sit higher for a question in the page's language
    # (Chinese) than across languages, so each has its own floor; a foreign
    # question naming several of the page's names or terms gets a lower one; a
    # question whose month or day matches a passage's date is always in scope.
    same_language_floor: float = 0.87
    cross_language_floor: float = 0.79
    cross_language_floor_with_terms: float = 0.75
    terms_for_lower_floor: int = 2
    use_temporal_scope: bool = True

    def weights(self) -> np.ndarray:
        """The fusion's weight per signal, in :data:`SIGNALS` order."""
        neural = self.use_dense or self.use_late
        return np.array(
            [
                1.0,
                self.translated_weight,
                self.late_weight,
                self.late_sentence_weight,
                self.lexical_weight if neural else 1.0,
                self.date_weight,
            ],
            np.float32,
        )


# The eval's columns: the two retrievers alone, ablations, and the shipped hybrid (last).
BASELINES = {
    "lexical": RankingConfig(use_dense=False, use_late=False, use_glossary=False, use_dates=False),
    "dense": RankingConfig(
        use_lexical=False, use_late=False, use_glossary=False, use_dates=False, sentence_weight=0.0
    ),
    "late": RankingConfig(
        use_dense=False, use_lexical=False, use_glossary=False, use_dates=False, late_sentence_weight=0.0
    ),
    "hybrid-no-late": RankingConfig(use_late=False),
    "hybrid-jieba": RankingConfig(lexical_tokenizer="jieba"),
    "hybrid-no-glossary": RankingConfig(use_glossary=False),
    "hybrid-no-temporal": RankingConfig(use_temporal_scope=False),
    "hybrid": RankingConfig(),
}

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)

NOT_IN_ARTICLE = {
    "zh": "这篇报道里没有这个问题的答案。",
    "en": "That is not in this article.",
    "ko": "이 기사에는 그 내용이 없습니다.",
    "ja": "その内容はこの記事にはありません。",
    "vi": "Bài báo này không có thông tin đó.",
}
AFTER_THE_PAGE = {
    "zh": "这篇报道发表于{date}，当时此事还没有结果，报道里没有答案。",
    "en": "This article was published on {date}, before that was known: it is not in this article.",
    "ko": "이 기사는 {date}에 발행되어 그 결과를 알 수 없습니다.",
    "ja": "この記事は{date}の発行で、その結果はまだ分かりません。",
    "vi": "Bài báo đăng ngày {date}, trước khi có kết quả đó.",
}
# Words asking how something turned out (an outcome, not a plan).
_OUTCOME = re.compile(
    r"最后|最终|结果|成果如何|破裂|无果|签署了|达成了|为何失败|为什么失败|提前结束|(?:为什么|为何).{0,8}结束"
    r"|\boutcome\b|\bresults?\b|\bended\b|\bend(?:ed|s)? without\b|\bcollapsed?\b|\bbroke down\b"
    r"|\bwhat (?:was|were) (?:agreed|signed)\b|\bdid\b.*\b(?:sign|agree|achieve|reach)\b"
    r"|결과|결렬|끝났|합의했|서명했|結果|決裂|終わった|合意した|署名した"
    r"|kết quả|kết thúc|đổ vỡ|đã ký|đã đạt được",
    re.I,
)
EMPTY_QUESTION = {
    "zh": "请输入一个问题。",
    "en": "Please type a question.",
}


def detect_language(text: str) -> str:
    """A script-based guess, enough to pick the reply language."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _CJK.search(text):
        return "zh"
    if _VIETNAMESE.search(text):
        return "vi"
    return "en"


def clean_question(question: str) -> str:
    """A question as ``rank()`` takes it: whitespace runs made one space, length capped."""
    return " ".join(question.split())[:MAX_QUESTION_CHARS]


def _alias_pattern(alias: str) -> re.Pattern[str]:
    """Latin-script aliases match whole words (all-caps ones, like "US", by case);
    CJK and Hangul ones match anywhere, since particles attach to them ("김정은은")."""
    escaped = re.escape(alias)
    if not _LATIN.search(alias):
        return re.compile(escaped)
    flags = 0 if alias.isupper() else re.I
    return re.compile(rf"(?<!\w){escaped}(?!\w)", flags)


@dataclass(frozen=True, eq=False)
class Glossary:
    """Cross-script aliases → the Chinese form printed on the page."""

    aliases: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def load(cls, path: Path) -> Glossary:
        if not path.exists():
            return cls(())
        entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
        pairs = []
        for entry in entries:
            for alias in entry["aliases"]:
                pairs.append((_alias_pattern(alias.strip()), entry["zh"]))
        return cls(tuple(pairs))

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one glossary per process; rank() asks twice
    def chinese_terms(self, question: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(zh for pattern, zh in self.aliases if pattern.search(question)))


def _zscore(x: np.ndarray) -> np.ndarray:
    std = float(x.std())
    return (x - x.mean()) / std if std > 1e-9 else np.zeros_like(x)


def _date_scores(passages: list[Passage], wanted: list[DateQuery]) -> np.ndarray:
    """1 when the passage's own date or a date it mentions matches one the question names.

    A mention counts as much as the passage's own date: "what is planned for the
    27th?" is answered by a passage dated the 25th that announces the 27th.
    """
    out = np.zeros(len(passages), np.float32)
    if not wanted:
        return out
    for i, p in enumerate(passages):
        if any(q.matches(d) for q in wanted for d in (p.date, *p.dates) if d):
            out[i] = 1.0
    return out


class SummitQA:
    """The question-answering facade over an encoder, an index and a glossary."""

    def __init__(self, encoder: Encoder, index: SearchIndex, glossary: Glossary, config: RankingConfig):
        self.encoder = encoder
        self.index = index
        self.glossary = glossary
        self.config = config
        self.published = dt.date.fromisoformat(index.passages[0].published) if index.passages else None
        self._article_dates: dict[str, str] = {}
        for p in index.passages:
            if p.date:
                self._article_dates.setdefault(p.article, p.date)

    @classmethod
    def open(
        cls,
        model: str | None = None,
        data_dir: Path | None = None,
        index_root: Path | None = None,
        rebuild: bool = False,
        config: RankingConfig | None = None,
        say=print,
    ) -> SummitQA:
        from summit_qa.embedding import Embedder

        encoder = Embedder(model, progress=say)
        index = load_or_build(encoder, data_dir, index_root, rebuild=rebuild, say=say)
        glossary = Glossary.load((Path(data_dir) if data_dir else default_data_dir()) / "glossary.json")
        return cls(encoder, index, glossary, config or RankingConfig())

    def with_config(self, config: RankingConfig) -> SummitQA:
        """The same engine ranking by another config (an in-memory BM25 if it names another tokenizer)."""
        index = self.index
        if config.lexical_tokenizer and config.lexical_tokenizer != index.lexical.tokenizer:
            lexical = BM25.build([p.text for p in index.passages], config.lexical_tokenizer)
            index = replace(index, lexical=lexical)
        return SummitQA(self.encoder, index, self.glossary, config)

    def query_texts(self, question: str) -> list[str]:
        """The question, plus its glossary translation when it is not in Chinese.

        e5's cross-lingual similarities are compressed; the Chinese names and
        terms of a foreign question, embedded as a second query, are compared
        with the Chinese passages in their own language.
        """
        texts = [question]
        c = self.config
        if c.use_dense and c.use_glossary and c.translated_weight > 0 and detect_language(question) != "zh":
            terms = self.glossary.chinese_terms(question)
            if terms:
                texts.append(" ".join(terms))
        return texts

    def encode_questions(self, questions: list[str]) -> list[QueryEncoding]:
        """Query vectors and tokens for many questions in one pass (rows as in :meth:`query_texts`)."""
        texts = [self.query_texts(q) for q in questions]
        encoded = self.encoder.encode([t for group in texts for t in group], "query", batch_size=32)
        out, start = [], 0
        for group in texts:
            end = start + len(group)
            out.append(QueryEncoding(encoded.vectors[start:end], encoded.tokens[start]))
            start += len(group)
        return out

    def rank(self, question: str, query: QueryEncoding | None = None) -> Ranking:
        """Score every passage for a cleaned, non-empty question."""
        c = self.config
        passages = self.index.passages
        n = len(passages)
        signals = np.zeros((n, len(SIGNALS)), np.float32)
        dense = np.zeros(n, np.float32)
        best_unit = np.full(n, -1, np.int64)
        if not (c.use_dense or c.use_late):
            query = None  # a lexical-only ranking refuses on lexical grounds too
        elif query is None:
            query = self.encode_questions([question])[0]
        if query is not None:  # the dense cosine also decides refusal
            dense, best_unit = self._dense(query.vectors[0])
        if c.use_dense:
            signals[:, _COLUMN["dense"]] = _zscore(dense)
            if len(query.vectors) > 1 and c.use_glossary:
                signals[:, _COLUMN["translated"]] = _zscore(self._dense(query.vectors[1])[0])
        if c.use_late:
            whole, sentence = self.index.tokens.scores(query.tokens)
            signals[:, _COLUMN["late"]] = _zscore(whole)
            signals[:, _COLUMN["late_sentence"]] = _zscore(sentence)
        terms = self.glossary.chinese_terms(question) if c.use_glossary else ()
        if c.use_lexical:
            signals[:, _COLUMN["lexical"]] = self.index.lexical.scores(question, extra_terms=terms)
        dated = False
        if c.use_dates and self.published:
            wanted = question_dates(question, self.published)
            signals[:, _COLUMN["dates"]] = _date_scores(passages, wanted)
            specific = [q for q in wanted if q.month is not None or q.day is not None]
            dated = bool(specific) and _date_scores(passages, specific).max() >= 1.0
        score = signals @ c.weights()
        order = np.argsort(-score, kind="stable")
        answered = self._in_scope(question, dense if query is not None else None, terms, dated)
        after_page = answered and c.use_temporal_scope and self._asks_after_the_page(question, order[:3])
        return Ranking(
            order, score, signals, dense, best_unit, terms, answered and not after_page, after_page
        )

    def _dense(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: the whole-passage / best-sentence cosine mix, and the best unit."""
        whole, sentence, best_unit = self.index.dense_scores(query_vector)
        sentence = np.where(sentence > -1, sentence, whole)
        w = self.config.sentence_weight
        return (1 - w) * whole + w * sentence, best_unit

    def _asks_after_the_page(self, question: str, top: np.ndarray) -> bool:
        """True for a question about the outcome of an event the page reports as upcoming.

        The page cannot know how an event on or after its publication day turned
        out; "what did the Hanoi summit sign?" would otherwise get a passage
        written before it.  It applies when every one of the best passages is
        about such an event (its own date, or its article's first date when it
        has none, on or after the publication day).
        """
        if not self.published or not _OUTCOME.search(question):
            return False
        published = self.published.isoformat()
        for i in top:
            p = self.index.passages[int(i)]
            event = p.date or self._article_dates.get(p.article)
            if not event or len(event) < 10 or event < published:
                return False
        return True

    def answer(self, question: str, top_k: int = 3, query: QueryEncoding | None = None) -> Answer:
        question = question if isinstance(question, str) else ""
        language = detect_language(question)
        cleaned = clean_question(question)
        if not any(ch.isalnum() for ch in cleaned):
            lang = "zh" if language in ("zh", "ja") else "en"
            return Answer(question, False, [], language, EMPTY_QUESTION[lang])
        r = self.rank(cleaned, query)
        if not r.answered:
            if r.after_page:
                message = AFTER_THE_PAGE.get(language, AFTER_THE_PAGE["en"]).format(date=self.published)
            else:
                message = NOT_IN_ARTICLE.get(language, NOT_IN_ARTICLE["en"])
            return Answer(question, False, [], language, message)
        results = []
        for i in r.order[: max(1, int(top_k))]:
            p = self.index.passages[i]
            base = {f.name: getattr(p, f.name) for f in fields(Passage)}
            results.append(
                ScoredPassage(
                    **base,
                    score=float(r.score[i]),
                    dense=float(r.dense[i]),
                    lexical=float(r.lexical[i]),
                    date_match=bool(r.dates[i] > 0),
                    highlight=self._highlight(p, int(r.best_unit[i]), cleaned, r.terms),
                )
            )
        return Answer(question, True, results, language)

    def _in_scope(self, question: str, dense: np.ndarray | None, terms: tuple[str, ...], dated: bool) -> bool:
        c = self.config
        if dated:
            return True
        if dense is None:  # lexical only: any matched term
            return bool(terms) or bool(self.index.lexical.query_terms(question))
        best = float(dense.max())
        if detect_language(question) == "zh":
            return best >= c.same_language_floor
        if best >= c.cross_language_floor:
            return True
        return len(terms) >= c.terms_for_lower_floor and best >= c.cross_language_floor_with_terms

    def _highlight(self, p: Passage, unit: int, question: str, terms: tuple[str, ...]) -> tuple[int, int]:
        """The sentence that best answers: the best dense sentence, else the best lexical one."""
        if unit >= 0 and self.index.units[unit, 1] == UNIT_SENTENCE:
            return int(self.index.units[unit, 2]), int(self.index.units[unit, 3])
        spans = p.sentences()
        if len(spans) <= 1:
            return (0, len(p.text))
        terms_of = self.index.lexical.query_terms
        wanted = set(terms_of(question + " " + " ".join(terms)))
        return max(spans, key=lambda s: len(wanted & set(terms_of(p.text[s[0] : s[1]]))))


_default: SummitQA | None = None
_default_lock = threading.Lock()


def default_engine(say=print) -> SummitQA:
    """The process-wide engine on the default model and data, opened once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SummitQA.open(say=say)
        return _default


def answer(question: str, top_k: int = 3) -> Answer:
    """Answer a question about the page with its best passages, verbatim and dated."""
    return default_engine().answer(question, top_k=top_k)


__all__ = [
    "SIGNALS",
    "Answer",
    "QueryEncoding",
    "RankingConfig",
    "ScoredPassage",
    "SummitQA",
    "answer",
    "clean_question",
]
