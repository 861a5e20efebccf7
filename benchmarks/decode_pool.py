"""QR decoding on all cores: one thread, thread pools, process pools and asyncio.to_thread.

    .venv/bin/python -m benchmarks.decode_pool [--posters N] [--seed S] [--photos DIR]

Measures decode throughput (photos/s) on two sets, with the same work for every row:
  posters   N Telegram-sized photos of the sandbox's check-in posters (the load benchmark's
            photos, benchmarks/checkin_photos.py): what a busy entrance sends;
  shared    the real photo set (`tests/data/qr-photos`) as the files are: harder
            photos, many read only by the rescues, some by none.

Rows: `decode_qr` in a plain loop; ThreadPoolExecutor with 1, 2 and 4 workers;
ProcessPoolExecutor with 1 and 2 workers (warm: the workers have imported the decoders and
decoded one photo before the clock starts; bytes go in, texts come out); `asyncio.to_thread`
as the bot did before (the default executor, cpu + 4 threads); and `DecodePool` (bot/qr/pool.py)
as the bot does now. Every pool gets all photos at once, as a burst of updates would. Each
way runs `--repeat` times, the ways taking turns, and its fastest run counts (on a machine
shared with other work, the fastest run is the least disturbed one).

Then what each way costs: the round trip of a call that does nothing (a thread hand-off; a
process hand-off carrying a photo-sized payload); memory: RSS and PSS of the process pool's
forkserver and workers (PSS splits the pages they share); and the event loop's lag (a 5 ms
sleep's overshoot) during a burst of poster photos for DecodePool sizes 1, 2, 4 and 6.

Finally, whether each native library releases the GIL (see `print_gil`), and
`decode_only_throughput`, the figure the load benchmark compares itself with.

Texts are never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import faulthandler
import math
import multiprocessing
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from importlib.metadata import version
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from benchmarks.checkin_photos import telegram_sized_posters
from benchmarks.decode import default_photos
from bot.qr import ImageUnreadable, decode_qr, decoders, load_gray
from bot.qr.pool import DecodePool, machine_cores
from bot.sandbox.uitpas.data import demo_data, system_clock

__all__ = ["decode_only_throughput", "decode_only_throughput_async", "main"]


def decode_only_throughput(images: list[bytes], workers: int, seconds: float) -> float:
    """Photos per second that `DecodePool(workers)` decodes, driven from an event loop the way
    the bot drives it, with `2 * workers` photos always waiting so no worker idles.

    Runs for about `seconds` (at least one photo per feeder), cycling through `images`; a photo
    that raises `ImageUnreadable` counts as done, as it does in the bot. This is the ceiling the
    load benchmark compares its end-to-end rate with.
    """
    return asyncio.run(decode_only_throughput_async(images, workers, seconds))


async def decode_only_throughput_async(images: list[bytes], workers: int, seconds: float) -> float:
    """`decode_only_throughput` for a caller already inside an event loop (run it while
    nothing else in the process is busy, or the figure is shared with that work)."""
    if not images:
        raise ValueError("no images to decode")
    pool = DecodePool(workers)
    try:
        await asyncio.gather(*(pool.decode(images[0]) for _ in range(workers)))  # warm
        done = 0
        next_image = 0
        started = time.perf_counter()
        deadline = started + seconds

        async def feeder() -> None:
            nonlocal done, next_image
            while True:
                image = images[next_image % len(images)]
                next_image += 1
                with contextlib.suppress(ImageUnreadable):
                    await pool.decode(image)
                done += 1
                if time.perf_counter() >= deadline:
                    return

        await asyncio.gather(*(feeder() for _ in range(2 * workers)))
        return done / (time.perf_counter() - started)
    finally:
        pool.close()


# ------------------------------------------------------------------------------ the work


def decode_or_none(image: bytes) -> list[str] | None:
    """`decode_qr`, with an unreadable photo as None: every photo counts as one photo done."""
    try:
        return decode_qr(image)
    except ImageUnreadable:
        return None


def nothing(payload: bytes) -> int:
    """The cheapest call: what a hand-off costs when the work is free."""
    return len(payload)


def warm_worker(image: bytes) -> int:
    """In a process-pool worker: import the decoders and decode once, before timing starts.
    The pause keeps this worker busy so that the next warm-up call starts another one."""
    decode_or_none(image)
    time.sleep(0.2)
    return os.getpid()


# ---------------------------------------------------------------------------- measuring


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def through(executor: Executor, images: list[bytes]) -> Callable[[], object]:
    return lambda: list(executor.map(decode_or_none, images))


def to_thread_seconds(images: list[bytes]) -> float:
    """A burst of `asyncio.to_thread` calls, as the bot made them, in a fresh event loop whose
    default executor is warmed first (a running bot's has its threads)."""

    async def main() -> float:
        await asyncio.gather(*(asyncio.to_thread(nothing, b"") for _ in range(8)))
        started = time.perf_counter()
        await asyncio.gather(*(asyncio.to_thread(decode_or_none, image) for image in images))
        return time.perf_counter() - started

    return asyncio.run(main())


def decode_pool_seconds(images: list[bytes]) -> float:
    """A burst of `DecodePool().decode` calls (warm pool), as the bot makes them."""

    async def main() -> float:
        pool = DecodePool()
        try:
            await asyncio.gather(*(pool.decode(images[0]) for _ in range(pool.workers)))
            started = time.perf_counter()
            await asyncio.gather(*(_counted(pool, image) for image in images))
            return time.perf_counter() - started
        finally:
            pool.close()

    return asyncio.run(main())


async def _counted(pool: DecodePool, image: bytes) -> None:
    with contextlib.suppress(ImageUnreadable):
        await pool.decode(image)


def process_pool(workers: int, warm_image: bytes) -> ProcessPoolExecutor:
    """A pool of warm workers: forkserver (forking the bot's threaded process is unsafe), the
    decoders preloaded in the server, every worker having decoded one photo."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.qr"])
    pool = ProcessPoolExecutor(workers, mp_context=context)
    pids: set[int] = set()
    while len(pids) < workers:  # every worker has started and decoded once
        pids |= set(pool.map(warm_worker, [warm_image] * workers))
    return pool


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in KiB, from /proc (PSS 0 where smaps_rollup is missing)."""
    rss = pss = 0
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def per_call_us(executor: Executor | None, payload: bytes, calls: int) -> float:
    """Median round trip, in µs, of `nothing(payload)` handed to `executor` (None: inline)."""
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        if executor is None:
            nothing(payload)
        else:
            executor.submit(nothing, payload).result()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def to_thread_call_us(calls: int) -> float:
    async def main() -> float:
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            await asyncio.to_thread(nothing, b"")
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1e6

    return asyncio.run(main())


# ------------------------------------------------------------------------------- the sets


def load_shared(directory: Path) -> list[bytes]:
    with (directory / "manifest.csv").open(newline="", encoding="utf-8") as rows:
        return [(directory / row["image"]).read_bytes() for row in csv.DictReader(rows)]


def throughput_rows(
    images: list[bytes], passes: int, repeat: int, warm_image: bytes
) -> list[tuple[str, float]]:
    """(way, photos/s) for every way of decoding the same `passes` over `images`.

    Each way runs `repeat` times, the ways taking turns, and keeps its fastest run: on a
    machine shared with other work the fastest run is the one least disturbed by it.
    """
    work = images * passes
    for image in images[:3]:
        decode_or_none(image)  # first-call initialisation is not throughput
    threads = {workers: ThreadPoolExecutor(workers) for workers in (1, 2, 4)}
    processes = {workers: process_pool(workers, warm_image) for workers in (1, 2)}
    try:
        for workers, pool in threads.items():
            list(pool.map(decode_or_none, images[:workers]))  # the threads exist
        ways: dict[str, Callable[[], float]] = {
            "one thread, plain loop": lambda: timed(lambda: [decode_or_none(i) for i in work])
        }
        for workers, pool in threads.items():
            ways[f"ThreadPoolExecutor({workers})"] = partial(timed, through(pool, work))
        for workers, pool in processes.items():
            ways[f"ProcessPoolExecutor({workers}), warm"] = partial(timed, through(pool, work))
        default_threads = min(32, (os.cpu_count() or 1) + 4)
        ways[f"asyncio.to_thread ({default_threads} threads)"] = partial(to_thread_seconds, work)
        ways[f"DecodePool() ({machine_cores()} threads)"] = partial(decode_pool_seconds, work)
        fastest = dict.fromkeys(ways, math.inf)
        for _ in range(repeat):
            for name, run in ways.items():
                fastest[name] = min(fastest[name], run())
        return [(name, len(work) / seconds) for name, seconds in fastest.items()]
    finally:
        for executor in [*threads.values(), *processes.values()]:
            executor.shutdown()


def print_throughput(title: str, rows: list[tuple[str, float]]) -> None:
    base = rows[0][1]
    print(f"\n{title}")
    width = max(len(name) for name, _ in rows)
    print(f"{'way':<{width}}  {'photos/s':>9}  {'× loop':>7}")
    for name, rate in rows:
        print(f"{name:<{width}}  {rate:9.1f}  {rate / base:7.2f}")


def print_costs(warm_image: bytes) -> None:
    def line(label: str, value: float) -> None:
        print(f"  {label:<46} {value:8.1f} µs")

    print("\nper-call overhead (median round trip of a call that does nothing)")
    line("inline call", per_call_us(None, b"", 2000))
    with ThreadPoolExecutor(2) as threads:
        line("ThreadPoolExecutor submit/result", per_call_us(threads, b"", 2000))
    line("asyncio.to_thread", to_thread_call_us(2000))
    pool = process_pool(2, warm_image)
    try:
        line("ProcessPoolExecutor, empty payload", per_call_us(pool, b"", 500))
        kib = len(warm_image) // 1024
        line(f"ProcessPoolExecutor, {kib} KiB photo as payload", per_call_us(pool, warm_image, 500))
        print("\nmemory (KiB; PSS splits shared pages between the processes sharing them)")
        rss, pss = memory_kb(os.getpid())
        print(f"  {'the benchmark (photos held, after the runs)':<46} RSS {rss:7d}  PSS {pss:7d}")
        server = forkserver._forkserver._forkserver_pid  # the process the workers fork from
        if server:
            rss, pss = memory_kb(server)
            print(f"  {'forkserver (bot.qr preloaded)':<46} RSS {rss:7d}  PSS {pss:7d}")
        for index, process in enumerate(pool._processes.values()):
            rss, pss = memory_kb(process.pid)
            print(f"  {f'process-pool worker {index}, warm':<46} RSS {rss:7d}  PSS {pss:7d}")
    finally:
        pool.shutdown()


def print_loop_lag(images: list[bytes]) -> None:
    """How late the event loop's timers run while a DecodePool of each size decodes a burst."""
    print("\nevent loop during a burst (a 5 ms sleep's overshoot, ms)")
    print(f"{'pool':<16}  {'photos/s':>8}  {'median':>6}  {'p99':>6}  {'max':>6}")
    for workers in (1, 2, 4, 6):
        rate, lags = asyncio.run(_burst_with_ticker(images, workers))
        lags.sort()
        print(
            f"{f'DecodePool({workers})':<16}  {rate:8.1f}  {lags[len(lags) // 2] * 1000:6.2f}  "
            f"{lags[int(len(lags) * 0.99)] * 1000:6.1f}  {lags[-1] * 1000:6.1f}"
        )


async def _burst_with_ticker(images: list[bytes], workers: int) -> tuple[float, list[float]]:
    pool = DecodePool(workers)
    lags: list[float] = []
    done = asyncio.Event()

    async def tick() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            lags.append(time.perf_counter() - before - 0.005)

    try:
        await asyncio.gather(*(pool.decode(image) for image in images[:workers]))  # warm
        ticker = asyncio.create_task(tick())
        started = time.perf_counter()
        await asyncio.gather(*(_counted(pool, image) for image in images))
        elapsed = time.perf_counter() - started
        done.set()
        await ticker
        return len(images) / elapsed, lags
    finally:
        pool.close()


def print_gil() -> None:
    """Whether each native stage releases the GIL, told apart in a way load cannot blur.

    A Python thread spins, noting the longest pause between two of its iterations, while
    another thread makes one long call. A call that holds the GIL stops the spinner for its
    whole duration; one that releases it stops the spinner no longer than a thread switch or
    the operating system's preemption (milliseconds, a few tens on a busy machine). Two rows
    for contrast: `sorted` holds the GIL for its whole call; pure Python bytecode shares it,
    pausing the spinner about one switch interval (5 ms) at a time. The images hold no code, so
    the decoders search them in full: a 12 MP one for the fast stages, 0.75 MP for the slow.
    """
    noise = np.random.default_rng(1).integers(0, 256, (400, 300), dtype=np.uint8)
    large = cv2.resize(noise, (3000, 4000), interpolation=cv2.INTER_NEAREST)
    small = cv2.resize(large, (750, 1000), interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", large, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    stages: list[tuple[str, Callable[[Any], object], object]] = [
        ("Pillow JPEG decode (load_gray), 12 MP", load_gray, jpeg.tobytes()),
        ("zxing-cpp (zxing), 12 MP", decoders.zxing, large),
        ("zbar via ctypes (zbar_qr), 0.75 MP", decoders.zbar_qr, small),
        ("OpenCV ArUco (opencv), 0.75 MP", decoders.opencv, small),
        ("OpenCV WeChat (wechat), 0.75 MP", decoders.wechat, small),
        ("contrast: sorted() of 2M numbers", sorted, _shuffled(2_000_000)),
        ("contrast: pure Python loop", _python_work, None),
    ]
    print("\nGIL: the longest a spinning Python thread waits during one call (of 3)")
    print(f"{'stage':<38}  {'call ms':>7}  {'pause ms':>8}  GIL")
    for name, stage, argument in stages:
        stage(argument)
        runs = [_longest_pause(lambda: stage(argument)) for _ in range(3)]  # noqa: B023
        call = statistics.median(duration for duration, _ in runs)
        pause = min(longest for _, longest in runs)
        verdict = "held" if pause > 0.5 * call else "not held"
        print(f"{name:<38}  {call * 1000:7.0f}  {pause * 1000:8.1f}  {verdict}")


def _longest_pause(call: Callable[[], object]) -> tuple[float, float]:
    """(duration of `call` in another thread, longest pause of this thread meanwhile), s."""
    go, finished = threading.Event(), threading.Event()
    took: list[float] = []

    def run() -> None:
        go.wait()
        started = time.perf_counter()
        call()
        took.append(time.perf_counter() - started)
        finished.set()

    worker = threading.Thread(target=run)
    worker.start()
    # Start the clock before the call: a call holding the GIL could otherwise run its whole
    # length before this thread even got back from start() or set().
    last = time.perf_counter()
    longest = 0.0
    go.set()
    while not finished.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    # The wait that ends with the call (a call holding the GIL) is only seen after the loop.
    longest = max(longest, time.perf_counter() - last)
    worker.join()
    return took[0], longest


def _shuffled(count: int) -> list[float]:
    return np.random.default_rng(2).random(count).tolist()


def _python_work(_: object) -> int:
    return sum(i * i for i in range(2_000_000))


def main(argv: list[str]) -> int:
    # One run aborted once in the native decoders ("corrupted double-linked list"), never
    # reproduced since: should it come back, this prints where every thread was.
    faulthandler.enable()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posters", type=int, default=60, help="check-in poster photos")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the poster photos")
    parser.add_argument("--photos", type=Path, default=default_photos(), help="shared photo set")
    parser.add_argument("--passes", type=int, default=2, help="passes over the posters per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per way (the fastest counts)")
    args = parser.parse_args(argv)

    codes = [event.checkin_code for event in demo_data(system_clock()).events]
    posters = telegram_sized_posters(codes, args.posters, args.seed)
    read = sum(
        decode_or_none(photo) == [codes[index % len(codes)]] for index, photo in enumerate(posters)
    )
    print(
        f"{os.cpu_count()} CPUs ({machine_cores()} usable), load average "
        f"{os.getloadavg()[0]:.2f}, OpenCV {cv2.__version__}, zxing-cpp {version('zxing-cpp')}"
    )
    print(
        f"posters: {len(posters)} photos (seed {args.seed}, "
        f"{statistics.mean(len(p) for p in posters) / 1024:.0f} KiB mean), "
        f"{read}/{len(posters)} decode to their poster's check-in code"
    )
    rows = throughput_rows(posters, args.passes, args.repeat, posters[0])
    print_throughput(f"posters × {args.passes} passes ({len(posters) * args.passes} photos)", rows)
    if (args.photos / "manifest.csv").is_file():
        shared = load_shared(args.photos)
        rows = throughput_rows(shared, 1, args.repeat, posters[0])
        print_throughput(f"shared photos, 1 pass ({len(shared)} photos, {args.photos})", rows)
    else:
        print(f"\nno manifest.csv in {args.photos}: shared photos skipped", file=sys.stderr)
    print_costs(posters[0])
    print_loop_lag(posters * args.passes)
    print_gil()
    print(
        f"\ndecode_only_throughput(posters, workers={machine_cores()}, seconds=3): "
        f"{decode_only_throughput(posters, machine_cores(), 3.0):.1f} photos/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
