"""Run a command and measure its wall time, the peak RSS of its whole process tree and of each process in it."""

import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import psutil


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes, the largest sum of RSS over the process and its children seen at one moment
    returncode: int
    stdout: str
    stderr: str
    processes: dict = None  # pid -> {"name": the root "main", else its command line, short; "peak_rss": bytes}


def tree_rss(process: psutil.Process, peaks: dict | None = None) -> int:
    """The RSS of `process` and its children now; with `peaks`, each process's largest RSS so far is kept there."""
    total = 0
    try:
        for proc in [process, *process.children(recursive=True)]:
            try:
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            if peaks is not None:
                seen = peaks.get(proc.pid)
                if seen is None:
                    seen = peaks[proc.pid] = {"name": "main" if proc.pid == process.pid else _name(proc), "peak_rss": 0}
                seen["peak_rss"] = max(seen["peak_rss"], rss)
    except psutil.Error:
        pass
    return total


def _name(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())[-120:]
    except psutil.Error:
        return "?"


def run(command: list[str], interval: float = 0.1, **kwargs) -> Run:
    """Run `command`, sampling the RSS of its process tree every `interval` seconds."""
    started = time.perf_counter()
    popen = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    process = psutil.Process(popen.pid)
    peak = [0]
    peaks: dict[int, dict] = {}
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process, peaks))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = popen.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Run(seconds, peak[0], popen.returncode, stdout, stderr, peaks)


if __name__ == "__main__":
    result = run(sys.argv[1:])
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr[-2000:])
    print(f"seconds {result.seconds:.1f} peak_rss_mb {result.peak_rss / 2**20:.0f} rc {result.returncode}")
    for pid, seen in sorted(result.processes.items(), key=lambda item: -item[1]["peak_rss"]):
        print(f"  pid {pid} peak_rss_mb {seen['peak_rss'] / 2**20:.0f} {seen['name']}")
