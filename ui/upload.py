"""The file upload box with its words in the user's language beside it.

Streamlit draws its upload box's own words ("Drag and drop file here", the "Upload" button,
"… per file") in English and offers no way to translate them; here the box gets a help text
and, in Russian, a caption under it that says the same in Russian (the size limit from the
server's ``maxUploadSize``)."""
from __future__ import annotations

import streamlit as st

from i18n import t


def file_uploader(label: str, lang: str, type: list[str], **kwargs):  # noqa: A002 - as st's
    """``st.file_uploader`` with the limit and file types said in ``lang``."""
    mb = int(st.get_option("server.maxUploadSize") or 200)
    types = ", ".join(x.upper() for x in type)
    up = st.file_uploader(label, type=type, help=t("upload.help", lang, mb=mb, types=types),
                          **kwargs)
    if lang != "en":
        st.caption(t("upload.beside", lang, mb=mb, types=types))
    return up
