"""The ranking's settings, and which of them belong to a model.

The fusion weights and refusal floors were fitted for one model: e5 puts a
Chinese question's cosines higher than a cross-language one's, another model
puts them elsewhere.  So they are kept per model id, in the packaged
``calibration.json`` (the shipped model) and the user's
``$SUMMIT_QA_HOME/calibration.json`` (written by ``summit-qa calibrate``), and
the index manifest records the ones it serves with, as txtai saves its config
with its index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path

from summit_qa.files import write_atomic
from summit_qa.settings import DEFAULT_MODEL

# The settings fitted per model; the rest of RankingConfig switches signals on and off.
CALIBRATED_FIELDS = (
    "sentence_weight",
    "late_weight",
    "late_sentence_weight",
    "lexical_weight",
    "date_weight",
    "translated_weight",
    "same_language_floor",
    "cross_language_floor",
    "cross_language_floor_with_terms",
    "terms_for_lower_floor",
    "phrase_weight",
    "label_weight",
    "identity_weight",
    "follow_same_passage",
    "follow_same_event",
    "follow_next",
    "follow_neighbour",
    "smalltalk_floor",
)
USER_FILE = "calibration.json"


class CalibrationError(ValueError):
    """A calibration file is not in the expected format."""


def _read(text: str, where: str) -> dict[str, dict]:
    try:
        models = json.loads(text)["models"]
        if not isinstance(models, dict):
            raise TypeError("'models' is not an object")
        for model, values in models.items():
            unknown = set(values) - {*CALIBRATED_FIELDS, "fitted_on"}
            if unknown:
                raise KeyError(f"{model}: unknown settings {sorted(unknown)}")
            for name in CALIBRATED_FIELDS:
                if name in values and not isinstance(values[name], int | float):
                    raise TypeError(f"{model}: {name} is not a number")
        return models
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CalibrationError(f"{where}: not a calibration file ({exc.__class__.__name__}: {exc})") from exc


_PACKAGED = _read(
    (resources.files("summit_qa.retrieval") / "calibration.json").read_text(encoding="utf-8"),
    "calibration.json",
)
_SHIPPED = _PACKAGED[DEFAULT_MODEL]


@dataclass(frozen=True)
class RankingConfig:
    """The fusion's knobs; the numbers default to the shipped model's calibration."""

    use_dense: bool = True
    use_late: bool = True
    use_lexical: bool = True
    use_glossary: bool = True
    use_dates: bool = True
    lexical_tokenizer: str | None = None  # None: the index's own
    sentence_weight: float = _SHIPPED["sentence_weight"]  # dense = whole-passage / best-sentence mix
    late_weight: float = _SHIPPED["late_weight"]  # late interaction over the whole passage, z-scored
    late_sentence_weight: float = _SHIPPED["late_sentence_weight"]  # ... and over its best sentence
    lexical_weight: float = _SHIPPED["lexical_weight"]  # on the z-scored dense scale
    date_weight: float = _SHIPPED["date_weight"]
    translated_weight: float = _SHIPPED["translated_weight"]  # the glossary translation's dense score
    # Refusal: a Chinese question needs a best cosine >= same_language_floor, another
    # language >= cross_language_floor, or >= the lower floor when it names several of
    # the page's names or terms (see scope.py).
    same_language_floor: float = _SHIPPED["same_language_floor"]
    cross_language_floor: float = _SHIPPED["cross_language_floor"]
    cross_language_floor_with_terms: float = _SHIPPED["cross_language_floor_with_terms"]
    terms_for_lower_floor: int = _SHIPPED["terms_for_lower_floor"]
    use_temporal_scope: bool = True
    use_phrases: bool = True
    use_lexicon: bool = True  # the dictionaries' words for a foreign question (lexicon.py)
    phrase_weight: float = _SHIPPED[
        "phrase_weight"
    ]  # a run of 4+ CJK characters the question shares with few passages
    identity_weight: float = _SHIPPED["identity_weight"]  # "who is X?": the passage that introduces X
    label_weight: float = _SHIPPED["label_weight"]  # "the second issue": the paragraph labelled "议题二："
    # A passage with the page's verb for the arriving / leaving / riding asked (answering/verbs.py).
    verb_weight: float = 2.0  # on the dev sets 1.0, 2.0, 3.0 lift 3, 6, 6 questions (3.0 loses one)
    # A passage printing the part of day the question names ("the morning of the 27th").
    day_part_weight: float = 2.0
    # A passage naming the place the question puts its event at ("met in Washington").
    place_weight: float = 2.0
    # A message naming nothing of the page this close (cosine) to a small-talk exemplar is small talk.
    smalltalk_floor: float = _SHIPPED["smalltalk_floor"]
    # ... and closer to it than to any passage by this much: e5 puts a question of the page on where
    # the sides "谈不拢" at 0.90 of "随便聊聊" but 0.88 of its passage; real chat is 0.10 or more apart.
    smalltalk_margin: float = 0.05
    # Follow-ups (conversation.py): bonuses on the fused scale.
    follow_same_passage: float = _SHIPPED[
        "follow_same_passage"
    ]  # a short wh- or response follow-up: the passage that answered before
    # another attribute of the event just shown, which its passage holds (attributes.py)
    follow_same_event: float = _SHIPPED["follow_same_event"]
    follow_next: float = _SHIPPED[
        "follow_next"
    ]  # "then what?" / "before that?": the passage next to it on the page
    follow_neighbour: float = _SHIPPED[
        "follow_neighbour"
    ]  # any follow-up: the passages beside the one that answered before

    def weights(self) -> dict[str, float]:
        """The fusion's weight per signal name (see :data:`summit_qa.retrieval.fusion.SIGNALS`)."""
        neural = self.use_dense or self.use_late
        return {
            "dense": 1.0,
            "translated": self.translated_weight,
            "late": self.late_weight,
            "late_sentence": self.late_sentence_weight,
            "lexical": self.lexical_weight if neural else 1.0,
            "dates": self.date_weight,
            "phrase": self.phrase_weight,
            "label": self.label_weight,
            "context": 1.0,  # a follow-up's bonuses (conversation.py), already on the fused scale
            "verb": self.verb_weight,
            "day_part": self.day_part_weight,
            "place": self.place_weight,
        }

    def calibration(self) -> dict[str, float]:
        """The settings that belong to a model, as saved with an index."""
        return {name: getattr(self, name) for name in CALIBRATED_FIELDS}

    def calibrated(self, values: dict) -> RankingConfig:
        """This config with a model's calibrated numbers (other keys ignored)."""
        known = {f.name for f in fields(self)} & set(CALIBRATED_FIELDS)
        return replace(self, **{k: v for k, v in values.items() if k in known})


def calibrations(home: Path) -> dict[str, dict]:
    """Calibrated settings by model id: the packaged ones, overridden by the user's."""
    models = {k: dict(v) for k, v in _PACKAGED.items()}
    user = home / USER_FILE
    if user.exists():
        try:
            text = user.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CalibrationError(f"{user}: unreadable ({exc})") from exc
        models.update(_read(text, str(user)))
    return models


def config_for_model(model_id: str, home: Path) -> tuple[RankingConfig, bool]:
    """The ranking config for ``model_id`` and whether it was calibrated for that model."""
    values = calibrations(home).get(model_id)
    if values is None:
        return RankingConfig(), False
    return RankingConfig().calibrated(values), True


def save_calibration(model_id: str, config: RankingConfig, home: Path, fitted_on: str) -> Path:
    """Write ``config``'s calibrated settings for ``model_id`` into the user's file."""
    user = home / USER_FILE
    models: dict[str, dict] = {}
    if user.exists():
        models = _read(user.read_text(encoding="utf-8"), str(user))
    models[model_id] = {"fitted_on": fitted_on, **config.calibration()}
    home.mkdir(parents=True, exist_ok=True)
    payload = {"note": "written by `summit-qa calibrate`", "models": models}
    write_atomic(user, json.dumps(payload, indent=1, ensure_ascii=False).encode())
    return user
