"""The render options as command-line flags, made from `vidgen.render.presets.RenderOptions`: a new
option there is a new flag here, with its help, choices and default.

The flags are made when a command that takes them runs or shows its help, not when the CLI
starts: the model needs pydantic, whose import would double the time of every `vidgen --help`.
A command declares `ctx: typer.Context` and reads what was given with `given(ctx)`.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.core

SHORT = {"quality": ("-q",), "aspect": ("-a",)}   # the flags kept short since the first release
OFF, NO = "off", "no_"   # a choice's "off", and the --no-NAME flag that stands for it
_GIVEN = "vidgen.render_options"


def render_flags(only: tuple[str, ...] | None = None) -> list[Any]:
    """One flag per option (`only`: these): --x/--no-x for a yes/no (--keep-audio when it is off by default),
    else --name VALUE; a choice that can be "off" also takes --no-name (--no-captions = --captions off).

    Made as typer makes any command's options (from a signature), so they parse and show alike.
    """
    import inspect
    import types
    from typing import Literal, Union, get_args, get_origin

    import typer.main

    from vidgen.render.presets import RenderOptions, one_of

    params = []
    for name, field in RenderOptions.model_fields.items():
        if only is not None and name not in only:
            continue
        flag = "--" + name.replace("_", "-")
        kind: Any = field.annotation
        if get_origin(kind) in (Union, types.UnionType):  # str | None: the option may be left unset
            kind = next(a for a in get_args(kind) if a is not type(None))
        text = (field.description or name)
        text = text[0].upper() + text[1:]
        if get_origin(kind) is Literal:
            choices = [str(c) for c in get_args(kind)]
            text += f": {one_of(choices)}"
            kind = str
            if OFF in choices:
                off = typer.Option(False, f"--no-{name.replace('_', '-')}", help=f"The same as {flag} {OFF}.",
                                   show_default=False)
                params.append(inspect.Parameter(NO + name, inspect.Parameter.KEYWORD_ONLY, default=off,
                                                annotation=bool))
        if kind is bool:  # on by default: --x/--no-x; off by default: --x turns it on
            decls = [f"{flag}/--no-{name.replace('_', '-')}"] if field.default else [flag]
        else:
            decls = [flag, *SHORT.get(name, ())]
        option = typer.Option(field.default, *decls, help=f"{text}.", show_default=field.default is not None)
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind | None))

    def options(**given: Any) -> None:
        """Stands for the options' signature."""

    options.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    app = typer.Typer(add_completion=False)
    app.command()(options)
    return list(typer.main.get_command(app).params)


def with_render_flags(only: tuple[str, ...] | None = None) -> type[typer.core.TyperCommand]:
    """A command class taking the render options' flags besides its own parameters."""

    class WithRenderFlags(typer.core.TyperCommand):
        flags: list[Any] | None = None  # made on first use

        def get_params(self, ctx: Any) -> list[Any]:
            if self.flags is None:
                self.flags = render_flags(only)
                self.params.extend(self.flags)
            return super().get_params(ctx)

        def invoke(self, ctx: Any) -> Any:
            # the command's function takes its own parameters; the options go to `given(ctx)`
            names = [p.name for p in self.flags or ()]
            ctx.meta[_GIVEN] = {n: ctx.params.pop(n) for n in names if n in ctx.params}
            return super().invoke(ctx)

    return WithRenderFlags


def given(ctx: typer.Context) -> dict[str, Any]:
    """The render options from the command line (left out: the model's default, shown in the help)."""
    flags = ctx.meta.get(_GIVEN, {})
    out = {k: v for k, v in flags.items() if v is not None and not k.startswith(NO)}
    for k, v in flags.items():
        if k.startswith(NO) and v:
            if out.get(k[len(NO):], OFF) != OFF:
                from vidgen.errors import BadInput

                name = k[len(NO):].replace("_", "-")
                raise BadInput(f"--no-{name} and --{name} {out[k[len(NO):]]} say opposite things", "give one")
            out[k[len(NO):]] = OFF
    return out
