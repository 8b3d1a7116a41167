"""Turn the bytes of a CRM export into records, the way the file was meant.

Files arrive from Salesforce, HubSpot, or from Excel after someone opened and
saved them again: UTF-8 with or without BOM, UTF-16 "Unicode text", or the
Windows code page; comma, semicolon or tab; CRLF; a `sep=;` first line. We
read what is there and say how we read it; what cannot be read safely is
refused with the line it went wrong on, before anything is written."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from kam_tui.importer.errors import ImportRefused

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SNIFF_RECORDS = 30
_SNIFF_CHARS = 256 * 1024
_SEP_LINE = re.compile(r'^"?sep=(.)"?[,;\t]*\r?\n', re.IGNORECASE)


@dataclass(slots=True)
class Record:
    """One CSV record: its number as a spreadsheet shows it, the physical line
    it starts on (they differ after a quoted line break), and its cells."""

    row: int
    line: int
    cells: list[str]

    def where(self) -> str:
        return f"row {self.row}" if self.row == self.line else f"row {self.row} (line {self.line})"


@dataclass
class DecodedText:
    text: str
    encoding: str  # what we tell the user, e.g. "UTF-8 with BOM"
    note: str = ""  # said in the summary when the reading was a fallback
    choices: list[tuple[str, str]] = field(default_factory=list)  # code pages that read it otherwise


@dataclass
class RawTable:
    encoding: str
    encoding_note: str
    delimiter: str
    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str = ""  # the workbook sheet the records come from
    encoding_choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Bytes to text, or ImportRefused saying why the file is not text we can
    read. `encoding` (a codec name the user gave) is used as it is; without
    it, UTF-16 and UTF-8 are recognised, and anything else is decoded with the
    code page whose text is plausible (encodings.pick_code_page)."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused("the file is empty")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            "this is an old Excel workbook (.xls), not a CSV file or an .xlsx workbook: in Excel use "
            "File > Save As > 'Excel Workbook (.xlsx)' or 'CSV UTF-8 (Comma delimited)' and import that"
        )
    if encoding is not None:
        from kam_tui.importer.encodings import decode_as

        return DecodedText(_check_text(decode_as(data, encoding)), f"{label_of(encoding)} (as you said)")
    for bom, codec, label in (
        (b"\xff\xfe", "utf-16-le", "UTF-16 (little-endian, BOM)"),
        (b"\xfe\xff", "utf-16-be", "UTF-16 (big-endian, BOM)"),
    ):
        if data.startswith(bom):
            return DecodedText(_decode_strict(data[2:], codec, label), label)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            offset = data.index(b"\x00")
            line = data[:offset].count(b"\n") + 1
            raise ImportRefused(
                f"this looks like a binary file, not a CSV export (a NUL byte on line {line}, byte {offset})"
            )
        label = "UTF-16 (no BOM)"
        return DecodedText(_decode_strict(data, utf16, label), label)
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(_decode_strict(data[3:], "utf-8", "UTF-8 with BOM"), "UTF-8 with BOM")
    try:
        text = data.decode("utf-8")
        return DecodedText(_check_text(text), "UTF-8")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
    from kam_tui.importer.encodings import describe_choices, pick_code_page

    codec, text, others = pick_code_page(data)
    note = f"it is not UTF-8 (line {bad_line} is not), and reads as plausible text in {label_of(codec)}"
    if others:
        note += f" (not in {', '.join(label_of(o) for o in others)})"
    note += "; --encoding says otherwise"
    choices = describe_choices(data, [codec, *others]) if others else []
    return DecodedText(_check_text(text), label_of(codec), note, choices)


def label_of(codec: str) -> str:
    from kam_tui.importer.encodings import label_of as label

    return label(codec)


def _utf16_without_bom(data: bytes) -> str | None:
    """Excel never writes UTF-16 without a BOM, but other tools do; mostly-ASCII
    UTF-16 has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, codec: str, label: str) -> str:
    try:
        return _check_text(data.decode(codec))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count("\n".encode(codec)) + 1
        raise ImportRefused(f"the file says it is {label} but is not valid {label} text (near line {line})") from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str) -> str:
    """Text full of control characters is a binary file that happened to decode."""
    found = _CONTROL.search(text)
    if found is None:
        return text
    line = text.count("\n", 0, found.start()) + 1
    raise ImportRefused(
        f"this looks like a binary file, not a CSV export (control character 0x{ord(found.group()):02x} on line {line})"
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same number of
    fields, most often and into the most fields. Quotes are respected (the csv
    module parses each candidate), which csv.Sniffer does not do reliably."""
    best, best_score = ",", (-1.0, 0)
    # the first records are at the start: parsing a slice, not the whole
    # file, keeps this instant on large files
    sample = text[:_SNIFF_CHARS]
    cut = len(sample) < len(text)
    for delimiter in DELIMITERS:
        counts = []
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            for cells in reader:
                if any(c.strip() for c in cells):
                    counts.append(len(_trim(cells)))
                if len(counts) >= _SNIFF_RECORDS:
                    break
            else:
                if cut and len(counts) > 1:
                    counts.pop()  # the slice may end inside the last record read
        except csv.Error:
            continue
        if not counts or max(counts) < 2:
            continue
        widest = max(counts)
        header = counts[0]
        # records as wide as the header, share of all; then the header's width
        agree = sum(1 for c in counts if c == header) / len(counts)
        score = (agree if header > 1 else 0.0, widest)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _trim(cells: list[str]) -> list[str]:
    """Excel writes trailing empty columns ('a;b;;'); they carry nothing."""
    end = len(cells)
    while end > 1 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def read_table(data: bytes, encoding: str | None = None) -> RawTable:
    """Decode, find the delimiter and parse every record strictly."""
    decoded = decode(data, encoding)
    text = decoded.text
    first_line_offset = 0
    notes: list[str] = []
    match = _SEP_LINE.match(text)
    if match and match.group(1) in DELIMITERS:
        delimiter = match.group(1)
        text = text[match.end() :]
        first_line_offset = 1
        notes.append(f"line 1 ('sep={match.group(1)}', written by Excel) names the delimiter")
    else:
        delimiter = sniff_delimiter(text)
    table = RawTable(decoded.encoding, decoded.note, delimiter, notes=notes, encoding_choices=decoded.choices)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    start = 1 + first_line_offset
    records = table.records
    stray_bom = "\ufeff" in text  # Excel sometimes leaves one mid-file; mostly there is none
    try:
        for cells in reader:
            row += 1
            if stray_bom:
                cells = [c.replace("\ufeff", "") for c in cells]
            records.append(Record(row, start, cells))
            start = reader.line_num + 1 + first_line_offset
    except csv.Error as exc:
        line = start
        if "end of data" in str(exc) or "EOF" in str(exc):
            raise ImportRefused(
                f'broken quoting: a quote (") opened on line {line} is never closed, '
                "so the rest of the file would land in one cell"
            ) from None
        raise ImportRefused(
            f"broken quoting on line {reader.line_num + first_line_offset}: {exc} "
            '(a quote inside a quoted value must be doubled: "")'
        ) from None
    return table
