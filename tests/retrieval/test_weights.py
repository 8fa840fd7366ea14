"""Ranking settings per model: shipped, calibrated, and carried by the index manifest."""

import json

import pytest

from summit_qa.answering.engine import SummitQA
from summit_qa.evaluation.sets import QAPair
from summit_qa.evaluation.tuning import ScopeSample, calibrate_floors, fit_floor
from summit_qa.retrieval.weights import CalibrationError, RankingConfig, config_for_model, save_calibration
from summit_qa.settings import DEFAULT_MODEL


def test_the_shipped_model_is_calibrated_and_others_are_not(tmp_path):
    config, calibrated = config_for_model(DEFAULT_MODEL, tmp_path)
    assert calibrated and config == RankingConfig()
    _, calibrated = config_for_model("BAAI/bge-m3", tmp_path)
    assert not calibrated


def test_a_user_calibration_overrides_and_a_bad_file_names_itself(tmp_path):
    fitted = RankingConfig(same_language_floor=0.5, cross_language_floor=0.4)
    path = save_calibration("BAAI/bge-m3", fitted, tmp_path, "test")
    config, calibrated = config_for_model("BAAI/bge-m3", tmp_path)
    assert calibrated and config.same_language_floor == 0.5 and config.cross_language_floor == 0.4
    assert config_for_model(DEFAULT_MODEL, tmp_path) == (RankingConfig(), True)  # untouched
    path.write_text('{"models": {"x": {"same_language_floor": "high"}}}')
    with pytest.raises(CalibrationError, match=str(path)):
        config_for_model("x", tmp_path)
    path.write_text("{ not json")
    with pytest.raises(CalibrationError, match="not a calibration file"):
        config_for_model("x", tmp_path)


def test_fit_floor_keeps_the_answerable_and_refuses_what_it_can():
    answerable = [0.90, 0.91, 0.88, 0.95, 0.93]
    off_page = [0.80, 0.86, 0.89]
    # no false refusal allowed: the floor sits between 0.86 and the lowest answerable 0.88
    assert fit_floor(answerable, off_page, 0.0) == pytest.approx(0.87)
    # one in five may be refused: 0.88 is given up, the floor rises over 0.89
    assert fit_floor(answerable, off_page, 0.2) == pytest.approx((0.89 + 0.90) / 2)
    assert fit_floor(answerable, [], 0.0) == pytest.approx(0.875)
    assert fit_floor([], off_page, 0.0) is None


def test_calibrate_floors_by_language_group_leaving_dated_questions_out():
    def sample(lang, score, oos=False, terms=0, dated=False):
        return ScopeSample(QAPair("x", lang, "q", out_of_scope=oos), lang, score, terms, dated)

    samples = [
        sample("zh", 0.90),
        sample("zh", 0.92),
        sample("zh", 0.85, oos=True),
        sample("zh", 0.10, dated=True),  # in scope whatever its cosine: not fitted on
        sample("en", 0.80),
        sample("en", 0.76, terms=2),
        sample("en", 0.70, oos=True),
        sample("en", 0.74, oos=True, terms=2),
    ]
    fitted = calibrate_floors(samples, RankingConfig(), max_false_refusal=0.0)
    assert fitted.same_language_floor == pytest.approx(0.875)
    assert fitted.cross_language_floor == pytest.approx((0.74 + 0.76) / 2)
    assert fitted.cross_language_floor_with_terms == pytest.approx(0.75)
    assert fitted.lexical_weight == RankingConfig().lexical_weight  # only the floors move


def test_an_uncalibrated_model_warns_and_calibrating_it_travels_with_the_index(
    fake_encoder, settings, index_root
):
    """The fake model has no calibration: the engine says so.  Once its floors are
    fitted and saved, the next start rewrites the index manifest's ranking settings
    (without re-encoding) and ranks with them."""
    settings = settings.with_flags(index_root=index_root, home=index_root.parent / "home")
    messages: list[str] = []
    engine = SummitQA.for_encoder(fake_encoder, settings, say=messages.append)
    assert any("no calibrated ranking settings for model 'fake-bigram-64'" in m for m in messages)
    assert "summit-qa calibrate" in messages[-1]
    fitted = RankingConfig(same_language_floor=0.31, cross_language_floor=0.22)
    save_calibration("fake-bigram-64", fitted, settings.home, "test")
    messages.clear()
    engine = SummitQA.for_encoder(fake_encoder, settings, say=messages.append)
    assert messages and "Ranking settings for fake-bigram-64 updated" in messages[0]
    assert not any("no calibrated" in m for m in messages)
    assert engine.config.same_language_floor == 0.31 and engine.scope.cross_language_floor == 0.22
    assert fake_encoder.calls == 1  # the index was built once, never re-encoded
    manifest = json.loads(
        (engine.index.manifest and (index_root / "fake-bigram-64" / "manifest.json")).read_text()
    )
    assert manifest["ranking"]["same_language_floor"] == 0.31 and manifest["ranking_calibrated"] is True
