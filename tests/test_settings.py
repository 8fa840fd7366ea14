"""Settings: a flag beats the environment, which beats the default; bad values say which."""

from pathlib import Path

import pytest

from summit_qa.settings import (
    CHECKOUT,
    DEFAULT_MODEL,
    DEFAULT_PORT,
    ENV,
    IN_CHECKOUT,
    Settings,
    SettingsError,
    packaged_data_dir,
)


def test_defaults_in_a_checkout():
    s = Settings.from_env({})
    assert s.model == DEFAULT_MODEL and s.port == DEFAULT_PORT and s.host == "127.0.0.1"
    assert IN_CHECKOUT and s.index_root == CHECKOUT / "index"
    assert s.data_dir == packaged_data_dir() == CHECKOUT / "data"
    assert s.home == Path.home() / ".cache" / "summit-qa"
    assert (s.runtime, s.concurrency) == ("onnx", 2)


def test_flag_over_environment_over_default(tmp_path):
    env = {ENV["model"]: "env-model", ENV["port"]: "8000", ENV["home"]: str(tmp_path), ENV["index_root"]: " "}
    s = Settings.from_env(env)
    assert s.model == "env-model" and s.port == 8000 and s.home == tmp_path
    assert s.index_root == CHECKOUT / "index"  # a blank variable is unset
    flagged = Settings.from_env(env, model="flag-model", port=None)
    assert flagged.model == "flag-model" and flagged.port == 8000  # None: the flag was not given
    assert Settings.from_env(flagged.as_env()) == flagged  # what a child process gets


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"SUMMIT_QA_PORT": "abc"}, "SUMMIT_QA_PORT"),
        ({"SUMMIT_QA_PORT": "70000"}, "SUMMIT_QA_PORT"),
        ({"SUMMIT_QA_LEXICAL": "words"}, "SUMMIT_QA_LEXICAL"),
        ({"SUMMIT_QA_CONCURRENCY": "two"}, "SUMMIT_QA_CONCURRENCY"),
        ({"SUMMIT_QA_CONCURRENCY": "0"}, "SUMMIT_QA_CONCURRENCY"),
        ({"SUMMIT_QA_RUNTIME": "cuda"}, "SUMMIT_QA_RUNTIME"),
    ],
)
def test_a_bad_value_names_its_variable(env, names):
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_unknown_flag_is_a_programming_error():
    with pytest.raises(TypeError):
        Settings.from_env({}, colour="red")


def test_the_fences_are_settings_with_defaults():
    s = Settings.from_env({})
    assert (s.rate, s.burst, s.queue, s.trusted_proxies, s.feedback_max_mb) == (10.0, 20, 128, (), 10.0)
    env = {
        "SUMMIT_QA_RATE": "50",
        "SUMMIT_QA_BURST": "200",
        "SUMMIT_QA_QUEUE": "16",
        "SUMMIT_QA_TRUSTED_PROXIES": " 127.0.0.1, 10.0.0.0/8 ,",
        "SUMMIT_QA_FEEDBACK_MAX_MB": "0.5",
    }
    s = Settings.from_env(env)
    assert (s.rate, s.burst, s.queue, s.feedback_max_mb) == (50.0, 200, 16, 0.5)
    assert s.trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8")
    assert Settings.from_env(s.as_env()) == s
    assert Settings.from_env(env, rate=2, queue=None).rate == 2.0  # a flag beats the variable


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SUMMIT_QA_RATE": "fast"}, "SUMMIT_QA_RATE='fast' is not a number of requests a second"),
        ({"SUMMIT_QA_RATE": "nan"}, "SUMMIT_QA_RATE='nan' is not a number"),
        (
            {"SUMMIT_QA_RATE": "0"},
            "rate 0.0 is not a number of requests a second 0.01-100000 (check SUMMIT_QA_RATE)",
        ),
        ({"SUMMIT_QA_BURST": "1.5"}, "SUMMIT_QA_BURST='1.5' is not a count"),
        ({"SUMMIT_QA_QUEUE": "0"}, "check SUMMIT_QA_QUEUE"),
        ({"SUMMIT_QA_FEEDBACK_MAX_MB": "-1"}, "check SUMMIT_QA_FEEDBACK_MAX_MB"),
        ({"SUMMIT_QA_TRUSTED_PROXIES": "10.0.0.1,proxy.local"}, "'proxy.local' is not an address or network"),
    ],
)
def test_a_bad_fence_setting_says_what_to_write(env, message):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    assert message in str(caught.value) and next(iter(env)) in str(caught.value)
