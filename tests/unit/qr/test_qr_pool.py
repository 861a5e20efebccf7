"""bot.qr.pool.DecodePool: photos decoded on every core, off the event loop, errors intact."""

from __future__ import annotations

import asyncio
import io
import threading
import time

import numpy as np
import pytest
from PIL import Image
from pydantic import ValidationError

from benchmarks.checkin_photos import telegram_sized_posters
from benchmarks.decode_pool import decode_only_throughput
from bot.config import Settings
from bot.qr import AmbiguousPhoto, ImageUnreadable, decode_qr
from bot.qr.pool import DecodePool, machine_cores
from tests.support.images import photo_without_qr, png_bomb, poster_photo

CODES = ["12345678", "https://uitpas.be/?qr=primitieven4kz9"]


async def test_decodes_real_photos_in_a_burst() -> None:
    photos = [poster_photo(CODES[0]), poster_photo(CODES[1]), photo_without_qr()] * 4
    pool = DecodePool(2)
    try:
        results = await asyncio.gather(*(pool.decode(photo) for photo in photos))
    finally:
        pool.close()
    assert results == [[CODES[0]], [CODES[1]], []] * 4


async def test_runs_as_many_decodes_at_once_as_it_has_workers_and_no_more() -> None:
    # Two decodes must be inside at the same time for the barrier to open: with one worker
    # at a time it would time out and the decodes would raise BrokenBarrierError.
    both_inside = threading.Barrier(2, timeout=10)
    lock = threading.Lock()
    inside = most = 0
    threads: set[str] = set()

    def decode(image: bytes) -> list[str]:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
            threads.add(threading.current_thread().name)
        try:
            if image == b"meet":
                both_inside.wait()
                return []
            return decode_qr(image)
        finally:
            with lock:
                inside -= 1

    pool = DecodePool(2, decode=decode)
    try:
        met = await asyncio.gather(pool.decode(b"meet"), pool.decode(b"meet"))
        photo = poster_photo(CODES[0])
        burst = await asyncio.gather(*(pool.decode(photo) for _ in range(8)))
    finally:
        pool.close()
    assert met == [[], []]
    assert burst == [[CODES[0]]] * 8
    assert most == 2
    assert len(threads) == 2
    assert all(name.startswith("qr-decode") for name in threads)


async def test_unreadable_images_raise_as_they_would_inline() -> None:
    pool = DecodePool(1)
    try:
        with pytest.raises(ImageUnreadable, match="not a PNG, JPEG, WebP or GIF"):
            await pool.decode(b"%PDF-1.7 not an image")
        with pytest.raises(ImageUnreadable, match="more pixels than"):
            await pool.decode(png_bomb())
    finally:
        pool.close()


async def test_an_ambiguous_photo_crosses_the_pool_as_the_same_exception() -> None:
    raised = AmbiguousPhoto("1 code(s) read two ways")

    def decode(image: bytes) -> list[str]:
        raise raised

    pool = DecodePool(1, decode=decode)
    try:
        with pytest.raises(AmbiguousPhoto) as caught:
            await pool.decode(b"photo")
    finally:
        pool.close()
    assert caught.value is raised
    assert isinstance(caught.value, ImageUnreadable)  # what older callers catch


async def test_the_event_loop_keeps_ticking_while_the_pool_decodes() -> None:
    # The slowest kind of photo: small, without a code, so every rescue runs, on upscaled
    # copies too (about half a second). Decoded on the loop, each would stop it for the whole
    # decode; in the pool the loop only shares the cores with the workers.
    noise = np.random.default_rng(1).integers(0, 256, (75, 100), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).resize((400, 300), Image.Resampling.NEAREST).save(buffer, "PNG")
    photo = buffer.getvalue()
    started = time.perf_counter()
    assert decode_qr(photo) == []
    one_decode = time.perf_counter() - started

    pool = DecodePool(2)
    lags: list[float] = []
    done = asyncio.Event()

    async def tick() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            lags.append(time.perf_counter() - before - 0.005)

    ticker = asyncio.create_task(tick())
    try:
        results = await asyncio.gather(*(pool.decode(photo) for _ in range(4)))
    finally:
        done.set()
        await ticker
        pool.close()
    assert results == [[]] * 4
    assert len(lags) > 10
    # Generous: half of one decode. On the loop, the longest stall would be a whole decode.
    assert max(lags) < one_decode / 2, (max(lags), one_decode)


async def test_a_closed_pool_takes_no_more_photos() -> None:
    pool = DecodePool(1)
    pool.close()
    with pytest.raises(RuntimeError):
        await pool.decode(poster_photo(CODES[0]))


def test_workers_default_to_the_usable_cores() -> None:
    assert DecodePool().workers == machine_cores() >= 1
    assert DecodePool(3).workers == 3
    with pytest.raises(ValueError, match="at least one worker"):
        DecodePool(0)


def test_decode_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).decode_workers is None  # type: ignore[call-arg]
    monkeypatch.setenv("DECODE_WORKERS", "3")
    assert Settings(_env_file=None).decode_workers == 3  # type: ignore[call-arg]
    monkeypatch.setenv("DECODE_WORKERS", "")
    assert Settings(_env_file=None).decode_workers is None  # type: ignore[call-arg]
    for bad in ("0", "-2", "many"):
        monkeypatch.setenv("DECODE_WORKERS", bad)
        with pytest.raises(ValidationError, match="decode_workers"):
            Settings(_env_file=None)  # type: ignore[call-arg]


def test_benchmark_photos_are_telegram_sized_and_decode_to_their_codes() -> None:
    photos = telegram_sized_posters(CODES, 6, seed=11)
    assert photos == telegram_sized_posters(CODES, 6, seed=11)  # the same for the same seed
    for index, photo in enumerate(photos):
        with Image.open(io.BytesIO(photo)) as image:
            assert image.format == "JPEG"
            assert max(image.size) == 1280
        assert decode_qr(photo) == [CODES[index % len(CODES)]]


def test_decode_only_throughput_counts_unreadable_photos_as_done() -> None:
    rate = decode_only_throughput([poster_photo(CODES[0]), b"not an image"], 2, seconds=0.2)
    assert rate > 0
