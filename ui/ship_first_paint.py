"""Regenerate the shipped first paint of a first start (``data/first_paint/demo_en.json``).

``python -m ui.ship_first_paint`` runs the app once (Streamlit's AppTest, no browser) on a
new, empty data folder: the shell loads the synthetic demo, the Map page's first run draws
it and leaves its record (:mod:`ui.first_paint`), and that record is written to the repo
with the fingerprint of the shipped data and packages it was made from (not of the code:
an ordinary code change leaves it current). A first start ever on the same data and
packages then draws its first map from it while the warm-up loads the same
demo into the new store. Everything in it is synthetic demo data (every incident says so)
and the shipped layers, which record their own sources; the file holds no user data.
A test builds it again and fails when the shipped file differs.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from maps.web.disk_cache import write_json

ABOUT = ("The Map page's first run on a first start (the synthetic demo, English, no "
         "filter): streamlit-folium's component arguments, drawn from disk while the "
         "demo is loaded. Synthetic demo data, not real events. Regenerate: "
         "python -m ui.ship_first_paint")
USER_ENV = ("KGTJ_DB_URL", "KGTJ_COD_FILES", "KGTJ_CURATED_FILES", "KGTJ_PLACES_FILES")


def build() -> dict:
    """The record a first start's first run leaves, with its data stamp (runs the app in a
    new temporary data folder, with no user files)."""
    from streamlit.testing.v1 import AppTest

    import settings
    from ui import first_paint

    saved = {k: os.environ.get(k) for k in ("KGTJ_DATA_DIR", *USER_ENV)}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for k in USER_ENV:
                os.environ.pop(k, None)
            os.environ["KGTJ_DATA_DIR"] = tmp
            at = AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=300)
            at.run()
            if at.exception:
                raise RuntimeError(f"the app failed: {at.exception[0].message}")
            records = sorted((Path(tmp) / "cache" / "first_paint").glob("*.json"))
            if len(records) != 1:
                raise RuntimeError(f"expected one first-paint record, found {len(records)}")
            record = json.loads(records[0].read_text(encoding="utf-8"))
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return {"about": ABOUT, "stamp": first_paint.shipped_stamp(), **record}


def main() -> None:
    from ui.first_paint import SHIPPED

    record = build()
    SHIPPED.parent.mkdir(parents=True, exist_ok=True)
    write_json(SHIPPED, record)
    print(f"wrote {SHIPPED} ({SHIPPED.stat().st_size / 1e6:.2f} MB; {record['n']} incidents)")


if __name__ == "__main__":
    main()
