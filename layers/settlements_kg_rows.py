"""Facts of the Kyrgyz-side border settlements, as read on 2026-12-03 (cited per row).

Each :class:`Row` keeps the coordinates exactly as the cited page prints them (converted by
:mod:`layers.build_settlements_kg`), the page(s) giving them and the administrative
membership, and a note where pages disagree. Nothing here is estimated: a village whose
coordinates no page gives is listed in data/gazetteer/SOURCES.md ("missing"), not here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One settlement. ``sources`` are (title, address) pairs, coordinates page first."""

    id: str
    name: str
    name_ru: str
    name_ky: str
    name_tg: str
    alt_names: tuple[str, ...]
    lat_dms: str
    lon_dms: str
    admin1: str
    admin2: str
    rural_community: str
    kind: str
    sources: tuple[tuple[str, str], ...]
    coord_note: str
    note: str = ""


_DMS_S = "DMS to the second, from the village article"
_DM = "degrees and minutes only (about ±1 km)"
BATKEN_DISTRICT = ("Batken District — en.wikipedia 2018-10 (kiwix mirror)",
          "https://kiwix.casplantje.nl/wikipedia_en_all_maxi_2018-10/A/Batken_District.html")

ROWS: tuple[Row, ...] = (
    # ---------------------------------------------------------------- Leilek district
    Row("KGZ-LEI-arka", "Arka", "Арка", "Арка", "", ("Arka-2", "Арка-2"),
        "40°11′52″N", "69°53′17″E", "Batken", "Leilek", "Jangy-Jer", "village",
        (("Арка (Киргизия) — perceptiode.com (machine translation of ru.wikipedia)",
          "https://perceptiode.com/%D0%90%D1%80%D0%BA%D0%B0_%28%D0%9A%D0%B8%D1%80%D0%B3%D0%B8%D0%B7%D0%B8%D1%8F%29"),
         ("Аpкa (Лейлек району) — ky.wikipedia",
          "https://ky.m.wikipedia.org/wiki/%D0%90p%D0%BAa_(%D0%9B%D0%B5%D0%B9%D0%BB%D0%B5%D0%BA_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%D1%83)")),
        _DMS_S + " (ru.wikipedia text via mirror)",
        "Jangy-Jer (Jany-Jer) aiyl aimak, centre Tsentralnoye; both pages agree on the "
        "membership (ky: Жаңыжер айыл өкмөтү). Also written Arka-2 (topographic sheets)."),
    Row("KGZ-LEI-maksat", "Maksat", "Максат", "Максат", "", (),
        "40°08′23″N", "69°42′51″E", "Batken", "Leilek", "Kulundu", "village",
        (("Максат (Лейлекский район) — perceptiode.com (machine translation of ru.wikipedia)",
          "https://perceptiode.com/%D0%9C%D0%B0%D0%BA%D1%81%D0%B0%D1%82_%28%D0%9B%D0%B5%D0%B9%D0%BB%D0%B5%D0%BA%D1%81%D0%BA%D0%B8%D0%B9_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%29"),),
        _DMS_S + " (ru.wikipedia text via mirror)",
        "Kulundu aiyl aimak (centre Kulundu); founded 1994; postcode 720412. After the 2025 "
        "border treaty part of its residents were resettled to 16 new houses in the upper part "
        "of the village (24.kg, 2025-12-02)."),
    Row("KGZ-LEI-uch-bulak", "Üch-Bulak", "", "Үч-Булак", "", ("Uch-Bulak", "Churbek", "Чурбек"),
        "39°58′36″N", "69°54′31″E", "Batken", "Leilek", "Keng-Talaa", "village",
        (("Үч-Булак (Лейлек району) — ky.wikipedia",
          "https://ky.wikipedia.org/wiki/%D2%AE%D1%87-%D0%91%D1%83%D0%BB%D0%B0%D0%BA_(%D0%9B%D0%B5%D0%B9%D0%BB%D0%B5%D0%BA_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%D1%83)"),),
        _DMS_S,
        "Named Churbek until 1 January 2023 (ky.wikipedia); the older en.wikipedia Leilek "
        "District list has Churbek under Margun aiyl okmotu, the ky page under Keng-Talaa "
        "aiyl aimagy (used: ky page, newer)."),
    Row("KGZ-LEI-isfana", "Isfana", "Исфана", "Раззаков", "",
        ("Razzakov", "Раззаков", "Исфана"),
        "39°50′14″N", "69°32′0″E", "Batken", "Leilek", "", "town",
        (("Isfana — piglix.com (mirror of en.wikipedia)", "http://piglix.com/piglix/Isfana"),
         ("Раззаков (шаар) — ky.wikipedia",
          "http://ky.wikipedia.org/wiki/%D0%98%D1%81%D1%84%D0%B0%D0%BD%D0%B0")),
        "DMS to the second, from the en.wikipedia town article (mirror)",
        "Administrative centre of Leilek district; town of district significance including "
        "Myrza-Patcha, Samat, Chimgen, Taylan, Ak-Bulak and Golbo. ky.wikipedia: named "
        "Razzakov, former name Isfana (until 2022). ru.wikipedia (Исфана) and ky.wikipedia "
        "give 39°50′N 69°31′E (degrees-minutes, about 1.4 km west); used the en page."),
    Row("KGZ-SUL-sulukta", "Sulukta", "Сулюкта", "Сүлүктү", "", ("Sülüktü", "Suluktu"),
        "39°56′24″N", "69°33′36″E", "Batken", "Sulukta", "", "town",
        (("Sulukta — en.wikipedia 2020-08 (osmarks.net mirror)",
          "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Sulyukta"),),
        "DMS to the second, from the en.wikipedia town article (mirror)",
        "Town of regional significance, not part of a district (COD-AB unit 'Sulukta (city)'); "
        "governs Koshbulak and Koltso. it.wiki7 (ru.wikipedia) gives 39°56′N 69°34′E."),
    # ---------------------------------------------------------------- Batken district
    Row("KGZ-BAT-kek-tash", "Kek-Tash", "Кёк-Таш", "Көк-Таш", "",
        ("Kök-Tash", "Kok-Tash", "Кок-Таш", "Кек-Таш", "Shakcha", "Шакча"),
        "39°56′59″N", "70°32′09″E", "Batken", "Batken", "Ak-Sai", "village",
        (("Кёк-Таш (Баткенский район) — ru.wikipedia",
          "https://ru.wikipedia.org/wiki/%D0%9A%D0%B5%D0%BA-%D0%A2%D0%B0%D1%88_(%D0%91%D0%B0%D1%82%D0%BA%D0%B5%D0%BD%D1%81%D0%BA%D0%B8%D0%B9_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD)"),
         BATKEN_DISTRICT),
        _DMS_S,
        "Ak-Sai aiyl okrug; right bank of the Isfara, south of Samarkandyk, south-west of the "
        "Tajik villages Chorkuh and Surkh. Not the Kök-Tash of Sumbula (Leilek)."),
    Row("KGZ-BAT-samarkandyk", "Samarkandyk", "Самаркандык", "", "",
        ("Samarkandek", "Samarkandak", "Самаркандек"),
        "39°59′47″N", "70°32′31″E", "Batken", "Batken", "Samarkandyk", "village",
        (("Самаркандык — perceptiofr.com (machine translation of ru.wikipedia)",
          "https://perceptiofr.com/%D0%A1%D0%B0%D0%BC%D0%B0%D1%80%D0%BA%D0%B0%D0%BD%D0%B4%D1%8B%D0%BA"),
         BATKEN_DISTRICT),
        _DMS_S + " (ru.wikipedia text via mirror)",
        "Samarkandyk aiyl okrug; left bank of the Isfara opposite Surkh and Chorkuh. GeoNames "
        "cities500 has 39.9981 N 70.5459 E (about 1.2 km east); used the article."),
    Row("KGZ-BAT-chong-talaa", "Chong-Talaa", "Чон-Талаа", "", "", ("Chon-Talaa", "Chong-Tala"),
        "40°10′03″N", "70°51′47″E", "Batken", "Batken", "Tert-Gyul", "village",
        (("Чон-Талаа (Киргизия) — perceptiode.com (machine translation of ru.wikipedia)",
          "https://perceptiode.com/%D0%A7%D0%BE%D0%BD-%D0%A2%D0%B0%D0%BB%D0%B0%D0%B0_(%D0%9A%D0%B8%D1%80%D0%B3%D0%B8%D0%B7%D0%B8%D1%8F)"),
         BATKEN_DISTRICT),
        _DMS_S + " (ru.wikipedia text via mirror)",
        "Tert-Gyul (Tör-Gül) aiyl aimak per both pages; border village next to the Tajik "
        "village Lakkon; SOATE code 41705 214 814 06 0 (ru.wikipedia)."),
    Row("KGZ-BAT-batken", "Batken", "Баткен", "Баткен", "", ("Batkent",),
        "40°4′N", "70°50′E", "Batken", "Batken", "", "town",
        (("Batken — sco.wikipedia", "https://sco.wikipedia.org/wiki/Batken"),
         ("Batken Region — theinfolist.com (mirror of en.wikipedia)",
          "http://theinfolist.com/html/ALL/l/Batken_Region.html")),
        _DM + ", from the town article",
        "Regional capital; city of regional significance (COD-AB unit 'Batken (city)') and seat "
        "of Batken district. technerium.ru gives 40°03′00″N 70°49′00″E (about 2.3 km "
        "south-west); used the encyclopaedia page."),
    # ---------------------------------------------------------------- Chong-Alay district
    Row("KGZ-CAL-daroot-korgon", "Daroot-Korgon", "Дараут-Курган", "Дароот-Коргон", "",
        ("Daraut-Kurgan", "Darautkorgon", "Daroot-Qurghan", "Дараут"),
        "39°33′12″N", "72°12′0″E", "Osh", "Chong-Alay", "", "village",
        (("Daroot-Korgon — de.wikial.top (machine translation of en.wikipedia)",
          "https://de.wikial.top/wiki/Daroot-Korgon"),
         ("Дараут-Курган — dvc.academic.ru (mirror of ru.wikipedia)",
          "https://dvc.academic.ru/dic.nsf/ruwiki/1475310")),
        "DMS to the second, from the en.wikipedia village article (mirror)",
        "Seat of Chong-Alay district, western Alay valley; 24.9 km from the shipped KG-TJ "
        "line (the edge of this gazetteer's 25 km band). The ru mirror gives no coordinates."),
)
