"""The ``{"code": …, "msg": …, "data": …}`` envelope most vendors' HTTP answers come in.

``data`` stays raw JSON (``null`` when absent), decoded per endpoint; which ``code`` means
success is the vendor's own (iTick 0, 脉动数据 200), so each adapter reads it itself.
"""

from __future__ import annotations

import msgspec


class Envelope(msgspec.Struct):
    code: int | str | None = None
    msg: str | None = None
    data: msgspec.Raw = msgspec.Raw(b"null")


envelope_decoder = msgspec.json.Decoder(Envelope)
