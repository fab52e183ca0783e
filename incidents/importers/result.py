"""What an importer returns: accepted rows, rejected rows, and the file-level error type.

Row numbers follow the spreadsheet convention: the header is row 1, so the first data row is
row 2, and every later record (blank ones included) adds one. For XLSX they are the sheet's
own row numbers; for CSV they count records, so a quoted cell holding a line break does not
shift them; for GeoJSON/GeoPackage they are the feature index + 2 (as if written as a table).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from incidents.messages import KeyedError


class ImportFileError(KeyedError):
    """A problem with the whole file (empty, header only, unknown format, unreadable
    encoding, no date column...). A keyed message (:class:`incidents.messages.KeyedError`)
    naming the file and the reason; ``i18n.error_text`` renders it in the user's
    language."""


@dataclass
class RejectedRow:
    """One row that could not be imported.

    ``row_number`` is 1-based as a spreadsheet user counts it: header = row 1, first data
    row = 2. ``raw`` keeps the original cells (column name → text) so the row can be fixed and
    imported again.
    """

    row_number: int
    field: str
    reason: str
    raw: dict[str, str]


@dataclass
class ParsedImport:
    """The result of reading one file.

    ``frame`` holds the accepted rows in :data:`incidents.schema.COLUMNS` (``event_id`` empty:
    the store assigns it); ``row_numbers`` gives each accepted row's source row number, aligned
    with ``frame.index``. ``rows_read == len(frame) + len(rejected)`` always holds.
    ``mapping`` is schema field → source column used.
    """

    format: str
    frame: pd.DataFrame
    row_numbers: pd.Series
    rejected: list[RejectedRow]
    rows_read: int
    mapping: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str | None = None
    encoding_confidence: float | None = None
    #: "rule → category": rows, for coded datasets and category synonyms (import report)
    category_rules: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rows_read != len(self.frame) + len(self.rejected):
            raise AssertionError(  # a bug in an importer, never a user error
                f"row accounting broken: read {self.rows_read}, accepted {len(self.frame)}, "
                f"rejected {len(self.rejected)}"
            )
