"""Compound and descriptive place names, split into the names they contain.

Sources write places as "Ak-Sai / Kok-Tash", "Arka and Maksat", "between Arka and Maksat",
"near Dostuk", "Dostuk (Leilek district)", "с. Арка", "джамоат Сурх", «Арка». The geocoder
(:func:`geo.geocode.geocode`) resolves such a name to its parts when the whole name is not
a place. :func:`split_compound` only reads the text; it knows no places.

Kinds: ``between`` ("between A and B", "между A и B"), ``list`` ("A / B", "A and B",
"A и B", "A & B", "A; B"), ``near`` ("near A", "около A", "возле A", "близ A", "вблизи A",
"рядом с A", "outskirts of A"), ``prefixed`` (a settlement or community word before the
name: "с.", "село", "кишлак", "айыл", "джамоат", "ж.", "jamoat", "village of"),
``quoted`` (the name in quotes), ``bracketed`` ("A (district)": the bracket is taken as
admin evidence). Several can combine ("near с. Арка").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUOTES = "\"'«»“”„‘’`"
_PREFIX_RE = re.compile(
    r"^(?:(?:с|c|s|д|п|пос|ж|ҷ|g|v)\.\s*|(?:село|сел|кишлак|кишлок|қишлоқ|айыл|аил|деревня|"
    r"поселок|посёлок|джамоат|джамоата|жамоат|ҷамоат|ҷамоати|jamoat|jamoati|dzhamoat|"
    r"aiyl okmotu|ayil okmotu|айыл окмоту|village of(?: the)?|village|the village of|"
    r"settlement of|kishlak|qishloq|selo|ayil|aiyl|ail)\s+)", re.IGNORECASE)
_NEAR_RE = re.compile(
    r"^(?:near(?: to)?|close to|outside|outskirts of|on the outskirts of|in the vicinity of|"
    r"around|около|возле|близ|вблизи|рядом с|недалеко от|в окрестностях|в районе|"
    r"окрестности|у)\s+", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"^(?:between|между)\s+(.+?)\s+(?:and|и|&)\s+(.+)$", re.IGNORECASE)
_LIST_SPLIT_RE = re.compile(r"\s*(?:/|\\|;|\s&\s|\s+and\s+|\s+и\s+|\s+va\s+|\s+ва\s+)\s*",
                            re.IGNORECASE)
_BRACKET_RE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
MAX_PARTS = 4
# Russian case endings a name takes after "между", "около", "у", "в" ... (instrumental,
# genitive, prepositional): (ending, replacement) tried in order to get the nominative.
_CASE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ами", ""), ("ом", ""), ("ем", ""), ("ой", "а"), ("ей", "я"), ("ы", "а"), ("и", "а"),
    ("е", "а"), ("у", "а"), ("а", ""), ("и", ""), ("е", ""), ("у", ""),
)


@dataclass(frozen=True)
class CompoundName:
    """The parts a name contains: ``kinds`` (in the order found), ``parts`` (the place
    names), ``admin`` (admin evidence found in brackets)."""

    text: str
    kinds: tuple[str, ...]
    parts: tuple[str, ...]
    admin: tuple[str, ...] = field(default=())

    @property
    def is_compound(self) -> bool:
        """True when the text said more than one bare name."""
        return bool(self.kinds) and self.parts != (self.text,)


def _unquote(text: str) -> tuple[str, bool]:
    s = text.strip()
    if len(s) >= 2 and s[0] in _QUOTES and s[-1] in _QUOTES:
        return s[1:-1].strip(), True
    inner = re.fullmatch(r"(.*?)[\"«“„]([^\"»”“]+)[\"»”“](.*)", s)
    if inner and not inner.group(3).strip():
        return (inner.group(1) + inner.group(2)).strip(), True
    return s, False


def _strip(text: str, kinds: list[str], admin: list[str]) -> str:
    """Peel quotes, a bracketed admin, "near" and settlement words off one name."""
    s = " ".join(text.split())
    for _ in range(4):  # "near с. «Арка»": a few layers, in any order
        before = s
        s, quoted = _unquote(s)
        if quoted:
            kinds.append("quoted")
        m = _BRACKET_RE.match(s)
        if m and m.group(1).strip():
            s = m.group(1).strip()
            admin.append(m.group(2).strip())
            kinds.append("bracketed")
        m = _NEAR_RE.match(s)
        if m and s[m.end():].strip():
            s = s[m.end():].strip()
            kinds.append("near")
        m = _PREFIX_RE.match(s)
        if m and s[m.end():].strip():
            s = s[m.end():].strip()
            kinds.append("prefixed")
        if s == before:
            break
    return s.strip(" ,.-")


def split_compound(text: str) -> CompoundName:
    """The names in ``text`` (see the module docstring); ``parts == (text,)`` when there
    is nothing to split or strip."""
    raw = " ".join(str(text).split())
    kinds: list[str] = []
    admin: list[str] = []
    body = _strip(raw, kinds, admin)
    m = _BETWEEN_RE.match(body)
    if m:
        kinds.append("between")
        pieces = [m.group(1), m.group(2)]
    else:
        pieces = [p for p in _LIST_SPLIT_RE.split(body) if p.strip()]
        if len(pieces) > 1:
            kinds.append("list")
    parts = []
    for piece in pieces[:MAX_PARTS]:
        part = _strip(piece, kinds, admin)
        if part and part not in parts:
            parts.append(part)
    if not parts:
        return CompoundName(raw, (), (raw,))
    return CompoundName(raw, tuple(dict.fromkeys(kinds)), tuple(parts), tuple(admin))


def case_variants(name: str) -> list[str]:
    """Nominative guesses of a Russian name in another case ("Аркой" → "Арка", "Максатом"
    → "Максат"), most likely first; empty for a name that is not Cyrillic or is short.
    The geocoder accepts a guess only on an exact or transliteration match."""
    word = name.strip()
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 4 or not all("\u0400" <= c.lower() <= "\u04ff" for c in letters):
        return []
    out = []
    for ending, repl in _CASE_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            guess = word[: len(word) - len(ending)] + repl
            if guess not in out and guess != word:
                out.append(guess)
    return out
