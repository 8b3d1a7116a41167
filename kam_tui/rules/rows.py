"""What the rules read: a plan's rows, from either side of the database.

The same rule runs over ORM objects (kam_tui.models, in the services) and over
the export's read-model rows (kam_tui/export/snapshot.py, made at run time from
the table list), which carry the models' attribute names and types. Neither is
imported here, so a rule's row parameters are typed as `Row`: any object with
the model's attributes."""

from __future__ import annotations

from typing import Any, TypeAlias

Row: TypeAlias = Any
