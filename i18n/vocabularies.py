"""Labels of the controlled vocabularies: kind → value → (English, Russian)."""

VOCAB: dict[str, dict[str, tuple[str, str]]] = {
    "category": {
        "road_crash": ("Road crash", "ДТП"),
        "border_guard_incident": ("Border-guard incident", "Инцидент с пограничниками"),
        "youth_clash": ("Youth clash", "Столкновение молодёжи"),
        "water_dispute": ("Water dispute", "Спор из-за воды"),
        "land_pasture_dispute": ("Land / pasture dispute", "Спор о земле / пастбищах"),
        "infrastructure_dispute": ("Infrastructure dispute (roads, fences, building)",
                                   "Спор об инфраструктуре (дороги, заборы, стройки)"),
        "protest": ("Protest", "Протест"),
        "domestic_violence": ("Domestic violence", "Домашнее насилие"),
        "other": ("Other", "Другое"),
    },
    "verification": {
        "unverified": ("unverified", "не проверено"),
        "under_review": ("under review", "на проверке"),
        "verified": ("verified", "проверено"),
        "unverifiable": ("unverifiable", "не поддаётся проверке"),
        "duplicate": ("duplicate", "дубликат"),
        "rejected": ("rejected", "отклонено"),
    },
    "sensitivity": {
        "public": ("public", "открыто"),
        "internal": ("internal", "внутреннее"),
        "restricted": ("restricted", "ограничено"),
    },
    "precision": {
        "1": ("exact", "точно"),
        "2": ("near a named place", "рядом с населённым пунктом"),
        "3": ("region only", "только регион"),
    },
    "side": {
        "KG": ("Kyrgyz side", "кыргызская сторона"),
        "TJ": ("Tajik side", "таджикская сторона"),
        "UZ": ("Uzbek side", "узбекская сторона"),
        "outside": ("outside the region", "вне региона"),
    },
    "country": {
        "KGZ": ("Kyrgyzstan", "Кыргызстан"),
        "TJK": ("Tajikistan", "Таджикистан"),
        "UZB": ("Uzbekistan", "Узбекистан"),
    },
    "curated_status": {
        "disputed": ("disputed", "спорный"),
        "undemarcated": ("undemarcated", "неделимитированный"),
        "agreed": ("agreed", "согласованный"),
        "unknown": ("status unknown", "статус неизвестен"),
    },
    "mode": {
        "joint": ("joint", "совместно"),
        "parallel": ("parallel", "параллельно"),
    },
    "community_status": {
        "active": ("active", "действует"),
        "planned": ("planned", "планируется"),
        "suspended": ("suspended", "приостановлен"),
        "candidate": ("candidate (no mechanism yet)", "кандидат (механизма пока нет)"),
    },
}
