"""Short content digests for file names and cache-busting query strings."""
from __future__ import annotations

import hashlib


def digest(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]
