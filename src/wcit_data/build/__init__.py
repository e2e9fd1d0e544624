"""The build (maintainers' room; needs the ``build`` extra: pandera, pycountry, frictionless).

curated CSV + source snapshots -> validated tables (pandera) -> Parquet + datapackage.json + checksums.
Names are resolved lazily so that importing a light submodule (e.g. ``wcit_data.build.sources``)
does not import pandera.
"""

from __future__ import annotations

_PIPELINE = {"Build", "BuildError", "Inputs", "build", "find_root", "write_outputs", "MANIFEST"}


def __getattr__(name: str):
    if name in _PIPELINE:
        from wcit_data.build import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'wcit_data.build' has no attribute {name!r}")
