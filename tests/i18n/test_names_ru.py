"""Community and place names in Russian (i18n.place_name): a demo registry entry never
shows the English "(illustrative)" in the Russian UI, whatever the store was seeded with."""
from __future__ import annotations

import i18n


def test_demo_community_names_never_say_illustrative_in_english_in_russian():
    assert i18n.place_name("CSWG Vorukh (illustrative)", "CSWG Ворух (иллюстративно)",
                           "ru") == "CSWG Ворух (иллюстративно)"
    # a demo store seeded before: name_ru held the settlement's name only
    assert i18n.place_name("CSWG Vorukh (illustrative)", "Ворух", "ru") == \
        "Ворух / CSWG Vorukh (иллюстративно)"
    assert i18n.place_name("CSWG Vorukh (illustrative)", "Ворух", "en") == \
        "CSWG Vorukh (illustrative)"
