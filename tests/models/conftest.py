"""Fixtures for the scorer tests."""

from __future__ import annotations

from typing import Any

import pytest

from models.roles import RoleProfile, load_roles
from tests.models.factories import tiny_artifact


@pytest.fixture(scope="session")
def artifact() -> dict[str, Any]:
    return tiny_artifact()


@pytest.fixture(scope="session")
def roles(artifact) -> list[RoleProfile]:
    return load_roles(artifact)
