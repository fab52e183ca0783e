"""Analysis notes: English by default, every key has a Russian twin with the same fields."""
import string

import pytest

import i18n
from analysis.notes import EN, Note
from analysis.quality import EXCLUSION_REASONS


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(EN))
def test_every_note_has_a_russian_template_with_the_same_placeholders(key):
    assert _fields(i18n.ANALYSIS_NOTES_RU[key]) == _fields(EN[key])


def test_exclusion_reasons_are_translated():
    assert set(i18n.EXCLUSION_REASONS_RU) == set(EXCLUSION_REASONS)


def test_note_renders_in_english_and_russian():
    note = Note.make("excluded", usable_n=40,
                     excluded=(("region_only_precision_3", 4), ("outside_study_area", 0)))
    assert str(note) == ("Point statistics use 40 incident(s) with geo_precision 1–2 inside the "
                         "study area. Excluded: 4 (geo_precision 3 (region only): counted per "
                         "admin unit only).")
    assert "region only" in note  # substring checks work on notes
    ru = i18n.note_text(note, "ru")
    assert ru.startswith("Точечная статистика использует 40") and "Исключены: 4" in ru
    assert i18n.note_text(note, "en") == str(note)
    assert i18n.note_text("plain text", "ru") == "plain text"


def test_unknown_note_key_is_an_error():
    with pytest.raises(KeyError):
        Note.make("no_such_note")


def test_a_note_is_a_keyed_text_like_the_other_messages():
    """One message type: a note is an ``incidents.messages.Keyed`` str equal to its English
    (JSON, CSV and logs write it as is), survives pickling (st.cache_data) with its key and
    values, and a user-supplied value is inserted, never formatted as a template."""
    import json
    import pickle

    from incidents.messages import Keyed
    note = Note.make("gistar", n_cells=12, cell_km=3.0, n_hot=2, q="{n} </script> $x$")
    assert isinstance(note, Keyed) and isinstance(note, str)
    assert json.dumps([note]) == json.dumps([str(note)])
    back = pickle.loads(pickle.dumps(note))
    assert type(back) is Note and back == note and back.key == "gistar"
    assert back.values == note.values
    assert "q = {n} </script> $x$." in note
    assert "{n} </script> $x$" in i18n.note_text(back, "ru")
