"""summit-qa: extractive question answering over the 2019 Hanoi summit news page.

>>> from summit_qa import answer
>>> res = answer("金正恩哪天抵达越南？", top_k=3)
>>> res.passages[0].date
'2019-02-26'
"""

from summit_qa.answering.answer import Answer, ScoredPassage
from summit_qa.answering.default import answer
from summit_qa.answering.engine import SummitQA
from summit_qa.page.passages import Passage, load_passages

__all__ = ["Answer", "Passage", "ScoredPassage", "SummitQA", "answer", "load_passages"]
