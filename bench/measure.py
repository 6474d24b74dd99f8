"""Run a command and measure its wall time and the peak RSS of its whole process tree."""

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


def tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        for proc in [process, *process.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
    except psutil.Error:
        pass
    return total


def run(command: list[str], interval: float = 0.1, **kwargs) -> Run:
    """Run `command`, sampling the RSS of its process tree every `interval` seconds."""
    started = time.perf_counter()
    popen = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    process = psutil.Process(popen.pid)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = popen.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Run(seconds, peak[0], popen.returncode, stdout, stderr)


if __name__ == "__main__":
    result = run(sys.argv[1:])
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr[-2000:])
    print(f"seconds {result.seconds:.1f} peak_rss_mb {result.peak_rss / 2**20:.0f} rc {result.returncode}")
