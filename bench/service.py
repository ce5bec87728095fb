"""Service benchmark: POST /analyze under concurrent load, against the CLI on the same file.

    python bench/service.py [--seconds 30] [--clients 32] [--workers 2] [--size-mb 1] [--port 0]

1. Generates a deterministic WhatsApp-style log of ``--size-mb`` MB (``ingest.py``'s
   generator: ``01/01/2019, 08:05 - Name: text`` lines, ~5% with rule phrases).
2. Times the same file offline: ``chatscan scan FILE --out DIR --quiet`` as a whole process,
   and ``chatscan.scan_file`` in this process (one core), medians of ``--repeat`` runs.
3. Starts ``chatscan serve --workers N`` on 127.0.0.1 (temporary SQLite ledger, payments
   off, rate limits out of the way, LOG_LEVEL=WARNING) and waits for ``/health``.
4. Sends sequential requests to an idle server (single-request latency), then lets
   ``--clients`` concurrent clients post the file to ``/analyze`` for ``--seconds`` seconds
   (no new request after the deadline; each request has a timeout).
5. Prints requests, failures, requests/s, p50/p90/p99 latency, MB/s analysed, the server's
   CPU per request, and the service/CLI overhead and throughput ratios.

The load generator runs on the same machine: with fewer cores than clients, requests queue,
so latency under load is mostly waiting; the throughput comparison is the meaningful one.
Exits 2 if the service does not start (or the CLI fails), 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import ingest  # noqa: E402

MB = 1024 * 1024
HOST = "127.0.0.1"
HEALTH_TIMEOUT_S = 60.0
STDERR_TAIL_LINES = 40


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


class RequestFailed(BenchError):
    """A request to the running service failed (exit 1, not 2)."""


# --- input and helpers -----------------------------------------------------------------------


def write_chat(path: Path, size_bytes: int, seed: int) -> int:
    """A WhatsApp-style log cut at a line end to at most ``size_bytes``; return its size."""
    ingest.write_whatsapp(path, size_bytes, seed)
    data = path.read_bytes()
    if len(data) > size_bytes:
        cut = data.rfind(b"\n", 0, size_bytes)
        data = data[: cut + 1] if cut > 0 else data[:size_bytes]
        path.write_bytes(data)
    return len(data)


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO_ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [src, env.get("PYTHONPATH", "")] if p)
    env.update(extra or {})
    return env


def chatscan_command() -> list[str]:
    """The ``chatscan`` entry point next to this interpreter, else ``python -m chatscan``."""
    exe = Path(sys.executable).parent / "chatscan"
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "chatscan"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def machine_busy_seconds() -> float | None:
    """Non-idle CPU seconds of the whole machine so far, all cores summed (Linux)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
        return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


CpuSnapshot = tuple[dict[int, float] | None, float, float | None]


@dataclass
class CpuUse:
    """CPU seconds spent during the load window, by whom."""

    server: dict[int, float]  # pid -> seconds, processes alive at both ends
    client: float
    machine: float | None

    @classmethod
    def between(cls, before: CpuSnapshot, after: CpuSnapshot) -> CpuUse:
        """From two (server by process, this process, whole machine) snapshots."""
        (server_0, client_0, machine_0), (server_1, client_1, machine_1) = before, after
        server = {}
        if server_0 is not None and server_1 is not None:
            server = {pid: server_1[pid] - server_0[pid] for pid in server_1 if pid in server_0}
        machine = None
        if machine_0 is not None and machine_1 is not None:
            machine = machine_1 - machine_0
        return cls(server, client_1 - client_0, machine)


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(pct / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def median_time(func: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def multipart_body(filename: str, data: bytes) -> tuple[bytes, dict[str, str]]:
    """One ``file`` field, built once so the load generator spends no CPU encoding it."""
    boundary = f"chatscanbench{uuid.uuid4().hex}"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + data + tail, {"content-type": f"multipart/form-data; boundary={boundary}"}


# --- offline side ----------------------------------------------------------------------------


@dataclass
class Offline:
    cli_s: float  # whole `chatscan scan` process
    scan_s: float  # chatscan.scan_file in this process, one core
    route_s: float | None  # scan + the route's JSON body, in this process
    events: int
    messages: int


def time_offline(chat: Path, work: Path, repeat: int) -> Offline:
    cmd = [*chatscan_command(), "scan", str(chat), "--out", str(work / "cli_out"), "--quiet"]

    def cli() -> None:
        proc = subprocess.run(cmd, env=child_env(), cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BenchError(f"`chatscan scan` exited {proc.returncode}: {proc.stderr.strip()}")

    cli_s = median_time(cli, repeat)

    import chatscan

    options = chatscan.ScanOptions(jobs=1)  # one core, as each service worker scans
    result = chatscan.scan_file(chat, options)
    scan_s = median_time(lambda: chatscan.scan_file(chat, options), repeat)
    return Offline(
        cli_s, scan_s, time_route_work(chat, repeat), len(result.events), result.messages_total
    )


def time_route_work(chat: Path, repeat: int) -> float | None:
    """What /analyze does after the upload (scan, JSON body, encoding), without HTTP."""
    try:
        from chatscan import __version__, load_pack
        from chatscan.reports import ReportOptions
        from chatscan.service.analysis import AnalysisInput, analyse, response_body
        from chatscan.service.responses import JSONBody
    except ImportError as exc:
        print(f"  (route work not timed: {exc})")
        return None
    pack = load_pack()
    options = ReportOptions(tool_version=__version__, brand_name="Chat Pattern Scanner")
    job = AnalysisInput(chat.name, chat.read_bytes())

    def work() -> None:
        JSONBody(response_body(analyse(job, pack), options, uuid.uuid4().hex))  # encodes

    return median_time(work, repeat)


# --- the server ------------------------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    base_url: str
    stderr_path: Path

    def stderr_tail(self, lines: int = STDERR_TAIL_LINES) -> str:
        try:
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no stderr captured)"
        return "\n".join(text.rstrip().splitlines()[-lines:]) or "(stderr is empty)"

    def cpu_by_process(self) -> dict[int, float] | None:
        """User+system CPU seconds of each live process in the server's group (Linux)."""
        try:
            ticks = os.sysconf("SC_CLK_TCK")
            found: dict[int, float] = {}
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                fields = stat[stat.rfind(")") + 2 :].split()
                if int(fields[2]) == self.proc.pid:  # process group id
                    found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
            return found
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait_s)
                return
            except subprocess.TimeoutExpired:
                continue


def start_server(work: Path, port: int, workers: int) -> Server:
    env = child_env(
        {
            "DATABASE_URL": f"sqlite:///{work / 'ledger.db'}",
            "PAYMENT_REQUIRED": "false",
            "RATE_LIMIT_ANALYZE": "1000000/minute",
            "RATE_LIMIT_PAYMENT": "1000000/minute",
            "RATE_LIMIT_STORAGE_URL": "memory://",
            "LOG_LEVEL": "WARNING",
        }
    )
    cmd = [*chatscan_command(), "serve", "--host", HOST, "--port", str(port)]
    cmd += ["--workers", str(workers)]
    stderr_path = work / "server.stderr"
    with open(work / "server.stdout", "wb") as out, open(stderr_path, "wb") as err:
        # cwd=work: no stray .env is read; own session: the whole group can be stopped.
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=work,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Server(proc, f"http://{HOST}:{port}", stderr_path)


def wait_healthy(server: Server, timeout_s: float) -> float:
    start = time.perf_counter()
    deadline = start + timeout_s
    last = "no answer"
    with httpx.Client(timeout=5.0) as client:
        while time.perf_counter() < deadline:
            if server.proc.poll() is not None:
                raise BenchError(f"the service exited with code {server.proc.returncode}")
            try:
                resp = client.get(f"{server.base_url}/health")
                if resp.status_code == 200:
                    return time.perf_counter() - start
                last = f"HTTP {resp.status_code}: {resp.text[:200]}"
            except httpx.HTTPError as exc:
                last = type(exc).__name__
            time.sleep(0.25)
    raise BenchError(f"/health not ready after {timeout_s:.0f} s (last: {last})")


# --- load ------------------------------------------------------------------------------------


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)  # successful requests, seconds
    failures: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0  # from the first request to the last answer
    window: float = 0.0  # from the first request to the deadline
    in_window: int = 0  # successful answers received before the deadline
    cpu: CpuUse | None = None  # during the window (the drain after it leaves cores idle)

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


async def _post(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    load: Load,
    deadline: float,
) -> None:
    start = time.perf_counter()
    try:
        resp = await client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        load.failures[type(exc).__name__] += 1
        return
    if resp.status_code == 200:
        end = time.perf_counter()
        load.latencies.append(end - start)
        load.in_window += end <= deadline
    else:
        load.failures[f"HTTP {resp.status_code}: {resp.text[:120]}"] += 1


async def run_load(
    base_url: str,
    body: bytes,
    headers: dict[str, str],
    clients: int,
    seconds: float,
    timeout_s: float,
    snapshot: Callable[[], CpuSnapshot],
) -> Load:
    load = Load()
    url = f"{base_url}/analyze"
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout_s, limits=limits) as client:
        before = snapshot()
        start = time.perf_counter()
        deadline = start + seconds

        async def one_client() -> None:
            while time.perf_counter() < deadline:  # no new request after the deadline
                await _post(client, url, body, headers, load, deadline)

        async def at_deadline() -> None:
            await asyncio.sleep(deadline - time.perf_counter())
            load.window = time.perf_counter() - start
            load.cpu = CpuUse.between(before, snapshot())

        await asyncio.gather(at_deadline(), *(one_client() for _ in range(clients)))
        load.elapsed = time.perf_counter() - start
    return load


def sequential(
    base_url: str, body: bytes, headers: dict[str, str], count: int, timeout_s: float
) -> tuple[list[float], int]:
    """Latencies of ``count`` one-at-a-time requests (after two warm-ups), and the
    ``total_events`` of the first answer."""
    latencies: list[float] = []
    events = -1
    with httpx.Client(timeout=timeout_s) as client:
        for i in range(count + 2):
            start = time.perf_counter()
            try:
                resp = client.post(f"{base_url}/analyze", content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise RequestFailed(f"POST /analyze: {type(exc).__name__}: {exc}") from None
            took = time.perf_counter() - start
            if resp.status_code != 200:
                raise RequestFailed(f"/analyze answered HTTP {resp.status_code}: {resp.text[:500]}")
            if i == 0:
                try:
                    events = int(json.loads(resp.content)["total_events"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise RequestFailed(f"/analyze answer has no total_events: {exc!r}") from None
            if i >= 2:
                latencies.append(took)
    return latencies, events


# --- the benchmark ---------------------------------------------------------------------------


def error(text: str) -> None:
    """To stderr, after whatever stdout holds, so the two stay in order in a log."""
    sys.stdout.flush()
    print(text, file=sys.stderr, flush=True)


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<40}{value:>12}  {note}".rstrip())


def report_cpu(cpu: CpuUse, window: float, answers: int, machine_cores: int) -> None:
    """Where the cores went during the window: server (per process), client, others."""
    secs = window or 1.0
    server_s = sum(cpu.server.values())
    if cpu.server and answers:
        row("server CPU per answer ms", f"{server_s / answers * 1000:.0f}", "all its processes")
        shares = " + ".join(f"{s / secs:.2f}" for s in sorted(cpu.server.values(), reverse=True))
        row("server cores busy", f"{server_s / secs:.2f}", f"by process: {shares}")
    row("load generator cores busy", f"{cpu.client / secs:.2f}", "this process, same machine")
    if cpu.machine is not None:
        others = max(0.0, cpu.machine - server_s - cpu.client)
        row("other processes cores busy", f"{others / secs:.2f}", f"of {machine_cores} cores")
        if others / secs > 0.25:
            print("    WARNING: something else was using the CPU; the figures are pessimistic")


def report(args: argparse.Namespace, size: int, off: Offline, single_s: float, load: Load) -> None:
    size_mb = size / MB
    lat = sorted(load.latencies)
    p50, p90, p99 = (percentile(lat, p) * 1000 for p in (50, 90, 99))
    rps = load.in_window / load.window if load.window else 0.0
    cores = min(args.workers, usable_cores())
    ideal = cores / off.scan_s

    print(
        f"\nLOAD ({args.clients} clients, {args.workers} workers, {args.seconds:g} s window, "
        f"{size_mb:.2f} MB per request)"
    )
    row("requests (HTTP 200)", f"{load.ok}", f"{load.in_window} answered within the window")
    row("failures", f"{load.failed}")
    row("requests/s", f"{rps:.2f}", "answers within the window / window")
    row(
        "requests/s incl. drain",
        f"{load.ok / load.elapsed:.2f}" if load.elapsed else "-",
        f"all answers / {load.elapsed:.1f} s to the last one",
    )
    row("latency p50 ms", f"{p50:.0f}", "all answers")
    row("latency p90 ms", f"{p90:.0f}")
    row("latency p99 ms", f"{p99:.0f}")
    row("chat analysed MB/s", f"{rps * size_mb:.2f}")
    if load.cpu is not None:
        report_cpu(load.cpu, load.window, load.in_window, usable_cores())

    print("\nSINGLE REQUEST (idle server, one at a time)")
    row(f"median of {args.sequential} ms", f"{single_s * 1000:.0f}")

    print(f"\nOFFLINE (same file, median of {args.repeat})")
    row("CLI `chatscan scan --quiet` ms", f"{off.cli_s * 1000:.0f}", "whole process")
    row("in-process scan_file ms", f"{off.scan_s * 1000:.0f}", "one core, after warm-up")
    if off.route_s is not None:
        row(
            "in-process scan + JSON body ms",
            f"{off.route_s * 1000:.0f}",
            "the route's work without HTTP",
        )

    print("\nRATIOS")
    row(f"p50 @{args.clients} clients / CLI process", f"{p50 / 1000 / off.cli_s:.2f}x")
    print(
        f"    = wait for one analysis via the loaded service vs running the CLI "
        f"(mostly queueing: {args.clients} requests share {cores} cores)"
    )
    row("single request / in-process scan", f"{single_s / off.scan_s:.2f}x")
    print(
        "    = idle-server cost of one analysis vs the bare scan (HTTP, upload, JSON body, ledger)"
    )
    if off.route_s is not None:
        row("single request / in-process scan+JSON", f"{single_s / off.route_s:.2f}x")
        print("    = the same, counting the JSON body as work: HTTP, upload and ledger cost alone")
    print("\nTHROUGHPUT (the meaningful comparison on a small machine)")
    row("service analyses/s", f"{rps:.2f}")
    row(
        f"in-process analyses/s per core x {cores}",
        f"{ideal:.2f}",
        f"{1 / off.scan_s:.2f}/s per core",
    )
    row(
        "service / in-process ideal",
        f"{rps / ideal * 100:.0f}%",
        "share of the cores' bare-scan capacity the service delivers",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="load window")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--size-mb", type=float, default=1.0, help="size of the chat log")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    parser.add_argument("--repeat", type=int, default=5, help="offline runs (median)")
    parser.add_argument("--sequential", type=int, default=10, help="idle-server requests")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    counts = (args.clients, args.workers, args.repeat, args.sequential)
    if min(counts) < 1 or min(args.seconds, args.size_mb, args.timeout) <= 0:
        parser.error("every option but --port and --seed must be positive")

    with tempfile.TemporaryDirectory(prefix="chatscan-service-") as tmp:
        work = Path(tmp)
        chat = work / "chat.txt"
        size = write_chat(chat, int(args.size_mb * MB), args.seed)
        print(f"generated {chat.name}: {size / MB:.2f} MB, seed {args.seed}")
        try:
            off = time_offline(chat, work, args.repeat)
        except BenchError as exc:
            error(f"ERROR: {exc}")
            return 2
        print(f"  {off.messages} messages, {off.events} events (in-process scan)")

        port = args.port or free_port()
        body, headers = multipart_body(chat.name, chat.read_bytes())
        server = start_server(work, port, args.workers)
        try:
            ready_s = wait_healthy(server, HEALTH_TIMEOUT_S)
            print(f"service up on {server.base_url} ({args.workers} workers) in {ready_s:.1f} s")
            single, events = sequential(
                server.base_url, body, headers, args.sequential, args.timeout
            )
            if events != off.events:
                print(
                    f"WARNING: the service found {events} events, the in-process scan {off.events}"
                )
            load = asyncio.run(
                run_load(
                    server.base_url,
                    body,
                    headers,
                    args.clients,
                    args.seconds,
                    args.timeout,
                    lambda: (server.cpu_by_process(), time.process_time(), machine_busy_seconds()),
                )
            )
        except BenchError as exc:
            failed = isinstance(exc, RequestFailed)
            what = "a request failed" if failed else "the service did not start"
            error(f"ERROR: {what}: {exc}")
            error(f"--- server stderr (last {STDERR_TAIL_LINES} lines) ---")
            error(server.stderr_tail())
            return 1 if failed else 2
        finally:
            server.stop()

        report(args, size, off, statistics.median(single), load)
        if load.failed:
            error(f"\nFAILED: {load.failed} of {load.ok + load.failed} requests failed:")
            for reason, count in load.failures.most_common(5):
                error(f"  {count} x {reason}")
            error(f"--- server stderr (last {STDERR_TAIL_LINES} lines) ---")
            error(server.stderr_tail())
            return 1
        if not load.ok:
            error("\nFAILED: no request completed in the window")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
