"""The Streamlit configuration (issue 15): loopback address, no outside address contacted at
start, error details hidden, XSRF protection on, the documented upload limit."""
from __future__ import annotations

import tomllib

import settings
from incidents.importers.limits import MAX_UPLOAD_MB

CONFIG = settings.REPO_ROOT / ".streamlit" / "config.toml"


def test_config_values():
    conf = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert conf["server"]["address"] == "127.0.0.1"
    assert 'address = "127.0.0.1"' in CONFIG.read_text(encoding="utf-8").splitlines()
    assert conf["server"].get("enableXsrfProtection", True) is True
    assert conf["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    assert conf["client"]["showErrorDetails"] == "none"
    assert conf["browser"]["gatherUsageStats"] is False
    assert conf["server"]["fileWatcherType"] == "none"  # no module scan after every run


def test_start_contacts_no_outside_address(monkeypatch):
    """Streamlit's start message looked up the external IP (checkip.amazonaws.com) and the
    internal one (a socket towards 8.8.8.8) when no server address was set."""
    from streamlit import config, net_util
    from streamlit.web import bootstrap

    monkeypatch.chdir(settings.REPO_ROOT)
    called: list[str] = []
    monkeypatch.setattr(net_util, "get_external_ip", lambda: called.append("external"))
    monkeypatch.setattr(net_util, "get_internal_ip", lambda: called.append("internal"))
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("server.address") == "127.0.0.1"
        bootstrap._print_url(False)
    finally:
        config.get_config_options(force_reparse=True)
    assert called == []
