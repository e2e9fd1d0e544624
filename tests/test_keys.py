"""Every reference column is a declared foreign key, so exports (SQLite, Frictionless) carry all the links."""

import wcit_data
from wcit_data.loading import descriptor


def _foreign_keys(resource: dict) -> set[str]:
    return {key["fields"][0] if isinstance(key["fields"], list) else key["fields"]
            for key in resource["schema"].get("foreignKeys", [])}


def test_every_source_and_state_reference_is_a_foreign_key():
    missing = []
    for resource in descriptor()["resources"]:
        keys = _foreign_keys(resource)
        for field in resource["schema"]["fields"]:
            name = field["name"]
            references = name.endswith("source_id") or name == "iso3"
            if references and not (resource["name"] == "sources" and name == "source_id") \
                    and not (resource["name"] == "states" and name == "iso3") and name not in keys:
                missing.append(f"{resource['name']}.{name}")
    assert not missing, f"reference columns without a foreign key: {missing}"


def test_foreign_keys_hold_in_the_shipped_tables():
    for resource in descriptor()["resources"]:
        frame = wcit_data.load(resource["name"])
        for key in resource["schema"].get("foreignKeys", []):
            column = key["fields"][0]
            target = wcit_data.load(key["reference"]["resource"])[key["reference"]["fields"][0]]
            dangling = set(frame[column].dropna().astype(str)) - set(target.astype(str))
            assert not dangling, (resource["name"], column, sorted(dangling)[:5])
