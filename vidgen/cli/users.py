"""`vidgen users`: the people who may use the server. The CLI itself acts as the machine's own user."""

from __future__ import annotations

import typer

from vidgen.cli.common import JsonOpt, emit, say, service, table, when

PANEL = "Server and set-up"
users_app = typer.Typer(help="People who may use the server (each sees only their own work; admins see all).",
                        no_args_is_help=True, rich_markup_mode=None)


def _users():
    from vidgen.store.users import Users

    return Users(service().store)


def _show_key(record: dict, key: str, as_json: bool, what: str) -> None:
    data = {"name": record["name"], "key": key, "admin": bool(record.get("admin"))}

    def human(_: object) -> None:
        import sys

        sys.stdout.write(key + "\n")  # the key alone on stdout: `KEY=$(vidgen users add ann)` works
        say(f"{what} {record['name']}{' (admin)' if record.get('admin') else ''}. This key is shown once; "
            "it is stored only as a hash. Send it in X-API-Key, or paste it in the studio's sign-in page.")

    emit(data, as_json, human)


@users_app.command("add")
def add(name: str = typer.Argument(..., help="Letters, digits, '.', '_' or '-'."),
        admin: bool = typer.Option(False, "--admin", help="Sees and manages everyone's work."),
        as_json: bool = JsonOpt) -> None:
    """Add a user and print their key (once)."""
    record, key = _users().add(name, admin)
    _show_key(record, key, as_json, "added")


@users_app.command("list")
def list_(as_json: bool = JsonOpt) -> None:
    """The users: name, admin, when added, when their key was last made."""
    from vidgen.store.users import public

    rows = [public(u) for u in _users().active()]
    emit({"users": rows, "total": len(rows)}, as_json,
         lambda d: table(["name", "admin", "added", "key made"],
                         [[u["name"], "yes" if u["admin"] else "", when(u["created"]), when(u["rotated"])]
                          for u in d["users"]]) if d["users"] else
         say("no users: `vidgen serve` is single-user, on this machine only (add one: vidgen users add NAME "
             "--admin)"))


@users_app.command("remove")
def remove(name: str, as_json: bool = JsonOpt) -> None:
    """Remove a user: their key stops working at once; their work stays (admins still see it)."""
    record = _users().remove(name)
    emit({"name": record["name"], "removed": True}, as_json,
         lambda d: say(f"removed {d['name']}; their key no longer works, and their work stays for admins"))


@users_app.command("rotate")
def rotate(name: str, as_json: bool = JsonOpt) -> None:
    """Give a user a new key (printed once); the old one stops working at once."""
    record, key = _users().rotate(name)
    _show_key(record, key, as_json, "new key for")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users", rich_help_panel=PANEL)
