"""Map page: the border map with incidents and layers, month playback, clicked incident.

A session's first run may draw it from the record an earlier first run left
(:mod:`ui.first_paint`; the shell hands it over); every other run runs :mod:`ui.map_body`.
"""
import streamlit as st

from ui import first_paint, state

record = st.session_state.pop(state.FIRST_PAINT, None)
if record is not None:
    first_paint.draw(record, state.lang())
else:
    from ui import map_body

    map_body.run()
