"""Sign in: a local account's name and password, or the organisation's single sign-on
(OpenID Connect, when ``[auth]`` is configured). Shown only when the store has accounts."""
from __future__ import annotations

from ui import auth, state

auth.sign_in_form(state.lang())
