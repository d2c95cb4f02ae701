"""Starting gunicorn servers for the benchmark and reading their workers' memory."""

import http.client
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, name, application, *, cwd, headers):
        self.name = name
        self.port = free_port()
        self.headers = dict(headers)
        self.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(Path(cwd) / "deploy" / "gunicorn" / "gunicorn.conf.py"),
                application,
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                # No worker is replaced during the run, so the memory read
                # after it is what the workers gathered under the whole load.
                "--max-requests",
                "0",
            ],
            cwd=cwd,
        )

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={**self.headers, **(headers or {})})
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def wait_until_ready(self, path, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited with {self.process.returncode}")
            try:
                if self.get(path) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name}: no answer on {path} after {timeout} s")

    def master_memory_kb(self):
        """(resident, proportional, unique) kB of the master, from which the
        workers are forked and whose pages they share until they write to them."""
        return memory_kb(self.process.pid)

    def worker_memory_kb(self):
        """(resident, proportional, unique) kB of each worker."""
        return [memory_kb(pid) for pid in children(self.process.pid)]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def children(pid):
    """Process ids whose parent is pid, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def memory_kb(pid):
    """A process's memory from /proc/<pid>/smaps_rollup: resident (RSS, every
    page it uses, shared ones included), proportional (PSS, shared pages
    divided among the processes sharing them) and unique (USS, pages only it
    holds, which is what one more worker costs)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0])
    unique = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Rss", 0), fields.get("Pss", 0), unique
