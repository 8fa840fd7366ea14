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
