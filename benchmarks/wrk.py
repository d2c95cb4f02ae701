"""Running wrk and reading its report."""

import re
import subprocess
import tempfile
from dataclasses import dataclass

THREADS = 2
CONNECTIONS = 8

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    requests: int
    bad_responses: int = 0  # neither 2xx nor 3xx
    socket_errors: int = 0


def latency_ms(text):
    """'980.00us', '1.03ms', '1.20s', '2.00m' in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not found:
        raise ValueError(f"Not a wrk latency: {text!r}")
    return float(found.group(1)) * _UNITS_MS[found.group(2)]


def parse(output):
    """The figures of one `wrk --latency` run."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    if not (rate and p50 and total):
        raise ValueError(f"Unexpected wrk output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=latency_ms(p50.group(1)),
        requests=int(total.group(1)),
        bad_responses=int(bad.group(1)) if bad else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def lua_cycling(paths):
    """A wrk script that requests the given paths in turn."""
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return (
        f"local paths = {{{quoted}}}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format(nil, paths[(n - 1) % #paths + 1])\n"
        "end\n"
    )


def run(base_url, paths, *, duration, headers=()):
    """Load base_url + paths (cycled when more than one) for `duration` seconds."""
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for header in headers:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(lua_cycling(paths))
        script.flush()
        command += ["-s", script.name, base_url + paths[0]]
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return parse(done.stdout)
