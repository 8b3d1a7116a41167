"""Each owner's key-account limit, read without the ORM: the shared default
and the owners' own limits are setting rows (rules/scoring.key_limits_from)."""

from __future__ import annotations

from kam_tui.rules.scoring import KEY_LIMIT_SETTING, OWNER_LIMIT_PREFIX, KeyLimits, key_limits_from
from kam_tui.store.reader import Reader


def read_key_limits(reader: Reader) -> KeyLimits:
    # LIKE's "_" matches any character: key_limits_from keeps the exact prefix only
    rows = reader.rows(
        "SELECT key, value FROM setting WHERE key = :key OR key LIKE :prefix",
        {"key": KEY_LIMIT_SETTING, "prefix": OWNER_LIMIT_PREFIX + "%"},
    )
    return key_limits_from((str(k), None if v is None else str(v)) for k, v in rows)
