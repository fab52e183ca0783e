"""geo.reference_line.date_words: the one English wording of a partial ISO date, used by
reference-line labels and by the pair and hotspot reasons."""
from __future__ import annotations

import pytest

from analysis.why import PairWhy
from geo.reference_line import SHIPPED, date_words


@pytest.mark.parametrize(("iso", "words"), [
    ("2017", "2017"), ("2017-12", "December 2017"), ("2025-03-13", "13 March 2025"),
    ("2025-03-01", "1 March 2025"),
    ("2025-13", "2025-13"), ("soon", "soon"), ("2025-xx-01", "2025-xx-01"), ("", ""),
])
def test_partial_dates_in_words_and_other_text_kept(iso, words):
    assert date_words(iso) == words


def test_the_line_label_and_a_pair_reason_word_dates_alike():
    assert SHIPPED.label.startswith("OpenStreetMap as of December 2017")
    why = PairWhy(hotspot_id="HS-1", top=(("road_crash", 3),), n_incidents=3, extent_km=2.0,
                  since="2024-11", kg_name="A", kg_name_ru=None, tj_name="B", tj_name_ru=None,
                  shared=("road_crash",), triggers=(), armed_km=10.0, window_days=90,
                  as_of="2025-06-30")
    text = str(why)
    assert "since November 2024" in text and "before 30 June 2025" in text
