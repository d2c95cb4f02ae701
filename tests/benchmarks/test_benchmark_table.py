"""The benchmark's own arithmetic: reading wrk, the ratio to hello, the table,
and filling a form as a browser does. wrk itself never runs in the suite."""

import subprocess
from pathlib import Path

import pytest

from benchmarks import registrations, report, servers, wrk

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:40001/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   410.12ms   80.22ms   1.20s    70.00%
    Req/Sec     9.80      4.10    20.00     60.00%
  Latency Distribution
     50%  398.50ms
     75%  450.00ms
     90%  520.00ms
     99%    1.10s
  98 requests in 5.01s, 3.20MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:     19.56
Transfer/sec:    654.10KB
"""

HELLO_OUTPUT = """\
Running 5s test @ http://127.0.0.1:40002/
  2 threads and 8 connections
  Latency Distribution
     50%  980.00us
     75%    1.20ms
  37168 requests in 5.00s, 5.18MB read
Requests/sec:   7430.26
Transfer/sec:      1.04MB
"""


def test_reads_wrk_output():
    page = wrk.parse(WRK_OUTPUT)
    assert page.requests_per_second == 19.56
    assert page.p50_ms == 398.5
    assert page.requests == 98
    assert page.bad_responses == 4
    assert page.socket_errors == 3
    hello = wrk.parse(HELLO_OUTPUT)
    assert hello.p50_ms == pytest.approx(0.98)
    assert hello.bad_responses == hello.socket_errors == 0


@pytest.mark.parametrize(
    "text, ms", [("250.00us", 0.25), ("3.5ms", 3.5), ("1.20s", 1200), ("2.00m", 120_000)]
)
def test_latency_units(text, ms):
    assert wrk.latency_ms(text) == pytest.approx(ms)


def test_unexpected_wrk_output_is_an_error():
    with pytest.raises(ValueError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_runs_wrk_bounded_with_a_script_cycling_the_urls(monkeypatch):
    seen = {}

    def fake_run(command, **kwargs):
        seen["command"] = command
        seen["script"] = Path(command[command.index("-s") + 1]).read_text()
        return subprocess.CompletedProcess(command, 0, stdout=WRK_OUTPUT, stderr="")

    monkeypatch.setattr(wrk.subprocess, "run", fake_run)
    result = wrk.run(
        "http://127.0.0.1:9", ["/a/?q=1", '/b/?q="x"'], duration=5, headers=["Cookie: s=1"]
    )
    assert result.requests_per_second == 19.56
    assert seen["command"][:4] == ["wrk", "-t2", "-c8", "-d5s"]
    assert "Cookie: s=1" in seen["command"]
    assert seen["command"][-1] == "http://127.0.0.1:9/a/?q=1"
    assert '"/a/?q=1", "/b/?q=\\"x\\""' in seen["script"]


def test_table_has_one_row_per_page_with_the_ratio_to_hello():
    hello = report.PageLine("hello", ["/"], rates=[7000, 7400, 7600], p50s=[1.0, 1.1, 0.9])
    home = report.PageLine(
        "home",
        ["/"],
        rates=[50, 53, 60],
        p50s=[150, 140, 160],
        queries_first=[54],
        queries_uncached=[14],
        queries_member=[15],
        queries_repeat=[0],
    )
    searches = report.PageLine(
        "a member's varied directory searches",
        ["/directory/?q=a", "/directory/?page=2"],
        rates=[40, 49, 45],
        p50s=[170, 160, 180],
        queries_first=[37, 43],
        queries_member=[12, 14],
        queries_repeat=[12, 14],
        bad_responses=2,
    )
    text = report.table(
        hello,
        [home, searches],
        registrations_per_second=19.04,
        registration_path="/events/x/register/",
        memory={
            "portal": [(168960, 90112, 51200), (169984, 91136, 52224)],
            "hello": [(51200, 20480, 10240), (51200, 20480, 10240)],
        },
        masters={"portal": [(123904, 40960, 30720)], "hello": [(49152, 20480, 20480)]},
    )
    lines = text.splitlines()
    assert lines[0].startswith("| page | URL | requests/s | p50 | ÷ hello |")
    assert "| hello (bare Django view) | `/` | 7,400 | 1.0 ms | 1 | 0 |" in lines
    assert "| home | `/` | 53.0 | 150 ms | 0.0072 | 54 / 14 / 15 / 0 |" in lines
    assert any(
        "`/directory/?q=a` (+1 more) | 45.0 |" in line
        and "37–43 / – / 12–14 / 12–14" in line
        and "2 responses not 2xx/3xx" in line
        for line in lines
    )
    assert "19.0 registrations/s" in text
    assert "(RSS / PSS / USS)" in text
    assert "portal: 165 / 88 / 50 MB, 166 / 89 / 51 MB; hello: 50 / 20 / 10 MB" in text
    # The masters are reported too: what the workers share with them.
    assert (
        "| gunicorn master after the load (RSS / PSS / USS) |  | portal: 121 / 40 / 30 MB" in text
    )
    assert all(line.count("|") == lines[0].count("|") for line in lines)


def test_ratio_of_nothing_is_zero():
    assert report.ratio(10, 0) == 0


FORM_PAGE = """
<form method="get" action="/search/"><input name="q"></form>
<form method="post" action="/events/open-day/register/">
  <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">
  <input type="text" name="name" required>
  <input type="email" name="email" required>
  <input type="text" name="institution_name" required list="institution-options">
  <input type="text" name="position">
  <select name="q_1" required><option value="">Choose</option><option value="yes">Yes</option>
  </select>
  <textarea name="q_2" required></textarea>
  <input type="checkbox" name="consent" required>
  <input type="text" name="website" tabindex="-1">
</form>
"""


def test_fills_a_form_as_a_person_does():
    action, body = registrations.filled_form(FORM_PAGE, "someone@example.org")
    assert action == "/events/open-day/register/"
    fields = dict(pair.split("=", 1) for pair in body.split("&"))
    assert fields["csrfmiddlewaretoken"] == "TOKEN"
    assert fields["email"] == "someone%40example.org"
    assert fields["name"] == fields["institution_name"] == "Benchmark+Visitor"
    assert fields["q_1"] == "yes"
    assert fields["consent"] == "on"
    assert "q_2" in fields
    # Optional fields and the honeypot stay empty, as a person leaves them.
    assert "position" not in fields and "website" not in fields


def test_a_page_without_a_protected_form_is_an_error():
    with pytest.raises(ValueError):
        registrations.filled_form('<form method="post"></form>', "a@example.org")


SMAPS_ROLLUP = """\
55d0c0a00000-7ffd4b7f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              150528 kB
Pss:               86016 kB
Pss_Anon:          60000 kB
Shared_Clean:      80000 kB
Shared_Dirty:      17920 kB
Private_Clean:       512 kB
Private_Dirty:     52096 kB
Swap:                  0 kB
"""


def test_worker_memory_is_read_as_rss_pss_and_uss(monkeypatch, tmp_path):
    rollup = tmp_path / "smaps_rollup"
    rollup.write_text(SMAPS_ROLLUP)
    real_path = servers.Path
    monkeypatch.setattr(
        servers,
        "Path",
        lambda name: rollup if name == "/proc/4242/smaps_rollup" else real_path(name),
    )
    assert servers.memory_kb(4242) == (150528, 86016, 52608)


def test_workers_are_started_with_the_production_configuration(monkeypatch):
    started = {}

    class FakePopen:
        def __init__(self, command, **kwargs):
            started["command"] = command

    monkeypatch.setattr(servers.subprocess, "Popen", FakePopen)
    servers.Server("portal", "portal.wsgi:application", cwd="/srv/portal", headers={})
    command = started["command"]
    assert command[command.index("--config") + 1] == "/srv/portal/deploy/gunicorn/gunicorn.conf.py"
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--max-requests") + 1] == "0"
