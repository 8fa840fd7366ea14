"""``summit-qa bench --api``'s verdicts and table from a measured result (no server started)."""

from __future__ import annotations

from summit_qa.evaluation.bench_api import table, verdicts


def _row(clients: int, per_s: float, server: bool = True) -> dict:
    row = {
        "clients": clients,
        "requests": 100,
        "errors": 0,
        "p50_ms": 10.0,
        "p95_ms": 20.0,
        "per_s": per_s,
        "wall_s": 1.0,
        "this_process_cpu_share": 0.5,
    }
    return {**row, "server_cpu_share": 0.9} if server else row


def _process(pid: int, role: str, rss: float, pss: float, uss: float) -> dict:
    return {"pid": pid, "role": role, "rss_mb": rss, "pss_mb": pss, "uss_mb": uss}


RESULT = {
    "in_process": [_row(n, 100.0, server=False) for n in (1, 10, 100)],
    "api": [_row(n, 90.0) for n in (1, 10, 100)],
    "chat": [_row(n, 30.0) for n in (1, 10, 100)],
    "paired": [{"added_p50_ms": 1.0}, {"added_p50_ms": 2.0}],
    "workers": {
        "1": {"api": _row(100, 80.0), "processes": [_process(10, "worker", 1000, 980, 970)]},
        "2": {
            "api": _row(100, 120.0),
            "processes": [
                _process(20, "supervisor", 590, 250, 80),
                _process(21, "worker", 820, 470, 300),
                _process(22, "worker", 800, 450, 280),
            ],
        },
    },
}


def test_a_worker_adds_its_private_pages_and_the_table_shows_rss_pss_and_uss():
    v = verdicts(RESULT)
    assert v["extra_worker_uss_mb"] == 290.0  # the mean USS of the two workers, not an RSS sum
    assert v["worker_rss_mb"] == [820, 800] and v["worker_pss_mb"] == [470, 450]
    assert v["workers_2_pss_mb"] == 1170.0
    assert v["two_workers_over_one"] == 1.5 and v["added_p50_ms_1_client"] == 1.5
    text = table(RESULT)
    assert "| process | role | RSS MB | PSS MB | USS MB |" in text
    assert "| --workers 2, pid 21 | worker | 820 | 470 | 300 |" in text
    assert "(USS: its private pages): 290 MB" in text and "820 / 470 / 300, 800 / 450 / 280 MB" in text
