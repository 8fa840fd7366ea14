"""``summit-qa bench``'s result (``eval/bench.json``) as markdown tables: each runtime side by
side, the busy machine, the FAISS index at scale, and the chat server under load."""

from __future__ import annotations

RUNTIME_NAMES = {"torch": "torch fp32 (sentence-transformers)", "onnx": "ONNX Runtime int8"}


def _name(runtime: str) -> str:
    return RUNTIME_NAMES.get(runtime, runtime)


def _ms(d: dict) -> str:
    return f"{d['p50_ms']:.1f} / {d['p95_ms']:.1f} ms"


def _wait(d: dict) -> str:
    return f"p50 {d.get('p50_s', 0):.2f} s, p95 {d.get('p95_s', 0):.2f} s, worst {d.get('worst_s', 0):.2f} s"


def _build(b: dict) -> str:
    return (
        f"{b['index_build_s']:.2f} s, {b['vectors']} vectors "
        f"(model load {b['model_load_s']:.2f} s, peak RSS {b['peak_rss_mb']:.0f} MB)"
    )


def _runtime_rows(result: dict) -> list[str]:
    runs = result["runtimes"]
    names = list(runs)
    cpus = result["machine"]["cpus"]

    def row(what: str, cell, target: str = "") -> str:
        return f"| {what} | " + " | ".join(cell(runs[n]) for n in names) + f" | {target} |"

    lines = [
        "| what | " + " | ".join(_name(n) for n in names) + " | target |",
        "| --- | " + " | ".join("---" for _ in names) + " | --- |",
        row(
            "cold start, new process → first answer",
            lambda r: f"{r['cold_start']['process_to_first_answer_s']:.2f} s",
            "≤ 3.5 s",
        ),
        row("peak RSS of that process", lambda r: f"{r['cold_start']['peak_rss_mb']:.0f} MB", "≤ 700 MB"),
        row("warm answer() p50 / p95", lambda r: _ms(r["warm"]["answer"])),
        row("bare query encode p50 / p95", lambda r: _ms(r["warm"]["bare_encode"])),
        row(
            "answer / encode, p50 (p95)",
            lambda r: f"{r['warm']['ratio_p50']:.2f}x ({r['warm']['ratio_p95']:.2f}x)",
            "≤ 1.3x",
        ),
        row(
            "follow-up answer() with history p50 / p95",
            lambda r: (
                f"{_ms(r['warm']['with_history']['answer'])} ({r['warm']['with_history']['turns']} turns)"
            ),
        ),
        row("page index build", lambda r: _build(r["page_build"])),
        row(
            "passage encode throughput (the runtime's session)",
            lambda r: (
                f"{r['encode']['passages_per_s']:.1f} passages/s "
                f"(1M ≈ {r['encode']['hours_for_1m_passages']:.1f} h on {cpus} cores)"
            ),
        ),
    ]
    if len(names) == 2:
        a, b = (runs[n] for n in names)
        speed = b["warm"]["answer"]["p50_ms"] / a["warm"]["answer"]["p50_ms"]
        start = b["cold_start"]["process_to_first_answer_s"] / a["cold_start"]["process_to_first_answer_s"]
        lines += [
            "",
            f"{_name(names[1])} / {_name(names[0])}: "
            f"answer() p50 {speed:.2f}x (target ≤ 0.4x), cold start {start:.2f}x (target ≤ 0.5x)",
        ]
    return lines


def _busy_rows(busy: dict) -> list[str]:
    lines = ["", "| on a busy machine (2 spinning processes) | answer() p50 / p95 |", "| --- | --- |"]
    return lines + [f"| {name} | {_ms(d)} |" for name, d in busy.items()]


def _scale_rows(scale: list[dict]) -> list[str]:
    lines = [
        "",
        "| passages | FAISS index | build | query p50 / p95 | index size | recall@10 vs exact |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in scale:
        lines.append(
            f"| {r['passages']:,} | {r['index']} | {r['build_s']:.1f} s | {r['query_p50_ms']:.2f} / "
            f"{r['query_p95_ms']:.2f} ms | {r['index_mb']:.0f} MB | {r['recall_at_10']:.3f} |"
        )
    return lines


def _server_rows(server: dict, server_busy: dict) -> list[str]:
    first = next(iter(server.values()))
    c0, f0 = first["concurrent"], first["flood"]
    concurrent = " | ".join(
        f"{_wait(v['concurrent']['wait'])}; {v['concurrent']['refused']} refused" for v in server.values()
    )
    flood = " | ".join(
        f"{v['flood']['flood_posted']} posted: {v['flood']['flood_accepted']} accepted, "
        f"{v['flood']['flood_refused']} refused (429)"
        for v in server.values()
    )
    busy = " | ".join(f"{_wait(v['wait'])}; {v['refused']} refused" for v in server_busy.values())
    users = " | ".join(
        f"{_wait(v['flood']['user_wait'])} over {v['flood']['user_wait'].get('n', 0)} questions; "
        f"{v['flood']['user_refused']} refused"
        for v in server.values()
    )
    return [
        "",
        "| chat server (app.py, HTTP API) | " + " | ".join(_name(n) for n in server) + " |",
        "| --- | " + " | ".join("---" for _ in server) + " |",
        f"| {c0['clients']} clients asking at once | {concurrent} |",
        f"| one address flooding for {f0['seconds']:.0f} s | {flood} |",
        f"| {c0['clients']} clients at once, on a busy machine | {busy} |",
        f"| {f0['users']} users asking once a second meanwhile | {users} |",
    ]


def _sweep_rows(sweep: dict) -> list[str]:
    clients = next(iter(sweep.values()))[0]["clients"]
    lines = ["", f"| questions answered at once (default runtime) | {clients} clients at once, two runs |"]
    lines += ["| --- | --- |"]
    return lines + [
        f"| {n} | " + "; then ".join(f"{_wait(v['wait'])}, {v['refused']} refused" for v in runs) + " |"
        for n, runs in sweep.items()
    ]


def table(result: dict) -> str:
    lines = _runtime_rows(result)
    if result.get("busy"):
        lines += _busy_rows(result["busy"])
    lines += _scale_rows(result["scale"])
    if result.get("server"):
        lines += _server_rows(result["server"], result.get("server_busy", {}))
    if result.get("concurrency"):
        lines += _sweep_rows(result["concurrency"])
    return "\n".join(lines)
