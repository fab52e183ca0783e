"""Data & sources: each layer's source, licence, version, build date; COD-AB, curated and
places uploads (checked in memory by the layer loaders on the user's click, then saved in
the data folder under generated names: :mod:`layers.uploads`; admin only), the store and
the demo's removal (admin only)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from i18n import column_label, error_text, t
from i18n.display_tables import display_values
from i18n.frames import screen_frame
from maps import provenance
from ui import resources, state, upload
from ui.line_panel import line_panel
from ui.plain import literal
from ui.table_view import show_table

SOURCE_ROW_PX = 96  # four lines of text
HEADER_PX = 40
TABLE_MAX_PX = 1200  # every shipped layer's row at once (8 in 2026)

lang = state.lang()
me = resources.principal()
admin = me.can("layers")  # uploads, the store's address and the demo's removal
st.title(t("data.title", lang))
boundaries, cod, claims, curated = resources.layers()
manifest = boundaries.manifest

st.subheader(t("data.layers", lang))
st.caption(t("data.layers_help", lang))
if lang != "en":
    st.caption(t("data.layers_quoted", lang))
sources = provenance.layer_sources(manifest, lang=lang)
# rows tall enough for the long texts to wrap (a source, a licence, how it was derived);
# every field whole, as plain text, in the expander below
wide = st.column_config.TextColumn(width="large")
show_table(sources, lang, width="stretch", row_height=SOURCE_ROW_PX,
           height=min(TABLE_MAX_PX, HEADER_PX + len(sources) * SOURCE_ROW_PX),
           config={"source": wide, "licence": wide, "changes": wide, "attribution": wide})
if len(sources):
    with st.expander(t("data.layer_full", lang)):
        pick = st.selectbox(t("data.layer_pick", lang), range(len(sources)),
                            key="data_layer_pick",
                            format_func=lambda i: str(sources["file"].iloc[i]))
        for col, value in screen_frame(display_values(sources, lang), lang).iloc[pick].items():
            st.text(f"{column_label(col, lang)}: {value}")  # gaps read MISSING already
gaps = provenance.known_gaps(manifest, lang)
if gaps:
    st.subheader(t("data.gaps", lang))
    for g in gaps:
        st.markdown(f"- **{g.get('name', '')}** ({g.get('what', '')}): {g.get('status', '')}")


def _save(kind: str, up, validate) -> None:
    """Check the upload in memory and save it under a generated name, on the user's
    click only (a file is not parsed on arrival); the client's file name is metadata."""
    from layers.uploads import display_name, save_upload
    me.require("layers")  # whatever widget state a client sends
    if not st.button(t("data.check_save", lang), key=f"data_save_{kind}"):
        return
    try:
        save_upload(kind, up.getvalue(), up.name, validate, principal=me)
    except Exception as err:  # noqa: BLE001 - show the loader's message, save nothing
        st.error(literal(t("data.invalid", lang, err=error_text(err, lang))))
        return
    resources.reload_layers()
    st.success(t("data.saved", lang, name=literal(display_name(up.name))))


st.subheader(t("data.cod", lang))
st.info(t("data.cod_help", lang))
if cod is not None:
    st.write(t("data.cod_loaded", lang, n=len(cod),
               files=", ".join(p.name for p in settings.cod_ab_files())))
else:
    st.caption(t("data.cod_none", lang))
up = upload.file_uploader(t("data.cod_upload", lang), lang, type=["json", "geojson"],
                          key="cod_up") if admin else None
if up is not None:
    from layers.cod_ab import load_cod_ab
    _save("cod-ab", up, lambda b, n: load_cod_ab((n, b)))

st.subheader(t("data.curated", lang))
if curated is not None:
    st.dataframe(pd.DataFrame(curated.drop(columns="geometry")), hide_index=True)
    st.download_button(t("data.curated_dl", lang), curated.to_json(), "curated.geojson",
                       "application/geo+json")
examples = sorted(settings.EXAMPLES_DIR.glob("curated*.geojson"))
if examples:
    st.download_button(t("data.curated_example", lang), examples[0].read_bytes(),
                       examples[0].name, "application/geo+json")
up = upload.file_uploader(t("data.curated_upload", lang), lang,
                          type=["json", "geojson"], key="cur_up") if admin else None
if up is not None:
    from layers.curated import load_curated
    _save("curated", up, lambda b, n: load_curated(b))

st.subheader(t("data.places", lang))
up = upload.file_uploader(t("data.places_upload", lang), lang, type=["csv"],
                          key="places_up") if admin else None
if up is not None:
    from geo.places_file import read_places_bytes
    _save("places", up, read_places_bytes)

line_panel(lang)

st.subheader(t("data.store", lang))
if admin:
    from incidents.deployment import safe_url
    st.write(f"`{safe_url(settings.database_url())}` – {resources.all_incident_count()}")
else:
    st.write(str(resources.all_incident_count()))
state.show_saved("demo")
if admin and resources.demo_state() and st.button(t("data.remove_demo", lang),
                                                   key="data_remove_demo"):
    from analysis.demo_registry import remove_demo_data
    n, n_reg = remove_demo_data(resources.store(), me)
    resources.bump_version()
    state.saved("demo", t("data.demo_removed", lang, n=n, n_reg=n_reg))  # rerun: no banner

st.subheader(t("data.vendor", lang))
show_table(provenance.vendored_packages(), lang)
