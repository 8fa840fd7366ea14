from summit_qa.answering.history import has_script, language_of, user_questions


def test_history_in_every_shape_a_caller_may_send():
    messages = [
        {"role": "user", "content": "金正恩哪天抵达越南？"},
        {"role": "assistant", "content": "**2019-02-26** · …"},
        {"role": "user", "content": [{"type": "text", "text": "他是怎么去的？"}]},  # Gradio 6 parts
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": "   "},
        {"role": "user"},  # no content at all
    ]
    assert user_questions(messages) == ["金正恩哪天抵达越南？", "他是怎么去的？"]
    assert user_questions(["When is the second summit?", "And the first one?"]) == [
        "When is the second summit?",
        "And the first one?",
    ]
    assert user_questions([["Where?", "bot says"]]) == ["Where?"]  # the older [user, bot] pairs
    for junk in (None, "a string", 42, [None, 3, {"x": 1}], {"role": "user"}):
        assert user_questions(junk) == []


def test_a_message_without_letters_takes_the_language_of_the_latest_one_with_some():
    assert not has_script("👍 ???") and not has_script("2019")
    assert has_script("Hà Nội") and has_script("河内")
    assert language_of(["金正恩哪天抵达越南？", "👍"]) == "zh"
    assert language_of(["When is the summit?", "???"]) == "en"
    assert language_of(["🙂"]) == "en"  # none has letters
