"""The conversation's memory: capped, read in one loop, safe to share between threads."""

import threading

from summit_qa.answering.followups import Turn
from summit_qa.answering.memory import MAX_CHARS, MAX_TURNS, ConversationMemory, LockedCache, kept


def _turn(question: str) -> Turn:
    return Turn(question, question, ())


def test_kept_keeps_the_newest_questions_within_both_caps():
    questions = [f"q{i}" for i in range(200)]
    assert kept(questions) == questions[-MAX_TURNS:]
    assert kept(["a" * 10, "b" * 10, "c" * 10], max_turns=10, max_chars=25) == ["b" * 10, "c" * 10]
    assert kept(["x" * (MAX_CHARS + 5)]) == ["x" * MAX_CHARS]  # one over-long question is cut, not lost
    assert kept([]) == [] and kept(["a"], max_turns=0) == []


def test_each_turn_is_read_once_with_the_window_before_it():
    memory = ConversationMemory(window=3)
    seen: list[tuple[str, tuple[str, ...]]] = []

    def read(question, earlier, language):
        seen.append((question, tuple(t.question for t in earlier)))
        return _turn(question)

    questions = [f"q{i}" for i in range(6)]
    turns = memory.earlier(questions, read, lambda qs: "en")
    assert [t.question for t in turns] == ["q3", "q4", "q5"]
    assert seen[5] == ("q5", ("q2", "q3", "q4")) and seen[0] == ("q0", ())
    assert memory.reads == 6
    memory.earlier([*questions, "q6"], read, lambda qs: "en")
    assert memory.reads == 7  # only the new turn


def test_the_locked_cache_is_bounded_and_safe_under_threads():
    cache: LockedCache[int, int] = LockedCache(100)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(2000):
                cache.put(offset + i, i)
                cache.get_or_compute(offset + i // 2, lambda i=i: i)
                cache.get(i)
        except BaseException as exc:  # noqa: BLE001 - any error in a thread fails the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k * 10_000,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(cache) == 100


def test_ten_thousand_turns_are_answered_from_the_turns_kept(fake_engine):
    history = [f"问题{i}：金正恩哪天抵达越南？" for i in range(10_000)]
    fake_engine.memory.reads = 0
    reply = fake_engine.answer("他是怎么去的？", history=history)
    assert reply.kind in ("answer", "refused", "small_talk")
    assert fake_engine.memory.reads <= MAX_TURNS  # bounded work, whatever the history's length


def test_three_thousand_distinct_turns_cost_a_bounded_number_of_reads(fake_engine):
    history = []
    for i in range(3_000):
        history += [{"role": "user", "content": f"第{i}个问题？"}, {"role": "assistant", "content": "…"}]
    fake_engine.memory.reads = 0
    answer = fake_engine.answer("那特朗普呢？", history=history)
    assert fake_engine.memory.reads <= MAX_TURNS
    if answer.context_turn is not None:  # still an index among all the user's turns
        assert 3_000 - MAX_TURNS <= answer.context_turn < 3_000


def test_engines_answer_from_threads_at_once(fake_engine):
    questions = ["金正恩哪天抵达越南？", "特朗普哪天到河内？", "蓬佩奥第一次去平壤是哪天？", "他是怎么去的？"]
    alone = {q: fake_engine.answer(q, history=questions[:1]).passages for q in questions}
    fake_engine.forget()
    results: dict[str, list] = {}
    errors: list[BaseException] = []

    def ask(q: str) -> None:
        try:
            for _ in range(5):
                results[q] = fake_engine.answer(q, history=questions[:1]).passages
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert {q: [p.id for p in ps] for q, ps in results.items()} == {
        q: [p.id for p in ps] for q, ps in alone.items()
    }


def test_cold_histories_are_read_one_at_a_time_and_a_warm_turn_does_not_wait():
    memory = ConversationMemory(window=3)
    reading = threading.Semaphore(0)  # released by the first cold reading
    hold = threading.Event()
    inside, most = [0], [0]
    lock = threading.Lock()

    def read(question, earlier, language):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        if question.startswith("cold"):
            reading.release()
            hold.wait(5)
        with lock:
            inside[0] -= 1
        return _turn(question)

    def cold(seed: int) -> None:
        memory.earlier([f"cold{seed}-{i}" for i in range(6)], read, lambda qs: "en")

    threads = [threading.Thread(target=cold, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    assert reading.acquire(timeout=5)  # one cold history is being read
    warm = memory.earlier(["warm"], read, lambda qs: "en")  # one unread turn: no lock, no wait
    assert [t.question for t in warm] == ["warm"]
    hold.set()
    for t in threads:
        t.join()
    with lock:
        assert most[0] == 2  # the warm turn beside one cold reading, never two cold ones
    assert memory.reads == 13
