"""Fixtures for fault tests: a dedicated Valkey server per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.servers import DedicatedValkey


@pytest.fixture()
def valkey() -> Iterator[DedicatedValkey]:
    server = DedicatedValkey()
    server.start()
    try:
        yield server
    finally:
        server.close()
