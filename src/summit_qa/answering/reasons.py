"""Why: the words by which news prose gives a reason, and whether the page gives one.

"Why was the ceremony held in Hawaii?" is told by a passage that gives a reason, or the
reply says the page gives none; "what did he go there to do?" is told by what he did.
"""

from __future__ import annotations

import re

from summit_qa.answering.cues import WHY, matches

# Words by which news prose gives a reason: "按照…承诺", "应…邀请", "借…之机", "因为", "指责…".
REASON = re.compile(
    r"因为|由于|为了|为落实|以便|旨在|以此|出于|鉴于|原因|理由|目的|按照|根据|应[^，。]{0,30}邀请|"
    r"借[^，。]{0,20}之机|认为|指责|批评|担心|不满|遗憾|"
    # a condition or a purpose: "如果美国采取相应措施，朝方有意…", "作为对朝安全保障措施", "就推动落实…进行"
    r"如果|假如|只要|作为[^，。]{0,12}(?:措施|条件|回报|筹码)|换取|推动落实"
)


# What someone went somewhere to do ("他去平壤干嘛去了", "뭐 하러 갔어"), or what a meeting
# was for ("何の目的で？", "目的是什么"): a purpose the passage telling what they did there, or
# what the meeting discussed, answers, whether or not it gives a reason.
PURPOSE = {
    "zh": re.compile(
        r"干[嘛吗啥]去|去(?:干|做|搞)(?:嘛|吗|啥|什么)|(?:干|做)什么去|为了(?:什么|啥)|目的是?(?:什么|啥)"
    ),
    "en": re.compile(
        r"\bgo (?:there |to [\w ]{1,20})?(?:for|to do)\b|\bwent (?:there |to [\w ]{1,20})?(?:for|to do)\b|"
        # an event's purpose, not "what is the venue for…"
        r"\bwhat (?:was|is) (?:it|that|this|(?:the|that|this)(?: \w+)? (?:meeting|summit|talks|trip|visit)) for\b|"
        r"\bwhat for\b|\bfor what purpose\b|\bpurpose\b",
        re.I,
    ),
    "ko": re.compile(r"뭐\s*하러|무엇을\s*하러|뭘\s*하러|무엇을\s*위해|뭘\s*위해|목적"),
    "ja": re.compile(r"何しに|何をしに|何のため|目的"),
    "vi": re.compile(r"đi làm gì|sang làm gì|đến làm gì|để làm gì|mục đích"),
}
# What someone did on a trip: the answer to what they went there to do.
ACTIVITY = re.compile(r"会见|会面|会谈|会晤|参加|出席|磋商|商讨|讨论|访问")


def unexplained(question: str, language: str, best: str) -> bool:
    """A new "why" question whose best passage gives no reason ("why Hawaii for the
    ceremony?"): the page does not say, and the reply tells so rather than show the event.
    What someone went to do is told by what they did there."""
    if matches(PURPOSE, question, language) and ACTIVITY.search(best):
        return False
    return matches(WHY, question, language) and not REASON.search(best)
