"""Webhook delivery as Telegram does it: updates POSTed to the bot, each chat's in order.

This mirrors the parts of telegram-bot-api's ``WebhookActor`` that a bot behind a load balancer
depends on:

* at most ``max_connections`` requests are in flight;
* updates with the same queue key (the chat id, else the sender's id) go out one at a time and
  in order: the next one only after the previous one got a 2xx, so one chat never races itself
  while different chats are delivered in parallel;
* a non-2xx answer, a connection error or no answer within the timeout sends the update again
  later with a doubling backoff, still ahead of the chat's later updates; a 2xx confirms it
  (``pending_update_count`` drops) and the failure is what getWebhookInfo reports;
* a non-2xx answer with a ``Retry-After`` header (whole seconds) is sent again that many
  seconds later instead, at most an hour, and does not double the backoff
  (``WebhookActor::on_update_error``): a bot instance asking for a copy later (another one
  holds the update) is taken at its word, as Telegram does;
* on a timeout the emulator stops waiting and closes its connection, but the bot's handler may
  well still be running — exactly how a late answer makes Telegram deliver an update twice.

The ``duplicate`` knob forces that second delivery for every update: a copy is sent
``duplicate_gap_seconds`` after the original *without waiting for its answer* (0 = both at
once). That models the real cause — Telegram gave up on a slow request that is still being
handled — at its most hostile: two instances behind a load balancer handle the same
``update_id`` at the same time, so only a database-level guard (a unique constraint) keeps the
bot from acting twice. The update is confirmed when either copy gets a 2xx; the chat's next
update waits until both copies were answered.

Each request is logged as a ``webhookDelivery`` event (update id, attempt, copy, HTTP status or
error, ``sent_at`` and ``answered_at`` wall-clock times), so a test or benchmark can measure
"update delivered → reply sent" against the ``time`` of the bot's sendMessage events.

A webhook's answer body may carry a Bot API call in Telegram; the emulator ignores bodies.
Updates are only delivered to loopback addresses: a test setting ``https://bot.example.org``
must not make the emulator reach out to the internet (getWebhookInfo says why nothing goes out).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import time
from dataclasses import asdict, dataclass, fields
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from ..http_shards import KEEPALIVE_EXPIRY, ClientShards
from .notifier import Notifier

if TYPE_CHECKING:
    from .state import World

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
DELIVERY_EVENT = "webhookDelivery"
MAX_CONNECTIONS = 100  # Telegram's upper bound for setWebhook's max_connections
LOCAL_MAX_CONNECTIONS = 1000  # a local Bot API server allows far more; this bounds the pool
NOT_LOOPBACK = "The emulator delivers webhooks to loopback addresses only"
IDLE_WAIT = 3600.0  # nothing pending and nothing to retry: sleep until a push wakes the loop
MAX_RETRY_AFTER = 3600  # telegram-bot-api clamps a webhook's Retry-After to an hour


@dataclass
class DeliveryOptions:
    """The emulator's delivery knobs, set through the control API (``/_emu/webhook``).

    Telegram waits much longer than 10 s and backs off further; the defaults keep a stuck test
    short, and tests shrink them further.
    """

    timeout_seconds: float = 10.0
    retry_initial_seconds: float = 0.5
    retry_max_seconds: float = 30.0
    duplicate: bool = False
    duplicate_gap_seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def change(self, changes: dict[str, Any]) -> None:
        """Apply known knobs from ``changes``; raise ValueError on unknown or bad values."""
        known = {field.name: field.type for field in fields(self)}
        unknown = set(changes) - known.keys()
        if unknown:
            raise ValueError(f"unknown delivery options {sorted(unknown)}")
        for name, value in changes.items():
            if value is None:
                continue
            if name == "duplicate":
                if not isinstance(value, bool):
                    raise ValueError('"duplicate" must be true or false')
                self.duplicate = value
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f'"{name}" must be a number of seconds (at least 0)')
            setattr(self, name, float(value))
        if self.timeout_seconds <= 0:
            raise ValueError('"timeout_seconds" must be more than 0')

    def backoff(self, attempts: int) -> float:
        """Seconds before attempt ``attempts + 1``: the initial wait, doubling up to the cap."""
        return min(self.retry_initial_seconds * 2 ** max(attempts - 1, 0), self.retry_max_seconds)


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (``localhost``, 127.0.0.0/8 or ::1)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _payload(update: dict[str, Any]) -> dict[str, Any]:
    for key, value in update.items():
        if key != "update_id" and isinstance(value, dict):
            return value
    return {}


def chat_of(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to, when it has one (messages, member changes, ...)."""
    chat = _payload(update).get("chat")
    return chat.get("id") if isinstance(chat, dict) else None


def queue_key(update: dict[str, Any]) -> int | str:
    """Updates with the same key are delivered one at a time: the chat, else the sender.

    In a private chat the two are the same number, so a button press waits for the message
    before it, as it does in Telegram.
    """
    chat_id = chat_of(update)
    if chat_id is not None:
        return int(chat_id)
    sender = _payload(update).get("from") or _payload(update).get("user")
    if isinstance(sender, dict) and "id" in sender:
        return int(sender["id"])
    return f"update:{update['update_id']}"


def describe_error(error: httpx.HTTPError) -> str:
    """The ``last_error_message`` Telegram would show for a failed request."""
    if isinstance(error, httpx.ConnectTimeout):
        return "Connection timed out"
    if isinstance(error, httpx.TimeoutException):
        return "Read timeout expired"
    if isinstance(error, httpx.ConnectError):
        return "Connection refused"
    return "Connection reset by peer"


def retry_after(response: httpx.Response) -> int | None:
    """A failed answer's ``Retry-After`` in seconds, read as telegram-bot-api reads it: a whole
    non-negative number (clamped to an hour), anything else ignored."""
    value = response.headers.get("retry-after", "").strip()
    if not value.isdigit() or int(value) == 0:  # 0: as if absent (the backoff applies)
        return None
    return min(int(value), MAX_RETRY_AFTER)


def wrong_response(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"Wrong response from the webhook: {status} {phrase}"


@dataclass
class _UpdateState:
    attempts: int = 0
    backoffs: int = 0  # failures without Retry-After: they double the wait, the others don't
    retry_after: int | None = None  # the largest Retry-After the copies of this attempt got
    retry_at: float = 0.0
    copies_running: int = 0
    confirmed: bool = False


class WebhookDelivery:
    """The delivery side of one emulator: its knobs and the loop that runs while a URL is set.

    The loop lives in the event loop that serves the emulator (it is started by setWebhook, a
    request on that loop), so it needs no threads of its own; ``stop`` may come from anywhere.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.options = DeliveryOptions()
        self._actor: _Actor | None = None
        world.updates.on_push.append(self.notify)

    @property
    def in_flight(self) -> int:
        return self._actor.in_flight if self._actor is not None else 0

    @property
    def pool_size(self) -> int:
        """Connections the delivery pools may open: every copy of every allowed request."""
        cap = LOCAL_MAX_CONNECTIONS if self.world.local_webhooks else MAX_CONNECTIONS
        return 2 * cap

    def start(self) -> None:
        """Deliver pending and future updates; call from a coroutine on the serving loop."""
        if self._actor is not None and not self._actor.task.done():
            self._actor.wake.notify()  # the URL or the limits may have changed
            return
        self._actor = _Actor(self.world, self)

    def stop(self) -> None:
        """Stop delivering (deleteWebhook, reset); requests in flight are abandoned."""
        actor, self._actor = self._actor, None
        if actor is not None:
            actor.call_soon(actor.task.cancel)

    def reset(self) -> None:
        self.stop()
        self.options = DeliveryOptions()

    def notify(self) -> None:
        """Something changed (an update was queued, a knob turned): look at the queue again."""
        if self._actor is not None:
            self._actor.call_soon(self._actor.wake.notify)


def _report_crash(task: asyncio.Task[None]) -> None:
    """A bug in the loop would otherwise stop delivery without a word."""
    if not task.cancelled() and task.exception() is not None:
        log.error("webhook delivery stopped", exc_info=task.exception())


class _Actor:
    """One run of the delivery loop, from setWebhook to deleteWebhook; its state dies with it."""

    def __init__(self, world: World, delivery: WebhookDelivery) -> None:
        self.world = world
        self.delivery = delivery
        self.loop = asyncio.get_running_loop()
        self.wake = Notifier()
        self.states: dict[int, _UpdateState] = {}
        self.busy: dict[int | str, int] = {}  # queue key -> copies in flight
        self.in_flight = 0
        self.attempts: set[asyncio.Task[None]] = set()
        self.clients: ClientShards | None = None
        self.task = self.loop.create_task(self.run(), name="webhook-delivery")
        self.task.add_done_callback(_report_crash)

    def call_soon(self, callback: Any) -> None:
        """Run ``callback`` on the actor's loop, at once when already there (not threadsafe)."""
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        if here is self.loop:
            callback()
        else:
            with contextlib.suppress(RuntimeError):  # the loop is gone: nothing left to stop
                self.loop.call_soon_threadsafe(callback)

    async def run(self) -> None:
        size = self.delivery.pool_size
        limits = httpx.Limits(
            max_connections=size, max_keepalive_connections=size, keepalive_expiry=KEEPALIVE_EXPIRY
        )
        # One set of pools for the whole run (see http_shards for why it is more than one);
        # no proxies from the environment for a webhook on loopback.
        self.clients = ClientShards(limits=limits, trust_env=False)
        try:
            while True:
                wake_at = self.dispatch()
                wait = IDLE_WAIT if wake_at is None else wake_at - self.loop.time()
                await self.wake.wait(max(wait, 0.001))
        finally:
            for attempt in self.attempts:
                attempt.cancel()
            await asyncio.gather(*self.attempts, return_exceptions=True)
            await self.clients.aclose()

    def dispatch(self) -> float | None:
        """Send what may go out now; return when the earliest waiting retry is due."""
        webhook, options = self.world.webhook, self.delivery.options
        if not webhook.url:
            return None
        copies = 2 if options.duplicate else 1
        now = self.loop.time()
        wake_at: float | None = None
        blocked = set(self.busy)
        pending = self.world.updates.pending
        for update in list(pending):
            if self.in_flight and self.in_flight + copies > webhook.max_connections:
                break  # an answer will wake the loop
            key = queue_key(update)
            if key in blocked:
                continue  # this chat's earlier update is still on its way
            blocked.add(key)
            state = self.states.setdefault(update["update_id"], _UpdateState())
            if state.retry_at > now:
                wake_at = state.retry_at if wake_at is None else min(wake_at, state.retry_at)
                continue
            self.launch(update, key, state, copies)
        if len(self.states) > 2 * len(pending) + 100:  # updates dropped while failing
            alive = {update["update_id"] for update in pending}
            self.states = {
                update_id: state
                for update_id, state in self.states.items()
                if update_id in alive or state.copies_running
            }
        return wake_at

    def launch(
        self, update: dict[str, Any], key: int | str, state: _UpdateState, copies: int
    ) -> None:
        state.attempts += 1
        state.retry_after = None
        state.copies_running = copies
        self.busy[key] = copies
        self.in_flight += copies
        body = json.dumps(update, ensure_ascii=False, separators=(",", ":")).encode()
        gap = self.delivery.options.duplicate_gap_seconds
        for copy in range(1, copies + 1):
            attempt = self.loop.create_task(
                self.attempt(update, key, state, body, copy, gap if copy > 1 else 0.0)
            )
            self.attempts.add(attempt)
            attempt.add_done_callback(self.attempts.discard)

    async def attempt(
        self,
        update: dict[str, Any],
        key: int | str,
        state: _UpdateState,
        body: bytes,
        copy: int,
        delay: float,
    ) -> None:
        if delay:
            await asyncio.sleep(delay)
        assert self.clients is not None
        webhook, options = self.world.webhook, self.delivery.options
        headers = {"content-type": "application/json"}
        if webhook.secret_token:
            headers[SECRET_HEADER] = webhook.secret_token
        status: int | None = None
        error: str | None = None
        sent = time.time()
        try:
            client = self.clients.pick()
            response = await client.post(
                webhook.url, content=body, headers=headers, timeout=options.timeout_seconds
            )
            status = response.status_code
            if not 200 <= status < 300:
                error = wrong_response(status)
                asked = retry_after(response)
                if asked is not None:
                    state.retry_after = max(asked, state.retry_after or 0)
        except httpx.HTTPError as exc:
            error = describe_error(exc)
        self.finish(update, key, state, copy, status, error, sent)

    def finish(
        self,
        update: dict[str, Any],
        key: int | str,
        state: _UpdateState,
        copy: int,
        status: int | None,
        error: str | None,
        sent: float,
    ) -> None:
        update_id = update["update_id"]
        params: dict[str, Any] = {"update_id": update_id, "attempt": state.attempts, "copy": copy}
        chat_id = chat_of(update)
        if chat_id is not None:
            params["chat_id"] = chat_id
        self.world.events.record(
            DELIVERY_EVENT,
            params,
            ok=error is None,
            status_code=status,
            description=error,
            sent_at=sent,
            answered_at=time.time(),
        )
        state.copies_running -= 1
        self.in_flight -= 1
        self.busy[key] -= 1
        if error is None:
            if not state.confirmed:
                state.confirmed = True
                self.world.updates.confirm_one(update_id)
        else:
            self.world.webhook.last_error_date = int(time.time())
            self.world.webhook.last_error_message = error
        if state.copies_running == 0:
            del self.busy[key]
            if state.confirmed:
                self.states.pop(update_id, None)
            else:
                state.retry_at = self.loop.time() + self._wait(state)
        self.wake.notify()

    def _wait(self, state: _UpdateState) -> float:
        """Seconds until the next attempt: what the bot asked for, else the doubling backoff."""
        if state.retry_after is not None:
            return float(state.retry_after)
        state.backoffs += 1
        return self.delivery.options.backoff(state.backoffs)
