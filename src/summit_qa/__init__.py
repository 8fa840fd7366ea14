"""summit-qa: extractive question answering over the 2019 Hanoi summit news page."""

from summit_qa.corpus import Passage, load_passages

__all__ = ["Passage", "load_passages"]
