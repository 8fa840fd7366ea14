"""The launched chat app, through gradio_client and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
ARRIVAL = "朝鲜最高领导人金正恩26日抵达越南，将对越南进行正式友好访问并在河内与美国总统特朗普举行会晤。"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, summit_home):
    port = _free_port()
    log = tmp_path_factory.mktemp("app") / "app.log"
    index = tmp_path_factory.mktemp("app-index")
    env = {**os.environ, "SUMMIT_QA_INDEX": str(index), "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(port)], stdout=out, stderr=out, env=env
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app exited early:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"app did not start:\n{log.read_text()[-3000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]
    assert "Building the index" in text  # a fresh index folder: built on first start, and said so


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


def test_chinese_question_gets_the_verbatim_passage_and_date(client):
    reply = client.predict("金正恩哪天抵达越南？", api_name="/answer")
    assert reply.startswith("**2019-02-26** · 朝鲜最高领导人金正恩抵达越南 · 新华社")
    assert ARRIVAL in reply
    assert "<details><summary>更多段落 (2)</summary>" in reply


def test_english_question(client):
    reply = client.predict("Which North Korean officials did the US Treasury sanction?", api_name="/answer")
    assert reply.startswith("**2018-12-10** · 从新加坡到河内 一年来美朝关系大事记 (From Singapore to Hanoi")
    assert "新华社 (Xinhua)" in reply and "Glossary (" in reply
    assert "将制裁朝鲜劳动党组织指导部部长崔龙海等 3 名朝鲜高级官员。" in reply
    assert "More passages (2)" in reply


def test_out_of_scope_is_refused(client):
    refusal = client.predict("What is the capital of France?", api_name="/answer")
    assert refusal == "That is not in this article."
    assert client.predict("红烧肉怎么做？", api_name="/answer") == "这篇报道里没有这个问题的答案。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("", "Please type a question."),
        ("   \n\t  ", "Please type a question."),
        ("🙂🙂🙂🎉", "I answer questions about one Chinese newspaper page"),
        ("金正恩哪天抵达越南？" * 1000, "**2019-02-26**"),
        ("Kim 김정은 金正恩 언제 arrived ベトナム?", "**"),
        ("<script>alert('x')</script><b>金正恩</b>哪天抵达越南？", "**2019-02-26**"),
    ],
)
def test_bad_input_through_the_chat(client, question, expected):
    history, box, _plot, _table, _marker = client.predict(question, [], api_name="/chat")
    user, bot = history[-2], history[-1]
    assert user["role"] == "user" and bot["role"] == "assistant"
    shown, reply = _text(user["content"]), _text(bot["content"])
    assert expected in reply, reply[:300]
    assert "<script" not in shown and "<b>" not in shown and "Traceback" not in reply
    assert box == ""
    if len(question) > 1000:
        assert "10000 characters" in shown and len(shown) < 1000


def _text(content) -> str:
    """A chat message's text (Gradio 6 returns a list of typed parts)."""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_twenty_concurrent_clients(app_url):
    from gradio_client import Client

    questions = [
        ("金正恩哪天抵达越南？", "**2019-02-26**"),
        ("What happened on August 1, 2018?", "夏威夷"),
        ("美国财政部制裁了哪位朝鲜官员？", "崔龙海"),
        ("What is the capital of France?", "That is not in this article."),
    ] * 5

    def ask(item):
        question, expected = item
        reply = Client(app_url, verbose=False).predict(question, api_name="/answer")
        return expected in reply

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, questions))
    assert results == [True] * 20


@pytest.mark.browser
def test_real_browser_asks_and_sees_the_answer(app_url):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is missing: .ci/run installs it")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = ARTIFACTS / "chromium-profile"
    shutil.rmtree(profile, ignore_errors=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS], headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(app_url)
        page.locator("#question textarea").fill("金正恩哪天抵达越南？")
        page.locator("#ask").click()
        bot = page.locator("#chat .message.bot, #chat [data-testid='bot']").last
        bot.wait_for(timeout=60_000)
        page.wait_for_function(
            "() => (document.querySelector('#chat')?.innerText || '').includes('2019-02-26')",
            timeout=60_000,
        )
        text = page.locator("#chat").inner_text()
        assert "2019-02-26" in text
        assert ARRIVAL in text
        assert page.locator("#chat mark").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
        # A pronoun follow-up is read with the question before it: the new reply's first
        # (quoted) passage is the one about the train.
        bots = "#chat .message.bot, #chat [data-testid='bot']"
        before = page.locator(bots).count()
        page.locator("#question textarea").fill("他是怎么去的？")
        page.locator("#ask").click()
        page.wait_for_function(
            f"n => document.querySelectorAll(`{bots}`).length > n", arg=before, timeout=60_000
        )
        page.wait_for_timeout(500)
        quote = page.locator(bots).last.locator("blockquote").first.inner_text()
        assert "火车" in quote or "专列" in quote, quote[:300]
        page.get_by_role("tab", name="Timeline").click()
        page.locator("#timeline-table").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # let the plot draw
        marked = page.locator("#timeline-answer").inner_text()  # the answer, marked on the timeline
        assert "2019-02-26" in marked and "朝鲜最高领导人金正恩26日抵达越南" in marked
        page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "chat.png").stat().st_size > 10_000
