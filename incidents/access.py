"""Who may see and do what: roles, the acting :class:`Principal`, and the rules the store
applies in its SQL.

Roles, lowest first (each has every right of the roles below it):

- ``viewer`` — the public, protected view only: records marked *public*, no personal
  fields (the store returns them empty; the app and exports generalise locations through
  :mod:`sharing`), no history, no internal downloads;
- ``member`` — a working-group member: *internal* records too, their history, internal
  downloads, and adding incidents; no import, edit or delete;
- ``editor`` — import, edit, review (verification), the communities registry and actions,
  the quarantine;
- ``admin`` — accounts, *restricted* records, delete and restore, layer uploads, removing
  the demo.

Every store function that reads or writes incidents takes a ``Principal``; reads without
one get the :data:`PUBLIC` (viewer) view — public is the default of every output — and
writes without the right raise :class:`AccessDenied`. The command line acts as
:data:`LOCAL_ADMIN` (the person at the machine) unless ``--as ACCOUNT`` names an account.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from incidents.schema import SENSITIVITIES

if TYPE_CHECKING:  # SQLAlchemy loads only where a query is built (not in a first paint)
    import sqlalchemy as sa


class Role(enum.IntEnum):
    """A role; a higher value has every right of the lower ones."""

    VIEWER = 1
    MEMBER = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        """``viewer``, ``member``, ``editor`` or ``admin``."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str | Role) -> Role:
        """A role from its name (case-insensitive); ``ValueError`` naming the choices."""
        if isinstance(text, Role):
            return text
        try:
            return cls[str(text).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown role {text!r}; use one of {', '.join(ROLE_NAMES)}") \
                from None


ROLE_NAMES: tuple[str, ...] = tuple(r.label for r in Role)

#: the lowest role allowed to do each action
RIGHTS: dict[str, Role] = {
    "read_public": Role.VIEWER,
    "read_internal": Role.MEMBER,   # internal records, exact points, personal fields
    "history": Role.MEMBER,
    "export_internal": Role.MEMBER,
    "add": Role.MEMBER,
    "import": Role.EDITOR,
    "edit": Role.EDITOR,
    "review": Role.EDITOR,
    "registry": Role.EDITOR,
    "actions": Role.EDITOR,
    "quarantine": Role.EDITOR,
    "read_restricted": Role.ADMIN,
    "delete": Role.ADMIN,
    "restore": Role.ADMIN,
    "layers": Role.ADMIN,
    "demo": Role.ADMIN,
    "accounts": Role.ADMIN,
    "database": Role.ADMIN,  # back up, restore, upgrade; publish the QGIS view, grant roles
}

_DOING = {
    "read_public": "read incidents", "read_internal": "read internal records",
    "history": "read edit histories", "export_internal": "export internal data",
    "add": "add incidents", "import": "import files", "edit": "edit incidents",
    "review": "review incidents", "registry": "change the communities registry",
    "actions": "record actions", "quarantine": "read rejected rows",
    "read_restricted": "read restricted records", "delete": "delete incidents",
    "restore": "restore incidents", "layers": "upload layers",
    "demo": "load or remove the demo", "accounts": "manage accounts",
    "database": "back up, restore, upgrade or publish the database",
}

#: columns a viewer never receives from the store (personal or exact-place fields; the
#: public view generalises the point itself, see :mod:`sharing.viewer`)
VIEWER_HIDDEN_COLUMNS: tuple[str, ...] = (
    "actor1", "actor2", "location", "admin1_given", "admin2_given", "notes", "source",
    "source_event_id", "geocode_method", "geocode_match", "geocode_candidates",
    "nearest_place_dist_m", "extra", "import_batch_id", "review_flags", "location_flag",
)


class AccessDenied(PermissionError):
    """The acting principal's role does not allow the action (the message names both)."""

    def __init__(self, principal: Principal, action: str):
        super().__init__(principal, action)
        self.principal, self.action = principal, action

    def __str__(self) -> str:
        need = RIGHTS.get(self.action, Role.ADMIN).label
        doing = _DOING.get(self.action, self.action.replace("_", " "))
        return (f"{self.principal.account} ({self.principal.role.label}) may not "
                f"{doing}: that needs the {need} role")


@dataclass(frozen=True)
class Principal:
    """The account acting, and its role."""

    account: str
    role: Role

    def __post_init__(self) -> None:
        if not isinstance(self.account, str) or not self.account.strip():
            raise ValueError("a principal needs an account name")
        object.__setattr__(self, "role", Role.parse(self.role))

    def can(self, action: str) -> bool:
        """True when this role may do ``action`` (a key of :data:`RIGHTS`)."""
        if action not in RIGHTS:
            raise KeyError(f"unknown action {action!r}")
        return self.role >= RIGHTS[action]

    def require(self, action: str) -> None:
        """Raise :class:`AccessDenied` unless this role may do ``action``."""
        if not self.can(action):
            raise AccessDenied(self, action)

    @property
    def sensitivities(self) -> tuple[str, ...]:
        """The ``sensitivity`` values whose records this principal may read."""
        if self.role >= Role.ADMIN:
            return SENSITIVITIES
        if self.role >= Role.MEMBER:
            return ("public", "internal")
        return ("public",)

    def may_read(self, sensitivity: object) -> bool:
        """True when this principal may read a record of ``sensitivity`` (the rule of
        :func:`visible` for one value: an admin every record, one without a sensitivity
        included; others only their :attr:`sensitivities`)."""
        return self.can("read_restricted") or sensitivity in self.sensitivities


#: an anonymous visitor (and the default reader): the public view
PUBLIC = Principal("public", Role.VIEWER)
#: the person at the machine: the CLI without ``--as`` and the app in local single-user mode
LOCAL_ADMIN = Principal("local", Role.ADMIN)
#: the app itself loading the synthetic demo on a first start
SYSTEM = Principal("system", Role.ADMIN)


def as_principal(value: object) -> Principal:
    """``value`` if it is a :class:`Principal`; else ``TypeError`` (a typed name is not an
    account)."""
    if not isinstance(value, Principal):
        raise TypeError(f"expected an incidents.access.Principal, got {type(value).__name__}")
    return value


def visible(table: sa.Table, principal: Principal) -> sa.ColumnElement[bool]:
    """The SQL condition on ``incidents`` rows ``principal`` may read (by ``sensitivity``;
    a row without one, or with an unknown one, is treated as restricted: admin only)."""
    import sqlalchemy as sa
    if as_principal(principal).can("read_restricted"):
        return sa.true()
    return table.c.sensitivity.in_(principal.sensitivities)


def select_columns(columns: list, principal: Principal) -> list:
    """``columns`` with those a viewer may not receive replaced by SQL NULL (same labels)."""
    import sqlalchemy as sa
    if as_principal(principal).can("read_internal"):
        return columns
    return [sa.null().label(c.name) if c.name in VIEWER_HIDDEN_COLUMNS else c
            for c in columns]
