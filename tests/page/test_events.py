"""The page's events: what each passage reports, read from its text."""

from summit_qa.page.events import Event, actions_in, page_events
from summit_qa.page.names import Glossary
from summit_qa.page.passages import load_passages
from summit_qa.settings import packaged_data_dir


def test_actions_are_read_from_the_words_of_the_page():
    assert "visit" in actions_in("蓬佩奥再次访问朝鲜")
    assert "sanction" in actions_in("将制裁朝鲜劳动党组织指导部部长")
    assert "remains" in actions_in("迎回朝鲜归还的美军士兵遗骸")
    assert actions_in("以下是大事记") == ()
    assert "protest" in actions_in("对美方的态度感到“无比遗憾”") and "protest" in actions_in("称其为挑衅行为")


def test_a_letter_is_a_letter_not_a_speech():
    assert "letter" in actions_in("特朗普收到了他的亲笔信") and "letter" in actions_in("美方收到来信")
    assert "letter" not in actions_in("他发表新年贺词")  # an address, heard by all, sent to no one


def test_every_passage_has_an_event_with_its_names_and_day():
    data = packaged_data_dir()
    passages = load_passages(data)
    events = page_events(passages, Glossary.load(data / "glossary.json"))
    assert [e.passage for e in events] == list(range(len(passages)))
    dated = [e for e in events if e.day]
    assert dated and all(len(e.day) >= 7 for e in dated)
    pompeo = [e for e in events if "蓬佩奥" in e.names and "visit" in e.actions]
    assert len(pompeo) >= 3 and all("蓬佩奥" in passages[e.passage].text for e in pompeo)


def test_within_reads_any_precision():
    e = Event(0, "a", "", ("2018-07-06",), "2018-07-06", (), ())
    assert e.within("2018-07", "2018-08") and e.within("2018", "2018") and e.within(None, None)
    assert not e.within("2018-08", None) and not e.within(None, "2018-06")
    assert not Event(0, "a", "", (), None, (), ()).within(None, None)
