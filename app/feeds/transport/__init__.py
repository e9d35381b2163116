"""The network plumbing every vendor adapter shares: a reconnecting WebSocket session, an HTTP
client with retries and rate limits, and the bookkeeping that keeps both polite and observable.

Nothing here knows a vendor's wire format; adapters pass in what to send and how to read it.
"""
