"""An office a question says someone took ("蓬佩奥当上国务卿后第一次访朝"): a person's series
is counted from the first passage giving them that office."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# "蓬佩奥当上国务卿后第一次访朝", "his first trip as secretary of state": an office the
# question says the person took, and the words that say so.
_OFFICE = re.compile(r"国务卿|局长|总统|委员长|主席|总理|发言人|部长|室长")
_TOOK = re.compile(
    r"当上|成为|担任|出任|就任|上任|任上|作为|身份|\bafter becoming\b|\bbecame\b"
    r"|\bas (?:the )?(?:new )?(?:u\.?s\.? )?(?:secretary|director|president|chair|spokes|minister|head)"
    r"|된 (?:뒤|후|다음)|취임|으로서|になって|として|sau khi (?:trở thành|làm|nhậm chức|lên)|với tư cách",
    re.I,
)


def in_office(question: str, terms: Sequence[str], texts: Sequence[str]) -> Callable[[int, str], bool]:
    """Whether passage i gives ``person`` the office the question says they took (always
    true when it says none): a series is counted from the first passage that does."""
    offices = set(_OFFICE.findall(question + " ".join(terms))) if _TOOK.search(question) else set()
    if not offices:
        return lambda i, person: True
    office = "|".join(sorted(offices))
    return lambda i, person: bool(re.search(f"(?:{office})[^，。、]{{0,3}}{re.escape(person)}", texts[i]))
