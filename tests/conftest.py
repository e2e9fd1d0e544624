"""Shared fixtures: the checkout root, the shipped tables, a build into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "wcit_data" / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def tables():
    import wcit_data

    return {name: wcit_data.load(name) for name in wcit_data.list_tables()}


@pytest.fixture(scope="session")
def rebuilt(tmp_path_factory):
    """A fresh build of the checkout's curated data into a temporary folder."""
    from wcit_data.build import build

    out = tmp_path_factory.mktemp("build")
    build(root=ROOT, out_dir=out)
    return out
