"""The domain, in pure Python: no Qt, no storage, no operating system, no I/O.

Everything here takes time from an injected Clock and returns new immutable values,
so it can be tested without waiting and reused by every outer layer.
"""
