"""The page's passages, events and glossary, read once for the answering tests (no model)."""

import pytest

from summit_qa.page.events import page_events
from summit_qa.page.names import Glossary
from summit_qa.page.passages import load_passages
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="session")
def page():
    data = packaged_data_dir()
    passages = load_passages(data)
    glossary = Glossary.load(data / "glossary.json")
    return passages, page_events(passages, glossary), glossary
