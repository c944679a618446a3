"""bench/lifebench.py - the lifecycle benchmarks of bench/run (bench/README.md):
reset -> setup() time. bench/run passes itself (its helpers) as `b`."""
import os
import statistics
import subprocess
import time

RESETS = 50  # must match bench/apps/reset_setup


def byte_times(argv):
    """The wall time of every byte the image writes to stdout, from exec."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, bufsize=0)
    times, data = [], b""
    while True:
        chunk = os.read(p.stdout.fileno(), 1)
        if not chunk:
            break
        times.append(time.perf_counter() - t0)
        data += chunk
    p.wait()
    p.stdout.close()
    return times, data, p.returncode


def bench_reset(ctx, b):
    b.log("reset: measuring")
    fw = ctx.image("reset_setup")
    argv = [fw, "--clock", "virtual", "--for", "1ms", "--events", "/dev/null"]
    byte_times(argv)  # warm-up
    gaps = []
    for _ in range(3):
        times, data, rc = byte_times(argv)
        if rc != 0 or data != b"R" * RESETS + b"E":
            raise b.BenchError(f"reset_setup: exit {rc}, output {data!r}")
        gaps += [t2 - t1 for t1, t2 in zip(times, times[1:])]
    boot = b.empty_run(ctx)
    m = statistics.median(gaps)
    b.report("reset", f"median {b.ms(m)} System.reset() -> setup() over {len(gaps)} resets (re-exec)",
             f"baseline exec->exit of the boot app {b.ms(boot)}; ratio {b.ratio(m, boot)}", "< 20 ms", m < 0.020)
