"""Scope: when a ranked question is answered, and when it is refused.

One policy object holds every rule that decides between an answer and "not
in this article":

* the refusal floors: e5's cosines run higher for a question in the page's
  language (Chinese) than across languages, so each has its own floor, and a
  foreign question naming several of the page's names or terms gets a lower
  one; a question whose month or day matches a passage's date is always in
  scope;
* the outcome rule: a question asking how an event turned out, when every one
  of its best passages is about an event on or after the publication day, is
  refused with that day: the page announces the Hanoi summit, it cannot report
  its outcome.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from summit_qa.config import RankingConfig
from summit_qa.corpus import Passage

# Words asking how something turned out (an outcome, not a plan).
OUTCOME = re.compile(
    r"最后|最终|结果|成果如何|破裂|无果|签署了|达成了|为何失败|为什么失败|提前结束|(?:为什么|为何).{0,8}结束"
    r"|\boutcome\b|\bresults?\b|\bended\b|\bend(?:ed|s)? without\b|\bcollapsed?\b|\bbroke down\b"
    r"|\bwhat (?:was|were) (?:agreed|signed)\b|\bdid\b.*\b(?:sign|agree|achieve|reach)\b"
    r"|결과|결렬|끝났|합의했|서명했|結果|決裂|終わった|合意した|署名した"
    r"|kết quả|kết thúc|đổ vỡ|đã ký|đã đạt được",
    re.I,
)


@dataclass(frozen=True)
class ScopePolicy:
    """The floors and the outcome rule, with what they need to know about the page."""

    same_language_floor: float
    cross_language_floor: float
    cross_language_floor_with_terms: float
    terms_for_lower_floor: int
    use_temporal_scope: bool = True
    published: str | None = None  # ISO day the page was published
    article_dates: Mapping[str, str] = field(default_factory=dict)  # article → its first date

    @classmethod
    def for_page(cls, config: RankingConfig, passages: Sequence[Passage]) -> ScopePolicy:
        article_dates: dict[str, str] = {}
        for p in passages:
            if p.date:
                article_dates.setdefault(p.article, p.date)
        return cls(
            same_language_floor=config.same_language_floor,
            cross_language_floor=config.cross_language_floor,
            cross_language_floor_with_terms=config.cross_language_floor_with_terms,
            terms_for_lower_floor=config.terms_for_lower_floor,
            use_temporal_scope=config.use_temporal_scope,
            published=passages[0].published if passages else None,
            article_dates=article_dates,
        )

    def in_scope(
        self, language: str, best_dense: float | None, glossary_terms: int, dated: bool, lexical_match: bool
    ) -> bool:
        """Whether a question is about the page, from its best dense cosine (None for a
        ranking without a model: then any term it shares with the page will do)."""
        if dated:
            return True
        if best_dense is None:
            return lexical_match
        if language == "zh":
            return best_dense >= self.same_language_floor
        if best_dense >= self.cross_language_floor:
            return True
        return (
            glossary_terms >= self.terms_for_lower_floor
            and best_dense >= self.cross_language_floor_with_terms
        )

    def event_date(self, passage: Passage) -> str | None:
        """When the event a passage tells of happens: its own date, else its article's first."""
        return passage.date or self.article_dates.get(passage.article)

    def asks_after_the_page(self, question: str, top: Sequence[Passage]) -> bool:
        """True for a question about the outcome of an event the page reports as upcoming:
        it asks how something turned out, and every one of ``top`` (the best passages) is
        about an event on or after the publication day."""
        if not self.use_temporal_scope or not self.published or not OUTCOME.search(question):
            return False
        for p in top:
            event = self.event_date(p)
            if not event or len(event) < 10 or event < self.published:
                return False
        return True
