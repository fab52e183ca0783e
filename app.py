"""KG–TJ border incidents: the Streamlit app. Run with ``streamlit run app.py``.

This file has two roles:

- ``streamlit run app.py`` imports it to find ``app``, an ``st.App`` served by uvicorn,
  whose start-up hook (:mod:`ui.warmup`) imports the heavy libraries while the browser is
  still loading the page;
- Streamlit then runs this same file as the script of every session
  (``__name__ == "__main__"``): :func:`ui.shell.run` sets up the page and the navigation.

Pages live in ui/pages/; the core in geo/, layers/, incidents/, analysis/, maps/.
"""
import streamlit as st

if __name__ == "__main__":  # a session's script run
    from ui import shell

    shell.run()
else:  # imported by `streamlit run app.py` (or uvicorn app:app): the server
    from ui.guard import refuse_unsafe_serving
    from ui.warmup import lifespan

    refuse_unsafe_serving()  # beyond loopback only with an admin account

    app = st.App(__file__, lifespan=lifespan)
