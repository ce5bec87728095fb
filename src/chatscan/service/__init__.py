"""The web service: FastAPI app factory, settings, payments ledger, rate limits.

Needs the ``service`` extra (``pip install 'chatscan[service]'``)::

    from chatscan.service import Settings, create_app
    app = create_app(Settings(database_url="sqlite:///./data/chatscan.db"))
"""

from chatscan.service.app import create_app
from chatscan.service.settings import Settings, SettingsError

__all__ = ["Settings", "SettingsError", "create_app"]
