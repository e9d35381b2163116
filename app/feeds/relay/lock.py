"""Which of several relays for one vendor holds the vendor connection: a JetStream key-value lock.

The holder created the key ``active`` (create = write only if absent: the revision check) and
renews it every ``renew`` seconds with an update that names the revision it last wrote; the
bucket forgets an entry ``ttl`` seconds after its write, so a relay that died (or lost NATS)
frees the key and a standby's next create wins. A holder whose renewal finds another's revision
has lost the lock and steps down. All waits are bounded by the caller's timeouts.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

KEY = "active"


class KvLock:
    """``acquire()`` → bool; ``renew()`` → bool (False: lost); ``release()``."""

    def __init__(self, js, bucket: str, owner: str, ttl: float) -> None:
        self.js = js
        self.bucket = bucket
        self.owner = owner.encode()
        self.ttl = ttl
        self.revision: int | None = None
        self._kv = None

    async def _bucket(self):
        if self._kv is None:
            from nats.js.errors import BucketNotFoundError

            try:
                self._kv = await self.js.key_value(self.bucket)
            except BucketNotFoundError:
                self._kv = await self.js.create_key_value(bucket=self.bucket, history=1, ttl=self.ttl)
        return self._kv

    async def acquire(self) -> bool:
        """Take the lock if nobody holds it (or we still do, from before an outage)."""
        from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError

        kv = await self._bucket()
        try:
            self.revision = await kv.create(KEY, self.owner)
            return True
        except KeyWrongLastSequenceError:
            pass
        try:
            entry = await kv.get(KEY)
        except KeyNotFoundError:
            return False
        if entry.value == self.owner:  # ours, written before a reconnection: carry on
            try:
                self.revision = await kv.update(KEY, self.owner, last=entry.revision)
                return True
            except KeyWrongLastSequenceError:
                return False
        return False

    async def renew(self) -> bool:
        """Write the lock again; False when another relay holds it now."""
        from nats.js.errors import KeyWrongLastSequenceError

        kv = await self._bucket()
        try:
            self.revision = await kv.update(KEY, self.owner, last=self.revision)
            return True
        except KeyWrongLastSequenceError:
            return await self.acquire()  # expired meanwhile (an outage): free again, or taken

    async def release(self) -> None:
        """Let a standby take over at once (a clean exit)."""
        if self.revision is None:
            return
        from nats.js.errors import KeyWrongLastSequenceError

        kv = await self._bucket()
        try:
            await kv.delete(KEY, last=self.revision)
        except KeyWrongLastSequenceError:
            pass
        self.revision = None
