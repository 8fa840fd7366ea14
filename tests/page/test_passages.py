"""The page as passages: verbatim text, reconstructed paragraphs, computed dates."""

import json
import re
import shutil
from pathlib import Path

import pytest

from summit_qa.page.passages import CorpusError, load_passages, sentence_spans

DATA = Path(__file__).resolve().parents[2] / "data"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"
PAGE = (DATA / "hanoi-summit-page-2019-02-27.txt").read_text(encoding="utf-8")
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def passages():
    return load_passages(DATA)


def test_page_is_kept_byte_for_byte():
    seed = SEED / "hanoi-summit-page-2019-02-27.txt"
    if not seed.exists():
        pytest.skip("no ../shared/seed beside this checkout")
    assert (DATA / seed.name).read_bytes() == seed.read_bytes()


def test_passage_count_per_article(passages):
    counts = {}
    for p in passages:
        counts[p.article] = counts.get(p.article, 0) + 1
    # 2 intro paragraphs + 19 timeline entries; 2 lead + 13 body paragraphs; 4; 4.
    assert counts == {"timeline": 21, "analysis": 15, "one-on-one": 4, "arrival": 4}
    assert len(passages) == 44


def test_every_passage_is_verbatim(passages):
    flat = PAGE.replace("\n", "")
    for p in passages:
        assert p.text in flat, p.id
        assert "\n" not in p.text and "□" not in p.text


def test_headings_markers_and_caption_are_not_passages(passages):
    texts = [p.text for p in passages]
    for stray in (
        "最大任务",
        "三大议题",
        "三大障碍",
        "据新华社",
        "据中新社",
        "资料图片",
        "新闻延伸",
        "大事记\n",
    ):
        assert not any(t.strip() == stray or t.startswith(stray) for t in texts), stray
    assert not any("朝美领导人河内会晤有何看点" in t for t in texts)
    assert not any(t == "一年来美朝关系大事记" for t in texts)


def test_no_passage_merges_timeline_entries_or_splits_a_sentence(passages):
    entry_start = re.compile(r"(?:\d{4}年|\d{1,2}月\d{1,2}日)，")
    for p in passages:
        if p.article == "timeline":
            assert len(entry_start.findall(p.text)) <= 1, p.id
        assert re.search(r"[。！？：][”」]?$", p.text), f"{p.id} ends mid-sentence: {p.text[-10:]}"


def test_wrapped_lines_are_joined_without_dropping_spaces(passages):
    by_text = {p.text: p for p in passages}
    assert any("暂停 8 月" in t for t in by_text)
    assert any("僵持近10年的韩朝关系" in t for t in by_text)
    assert any(t.endswith("特朗普将在28日离开越南。") for t in by_text)


def test_continuation_paragraphs_stay_with_their_timeline_entry(passages):
    entry = next(p for p in passages if p.text.startswith("12月10日"))
    assert entry.text.endswith("将朝鲜领导干部列入美制裁名单是“挑衅行为”。")
    entry = next(p for p in passages if p.text.startswith("1月18日"))
    assert "美国白宫同日宣布" in entry.text


def test_metadata(passages):
    first = passages[0]
    assert first.title == "从新加坡到河内 一年来美朝关系大事记"
    assert first.source == "新华社" and first.article == "timeline" and first.position == 0
    lead = next(p for p in passages if p.article == "analysis")
    assert lead.text.startswith("朝鲜最高领导人金正恩与美国总统特朗普27日至28日") and lead.position == 0
    assert lead.section is None
    sections = {p.section for p in passages if p.article == "analysis"}
    assert sections == {None, "最大任务", "三大议题", "三大障碍"}
    news = [p for p in passages if p.article == "one-on-one"]
    assert {p.source for p in news} == {"中新社"}
    assert all(p.title == "美朝领导人今晚将举行首次一对一会谈" for p in news)
    assert [p.position for p in news] == [0, 1, 2, 3]


def test_dates_are_resolved_in_context(passages):
    def find(prefix):
        return next(p for p in passages if p.text.startswith(prefix))

    assert find("2018年年初").date == "2018"
    assert find("3月8日").date == "2018-03-08"
    assert find("5月29日").dates == ("2018-05-29", "2018-05-30", "2018-05-31")
    assert find("10月8日").dates == ("2018-10-08", "2018-10-09", "2018-11-06")
    assert find("11月5日").dates == ("2018-11-05", "2018-11-12", "2018-09")
    assert find("2019年1月1日").date == "2019-01-01"
    assert find("1月18日").dates == ("2019-01-18", "2019-02")
    assert find("2月8日").dates == ("2019-02-08", "2019-02-27", "2019-02-28")
    assert find("朝鲜最高领导人金正恩26日").date == "2019-02-26"
    assert find("金正恩与特朗普去年").date == "2018-06"
    assert find("寻求美方放松制裁").date == "2019-02-20"
    assert find("越南外交部25日").dates == ("2019-02-25", "2019-02-26", "2019-02-27")
    for p in passages:
        assert p.date == (p.dates[0] if p.dates else None)
        assert all(ISO.match(d) for d in p.dates)


def test_sentence_spans_cover_the_text():
    text = "特朗普说，“我愿意。”金正恩抵达。最后"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["特朗普说，“我愿意。”", "金正恩抵达。", "最后"]


MADE_UP_PAGE = """\
 假想之城
峰会回顾

甲国总统与乙国总理定于3月3日至4日在假想之

城会面，这是两人第三次会晤。

2020年年中，两国关系开始回暖。

九月十二日，两国外长在海滨举行会谈，

讨论边境问题。次日，双方发表联合公报。

10月1日，乙国宣布开放口岸。乙国媒体

 5 日评论说，这一决定“意义重大”。

该口岸此前已关闭

三年。

2021年1月9日，两国元首通电话。

□ 据虚构社

乙国总理今日抵达甲国首都，将进行为期两天的访问。

据报道，总理2日上午乘专机离开本国。 □ 据远方社
"""

MADE_UP_MANIFEST = {
    "text_file": "made-up-page.txt",
    "published": "2021-03-03",
    "articles": [
        {
            "id": "made-up-timeline",
            "kind": "timeline",
            "headline": "假想之城 峰会回顾",
            "agency": "虚构社",
            "spans": [{"start": "甲国总统与乙国总理", "end": "□ 据虚构社"}],
        },
        {
            "id": "made-up-news",
            "headline": "乙国总理抵达甲国",
            "agency": "远方社",
            "spans": [{"start": "乙国总理今日抵达", "end": "□ 据远方社"}],
        },
    ],
}


@pytest.fixture
def two_page_dir(tmp_path):
    shutil.copy(DATA / "hanoi-summit-2019-02-27.page.json", tmp_path)
    shutil.copy(DATA / "hanoi-summit-page-2019-02-27.txt", tmp_path)
    (tmp_path / "made-up-page.txt").write_text(MADE_UP_PAGE, encoding="utf-8")
    (tmp_path / "made-up.page.json").write_text(
        json.dumps(MADE_UP_MANIFEST, ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path


def test_a_second_made_up_page_in_the_same_format(two_page_dir):
    passages = load_passages(two_page_dir)
    made_up = [p for p in passages if p.article.startswith("made-up")]
    assert len(passages) == 44 + len(made_up)
    got = [(p.article, p.text, p.date, p.dates) for p in made_up]
    assert got == [
        (
            "made-up-timeline",
            "甲国总统与乙国总理定于3月3日至4日在假想之城会面，这是两人第三次会晤。",
            "2021-03-03",
            ("2021-03-03", "2021-03-04"),
        ),
        ("made-up-timeline", "2020年年中，两国关系开始回暖。", "2020", ("2020",)),
        (
            "made-up-timeline",
            "九月十二日，两国外长在海滨举行会谈，讨论边境问题。次日，双方发表联合公报。",
            "2020-09-12",
            ("2020-09-12", "2020-09-13"),
        ),
        (
            "made-up-timeline",
            "10月1日，乙国宣布开放口岸。乙国媒体 5 日评论说，这一决定“意义重大”。该口岸此前已关闭三年。",
            "2020-10-01",
            ("2020-10-01", "2020-10-05"),
        ),
        ("made-up-timeline", "2021年1月9日，两国元首通电话。", "2021-01-09", ("2021-01-09",)),
        ("made-up-news", "乙国总理今日抵达甲国首都，将进行为期两天的访问。", "2021-03-03", ("2021-03-03",)),
        ("made-up-news", "据报道，总理2日上午乘专机离开本国。", "2021-03-02", ("2021-03-02",)),
    ]
    assert {p.source for p in made_up} == {"虚构社", "远方社"}
    flat = MADE_UP_PAGE.replace("\n", "")
    assert all(p.text in flat for p in made_up)


def test_bad_manifests_give_clear_errors(tmp_path):
    (tmp_path / "page.txt").write_text("正文。\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no page manifest"):
        load_passages(tmp_path)
    bad = dict(MADE_UP_MANIFEST, text_file="page.txt")
    (tmp_path / "m.page.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match="start anchor"):
        load_passages(tmp_path)
    (tmp_path / "m.page.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a page manifest"):
        load_passages(tmp_path)


def test_enumerated_labels_head_the_paragraphs_below_them(passages):
    labels = {p.id: (p.label_word, p.label) for p in passages if p.label}
    assert labels == {"analysis-7": ("议题", 1), "analysis-10": ("议题", 2), "analysis-12": ("议题", 3)}
    by_id = {p.id: p for p in passages}
    assert by_id["analysis-8"].heading == by_id["analysis-7"].text
    assert by_id["analysis-13"].context == "三大议题 议题三：互设联络处与终战宣言。"
    assert by_id["analysis-14"].heading is None and by_id["analysis-14"].context == "三大障碍"
    assert by_id["analysis-3"].context == "最大任务" and by_id["analysis-0"].context == ""
    assert all(p.heading is None and p.label is None for p in passages if p.article != "analysis")
