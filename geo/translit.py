"""Place-name normalisation for matching: Cyrillic → Latin, spelling folds, match keys.

Two keys are derived from a name:

- :func:`simple_key` — case-folded, Latin diacritics stripped, generic words dropped, and
  everything that is not a letter or digit removed (spaces, hyphens, dots, apostrophes
  ``' ’ ‘ ʼ ʻ ` ´``, brackets).
  Cyrillic is kept as Cyrillic. "Ak-Say" and "ak say" share a simple key; "Ак-Сай" does not.
- :func:`normalize_name` — the simple key, then Cyrillic (Russian, Kyrgyz, Tajik, Uzbek
  letters) transliterated with :data:`CYRILLIC_TO_LATIN`, then the variant folds of
  :data:`LATIN_FOLDS` and doubled letters collapsed. "Ак-Сай", "Aksay", "Ak-Sai", "Ak-Say"
  and "Ak-Saj" all give ``"aksai"``; "Ворух", "Vorukh", "Woruh", "Warox" give ``"voruh"``.

Generic words (:data:`GENERIC_WORDS`: "village", "село", "кишлак", "айыл", "деҳа",
"qishloq", "город", abbreviations "с.", "пос.", "г." ...) are dropped only when they stand
as a separate space-separated word and another word remains: "село Ворух" → "Ворух", but
"Kyrgyz-Kyshtak" keeps both parts and a name that is only "Kishlak" is kept. "Kyshtak"
(Kyrgyz for village) is deliberately NOT dropped: it ends real names such as Kyzyl-Kyshtak.
Text in round brackets is dropped when text remains outside them ("Vorukh (TJ)" → "Vorukh").

The keys are for matching only; they are not spellings to show. For a readable Latin form
of a Cyrillic name use :func:`transliterate`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

# --- alphabets ------------------------------------------------------------------------------

RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
KYRGYZ_LETTERS = RUSSIAN_LETTERS | frozenset("ңөү")
TAJIK_LETTERS = (RUSSIAN_LETTERS - frozenset("щыь")) | frozenset("ғӣқӯҳҷ")
KYRGYZ_SPECIFIC = frozenset("ңөү")   # in Kyrgyz, not in Russian
TAJIK_SPECIFIC = frozenset("ҷӣӯ")    # in Tajik, in neither Russian, Kyrgyz nor Uzbek Cyrillic
# A place's own-language name column, by country: where its Cyrillic name is when it has no
# Russian one (Kyzyl-Bel' is "Кызыл-Бел" in Kyrgyz; no page gave a Russian form)
LOCAL_NAME_COLUMN = {"KGZ": "name_ky", "TJK": "name_tg"}

# Lower-case Cyrillic → Latin, for matching. Russian (BGN-like), plus Kyrgyz ң ө ү, Tajik
# ғ ӣ қ ӯ ҳ ҷ, Uzbek ў, and Kazakh/Ukrainian letters seen in GeoNames alternate names.
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kyrgyz
    "ң": "ng", "ө": "o", "ү": "u",
    # Tajik
    "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j",
    # Uzbek Cyrillic (ў = oʻ); Kazakh; Ukrainian / Belarusian
    "ў": "o", "ә": "a", "і": "i", "ұ": "u", "һ": "h", "ї": "yi", "є": "ye", "ґ": "g",
}

# Latin letters that Unicode decomposition does not reduce to ASCII (or reduces wrongly for
# this region: Turkish/Azeri/Uzbek ş ç ğ, Czech/Lithuanian š č ž).
_LATIN_SPECIAL: dict[str, str] = {
    "ə": "a", "ı": "i", "ş": "sh", "ș": "sh", "š": "sh", "ŝ": "sh", "ç": "ch", "č": "ch",
    "ĉ": "ch", "ž": "zh", "ż": "zh", "ğ": "gh", "ǧ": "gh", "ø": "o", "ß": "ss", "đ": "d",
    "ł": "l", "æ": "ae", "œ": "oe", "ŭ": "u", "ŏ": "o",
}

# Applied in order to the transliterated, separator-free key.
LATIN_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("dzh", "j"), ("dj", "j"), ("zh", "j"),   # Джалал / Жалал / Jalal
    ("kh", "h"), ("x", "h"),                  # Vorukh / Warox / Ворух
    ("gh", "g"),                              # Ghafurov / Gafurov / Ғафуров
    ("q", "k"),                               # Qizil / Kyzyl (Uzbek / Tajik q)
    ("w", "v"),                               # Woruh / Vorukh
    ("y", "i"), ("j", "i"),                   # Ak-Say / Ak-Sai / Ak-Saj; Kyzyl / Kizil
)

_APOSTROPHES = "'’‘ʼʻ`´ʹʺ\"“”«»″′"
_BRACKETS_RE = re.compile(r"\([^()]*\)")
_REPEAT_RE = re.compile(r"(.)\1+")

# Generic words dropped when they stand alone (see module docstring). Compared after
# case-folding, apostrophes removed and a trailing dot stripped.
GENERIC_WORDS: frozenset[str] = frozenset({
    "village", "vill", "settlement", "town", "city", "kishlak", "qishloq", "qishlogi",
    "selo", "poselok", "posyolok", "gorod", "ayil", "aiyl", "ail", "deha", "dekha",
    "село", "поселок", "посёлок", "кишлак", "қишлоқ", "айыл", "аил", "деҳа", "деха",
    "город", "пгт",
})
# Abbreviations dropped only when written with their dot ("с. Ворух", "g. Osh").
GENERIC_ABBREVIATIONS: frozenset[str] = frozenset({
    "с", "c", "s", "п", "пос", "г", "g", "v", "vil",
})
# Words dropped from administrative-unit names (see :func:`normalize_admin`).
ADMIN_WORDS: frozenset[str] = frozenset({
    "district", "raion", "rayon", "region", "oblast", "province", "area", "city",
    "viloyati", "viloyat", "tumani", "tuman", "nohiya", "nohiyai", "shahri", "shahar",
    "район", "р-н", "область", "обл", "облусу", "вилоят", "вилояти", "ноҳия", "ноҳияи",
    "туман", "тумани", "город", "шаҳри", "шаҳр", "г",
})


def _fold_char(ch: str, transliterate_cyrillic: bool) -> str:
    if ch in CYRILLIC_TO_LATIN:
        return CYRILLIC_TO_LATIN[ch] if transliterate_cyrillic else ch
    if ch in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[ch]
    if "\u0400" <= ch <= "\u04ff":  # other Cyrillic: keep (simple key) or decompose
        if not transliterate_cyrillic:
            return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if transliterate_cyrillic:
        return "".join(CYRILLIC_TO_LATIN.get(c, c) for c in base)
    return base


def _tokens(text: str) -> list[str]:
    """Split a case-folded name into space-separated words (a dot also ends a word)."""
    text = re.sub(r"\.(?=\S)", ". ", text)
    return text.split()


def _drop_words(tokens: list[str], words: frozenset[str], abbrevs: frozenset[str]) -> list[str]:
    def generic(tok: str) -> bool:
        bare = tok.strip(_APOSTROPHES)
        if bare.endswith(".") and bare[:-1] in abbrevs:
            return True
        return bare.rstrip(".") in words or bare in words

    kept = [t for t in tokens if not generic(t)]
    return kept if kept else tokens


def _prepare(text: object, words: frozenset[str], abbrevs: frozenset[str]) -> str:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    s = unicodedata.normalize("NFC", str(text)).casefold().strip()
    outside = _BRACKETS_RE.sub(" ", s)
    if any(c.isalnum() for c in outside):
        s = outside
    return " ".join(_drop_words(_tokens(s), words, abbrevs))


def _squash(s: str, transliterate_cyrillic: bool) -> str:
    """Fold every character, then keep only letters and digits (no separators)."""
    s = "".join(_fold_char(ch, transliterate_cyrillic) for ch in s)
    return "".join(c for c in s if c.isalnum() and c not in _APOSTROPHES)


@lru_cache(maxsize=131072)
def simple_key(text: str) -> str:
    """Case-folded key without separators, apostrophes, Latin diacritics or generic words.

    Cyrillic stays Cyrillic. Returns ``""`` for empty or missing input.
    """
    return _squash(_prepare(text, GENERIC_WORDS, GENERIC_ABBREVIATIONS), False)


def fold_latin(key: str) -> str:
    """Apply :data:`LATIN_FOLDS` in order, then collapse doubled letters ("Kiyya" → "kia")."""
    for old, new in LATIN_FOLDS:
        key = key.replace(old, new)
    return _REPEAT_RE.sub(r"\1", key)


@lru_cache(maxsize=131072)
def normalize_name(text: str) -> str:
    """The matching key of a place name: transliterated, folded, separator-free ASCII.

    >>> normalize_name("Ак-Сай") == normalize_name("Ak-Sai") == normalize_name("aksay")
    True
    """
    return fold_latin(_squash(_prepare(text, GENERIC_WORDS, GENERIC_ABBREVIATIONS), True))


@lru_cache(maxsize=4096)
def normalize_admin(text: str) -> str:
    """Key of an administrative-unit name: like :func:`normalize_name`, but dropping
    "district", "oblast", "район", "область", "ноҳия" ... instead of village words."""
    return fold_latin(_squash(_prepare(text, ADMIN_WORDS, frozenset({"г", "р", "обл"})), True))


def _key_or_empty(func, value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return func(str(value))


def normalize_series(names: pd.Series) -> pd.Series:
    """:func:`normalize_name` over a Series (each distinct value computed once); NA → ""."""
    uniques = pd.unique(names)
    mapping = {u: _key_or_empty(normalize_name, u) for u in uniques if not _isna(u)}
    return names.map(lambda v: "" if _isna(v) else mapping[v]).astype("string")


def simple_key_series(names: pd.Series) -> pd.Series:
    """:func:`simple_key` over a Series; NA → ""."""
    uniques = pd.unique(names)
    mapping = {u: _key_or_empty(simple_key, u) for u in uniques if not _isna(u)}
    return names.map(lambda v: "" if _isna(v) else mapping[v]).astype("string")


def _isna(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def transliterate(text: str) -> str:
    """Readable Latin spelling of a Cyrillic name (Latin text is returned unchanged).

    Keeps case, spaces and hyphens: "Ак-Сай" → "Ak-Say", "Ҷирғатол" → "Jirghatol".
    Soft and hard signs are dropped.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        latin = CYRILLIC_TO_LATIN.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low:
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def is_cyrillic(text: str) -> bool:
    """True when the text has Cyrillic letters and no Latin ones (separators allowed)."""
    letters = [c for c in text.casefold() if c.isalpha()]
    return bool(letters) and all("\u0400" <= c <= "\u04ff" for c in letters)


def is_latin(text: str) -> bool:
    """True when every letter of the text is Latin (with or without diacritics)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def letters_within(text: str, alphabet: frozenset[str]) -> bool:
    """True when every letter of the (case-folded) text belongs to ``alphabet``."""
    letters = [c for c in text.casefold() if c.isalpha()]
    return bool(letters) and all(c in alphabet for c in letters)
