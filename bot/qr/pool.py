"""QR decoding on every core, off the event loop: a thread pool sized to the machine.

Why threads and not processes (`python -m benchmarks.decode_pool` measures both): the work
inside `decode_qr` is native code that releases the GIL (Pillow's JPEG decoder, zxing-cpp,
OpenCV; zbar through ctypes), so threads decode on all cores at once. A process pool decoded
fewer photos per second on a 2-core machine, not more; each hand-off costs ~0.2 ms of pickling
and pipes instead of ~20 µs; and the forkserver and its workers, each with its own numpy,
OpenCV and zxing-cpp, add ~100 MB (PSS) to a bot that must stay under 300 MB.

Why a pool of its own and not asyncio's default executor (`asyncio.to_thread`): that one has
`cpu + 4` threads and is shared with the rest of the bot (DNS lookups, file I/O). A burst of
photos would fill it and make those wait behind decoding, and more decoding threads than
cores only adds contention: the photos finish no sooner, and the event loop, which shares
the cores with the workers, answers later (its lag grows with every extra thread).

The pool needs no closing for correctness (idle threads exit when the pool is garbage
collected, and at interpreter exit), but `close()` ends them at a known moment on shutdown.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bot.qr.pipeline import decode_qr

__all__ = ["DecodePool", "machine_cores"]


def machine_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container or taskset sets
    it), which can be fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class DecodePool:
    """Decodes photos in `workers` threads (default: one per core) and awaits the result.

    `decode` is `decode_qr`; tests pass another function to watch the pool at work.

    `decode` raises what `decode_qr` raises (`ImageUnreadable`, `AmbiguousPhoto`), as is.
    Cancelling the awaiting task does not stop a decode already running: the work is bounded
    (see bot/qr/pipeline.py), and its result is dropped.
    """

    def __init__(
        self, workers: int | None = None, decode: Callable[[bytes], list[str]] = decode_qr
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError(f"a decode pool needs at least one worker, not {workers}")
        self.workers = workers or machine_cores()
        self._decode = decode
        self._executor = ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="qr-decode"
        )

    async def decode(self, image: bytes) -> list[str]:
        """The texts of the QR codes in `image` (see `decode_qr`), decoded in a worker thread."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._decode, image)

    def close(self) -> None:
        """Stop the workers: queued photos are dropped, one being decoded finishes on its own."""
        self._executor.shutdown(wait=False, cancel_futures=True)
