"""The official HSDS 3.0 compiled schemas, as Draft 2020-12 validators with
format checks (uri, email, uuid, date-time are really checked)."""

import functools
import json
import lzma
from pathlib import Path

from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
PROFILE = HERE.parents[3] / "directory" / "exchange" / "hsds" / "profile" / "schema"


@functools.cache
def schema(name):
    plain = HERE / f"{name}.json"
    if plain.exists():
        return json.loads(plain.read_text(encoding="utf-8"))
    with lzma.open(HERE / f"{name}.json.xz", "rt", encoding="utf-8") as file:
        return json.load(file)


@functools.cache
def validator(name):
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name, record):
    """Every way `record` breaks the schema, readable in a failed assert."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator(name).iter_errors(record)
    ]


def profile_removed(name):
    """The properties the portal's profile removes from an HSDS schema."""
    patch = json.loads((PROFILE / f"{name}.json").read_text(encoding="utf-8"))
    return {key for key, value in patch["properties"].items() if value is None}


def empty_values(value, path="$"):
    """Paths of '', None, [] and {} anywhere in a record: HSDS wants them left out."""
    if value in ("", None, [], {}):
        return [path]
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += empty_values(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += empty_values(item, f"{path}[{index}]")
    return found


def entry_ids(value):
    """Every `id` of every entry in a record, nested ones included."""
    ids = []
    if isinstance(value, dict):
        if "id" in value:
            ids.append(value["id"])
        for key, item in value.items():
            if key not in ("organization", "taxonomy_term"):  # references, not entries
                ids += entry_ids(item)
    elif isinstance(value, list):
        for item in value:
            ids += entry_ids(item)
    return ids
