"""Random Unicode through the importer: whatever a CRM puts in a cell, the
file is either read back exactly or refused with a message; never a crash."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings, strategies as st

from kam_tui.importer import DateOrderUnknown, ImportRefused, parse_file

# what a cell can hold once a CRM wrote it: any text but NUL and control characters
cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',;\t"\r\n '), max_size=40)


def shown(text: str) -> str:
    """What the importer keeps of a cell: stray BOMs (U+FEFF) dropped, whitespace collapsed."""
    return " ".join(text.replace("\ufeff", "").split())


names = cell_text.filter(
    lambda s: (
        shown(s)
        and shown(s).casefold() not in ("total", "totals", "grand total", "grand totals", "subtotal", "subtotals")
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(names, cell_text), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_names_written_by_a_csv_writer_come_back_exactly(rows, delimiter, encoding):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["Account Name", "Industry"])
    writer.writerows(rows)
    parsed = parse_file(out.getvalue().encode(encoding))
    expected_names = [shown(name) for name, _ in rows]
    got = [r.values["name"] for r in parsed.rows] + [p.where for p in parsed.problems]
    assert [r.values["name"] for r in parsed.rows] == [n for n in expected_names if len(n) <= 200], got
    for row, (_, industry) in zip(parsed.rows, rows):
        assert row.values.get("industry", "") == shown(industry)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_bytes_are_read_or_refused_never_a_crash(data):
    try:
        parsed = parse_file(data)
    except (ImportRefused, DateOrderUnknown) as exc:
        assert str(exc)
        return
    assert parsed.rows_read >= 1
    for problem in parsed.problems:
        assert problem.where.startswith("row ")
