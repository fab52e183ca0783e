"""Scan free text (incident notes) for personal data before anything is shared.

The patterns aim at what field notes from the Kyrgyz–Tajik border actually contain:
phone numbers (+996 Kyrgyzstan, +992 Tajikistan, local 0XXX / 9-digit forms), e-mail
addresses, a person named with an age ("Aziz, 23", "Азиз (23 года)", "a 23-year-old"),
passport or ID numbers ("AN1234567", "паспорт № 123456"). A scan finds candidates to
withhold; it cannot prove a text is free of personal data, so shared notes are still the
user's responsibility (the report says so).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_UP = "A-ZА-ЯЁӨҮҢҲҶҚҒӢӮ"
_LOW = "a-zа-яёөүңҳҷқғӣӯ'’-"
_NAME = rf"[{_UP}][{_LOW}]+(?:\s+[{_UP}][{_LOW}]+)?"
_AGE_WORDS = r"(?:лет|года|год|г\.\s?р\.|y/?o|yrs?|years?(?:\s+old)?|сола|жаш|ёша)"

PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE),
    "phone": re.compile(
        r"(?<![\w+])(?:\+|00)?\d[\d\s\-().]{7,16}\d(?!\w)", re.UNICODE
    ),
    "name_with_age": re.compile(
        rf"\b{_NAME}\s*(?:,\s*|\(\s*)\d{{1,2}}(?:\s*{_AGE_WORDS})?\b"
        rf"|\b\d{{1,2}}[\s-]*(?:year[\s-]old|летн\w+|{_AGE_WORDS})\b",
        re.UNICODE,
    ),
    "passport_or_id": re.compile(
        r"(?i:паспорт\w*|passport|ID\s*card|удостоверени\w*|ИНН|PIN)\s*(?:№|No\.?|#|:)?\s*"
        r"[A-ZА-Я]{0,3}\s?\d{5,14}"
        r"|\b(?:AN|AC|ID|PD|[A-Z])\d{7,8}\b",
        re.UNICODE,
    ),
}


@dataclass(frozen=True)
class PiiFinding:
    """One suspected piece of personal data in one row."""

    row: int          # 0-based position in the scanned series
    label: str        # row label (event_id when given)
    kind: str         # key of PATTERNS
    excerpt: str      # the match, partly masked so the warning itself leaks little


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")


def _is_phone(match: str) -> bool:
    n = _digits(match)
    if not 9 <= n <= 13:
        return False
    # dates and periods such as 2021-04-29 or 29.04.2021 - 01.05.2021 are not phones
    return not _DATE.search(match)


def _mask(text: str) -> str:
    keep = max(2, len(text) // 4)
    return text[:keep] + "…" * (len(text) > keep)


def scan_text(text: str) -> list[tuple[str, str]]:
    """Suspected personal data in one text.

    Returns
    -------
    list of (kind, matched text); empty when nothing was found or ``text`` is missing.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    found: list[tuple[str, str]] = []
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(str(text)):
            s = m.group(0).strip()
            if kind == "phone" and not _is_phone(s):
                continue
            found.append((kind, s))
    return found


def scan_notes(notes: pd.Series, labels: pd.Series | None = None) -> list[PiiFinding]:
    """Scan a series of free texts.

    Parameters
    ----------
    notes : texts (missing values are skipped).
    labels : optional row labels to name in warnings (e.g. ``df["event_id"]``); defaults
        to the row number counted from 1.

    Returns
    -------
    list of :class:`PiiFinding`, in row order.
    """
    labels_list = (list(labels.astype("string").fillna("?")) if labels is not None
                   else [f"row {i + 1}" for i in range(len(notes))])
    findings: list[PiiFinding] = []
    for i, text in enumerate(notes.tolist()):
        for kind, s in scan_text(text):
            findings.append(PiiFinding(i, labels_list[i], kind, _mask(s)))
    return findings


def findings_by_row(findings: list[PiiFinding]) -> dict[str, list[str]]:
    """Row label → the kinds of personal data found in it (keys of :data:`PATTERNS`), in the
    order found."""
    by_row: dict[str, list[str]] = {}
    for f in findings:
        by_row.setdefault(f.label, [])
        if f.kind not in by_row[f.label]:
            by_row[f.label].append(f.kind)
    return by_row
