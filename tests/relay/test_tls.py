"""``tls://`` addresses: a nats-server that requires TLS (its certificate signed by a test
authority that the client trusts through SSL_CERT_FILE, as a desk's own authority would be
installed), a relay and a terminal both on tls://, the quotes flowing; a terminal that does not
trust the server's certificate is refused in words."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress

import pytest

from app.core.types import Quote
from app.feeds.base import FeedError
from app.feeds.relay.feed import RelayFeed
from tests.support.nats_server import start_server
from tests.support.relay_desk import CHANNELS, FAST_TERMINAL, run_desk


def _certificates(folder) -> tuple:
    x509 = pytest.importorskip("cryptography.x509", reason="cryptography is needed to make test certificates")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)

    def name(text):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("desk test CA")).issuer_name(name("desk test CA"))
          .public_key(ca_key.public_key()).serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(2).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def test_relay_and_terminal_over_tls(tmp_path, monkeypatch):
    ca, cert, key = _certificates(tmp_path)
    (tmp_path / "other").mkdir()
    other = _certificates(tmp_path / "other")[0]  # another authority
    config = tmp_path / "tls.conf"
    config.write_text(f'tls {{\n  cert_file: "{cert}"\n  key_file: "{key}"\n}}\n')
    server = start_server(tmp_path, config=config)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # the desk's authority, trusted like a system one
    url = server.url.replace("nats://", "tls://")
    try:
        async def scenario(desk):
            await desk.active_relay()
            feed, sink = await desk.terminal()
            await feed.subscribe(["US:AAPL"], CHANNELS)
            await sink.wait_for(lambda: len(sink.of(Quote)) >= 2)

            monkeypatch.setenv("SSL_CERT_FILE", str(other))  # a terminal that does not trust it
            doubting = RelayFeed(url, relay_vendor="qos", timings=FAST_TERMINAL, give_up_after=1)
            with pytest.raises(FeedError, match="NATS at tls://.* is unreachable"):
                await asyncio.wait_for(doubting.start(), 10)
            await doubting.aclose()

        run_desk(url, scenario)
    finally:
        server.stop()
