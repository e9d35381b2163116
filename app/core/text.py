"""Sentences for the user, written below Qt and translated above it.

The feeds and storage layers may not import Qt, yet their refusals and status lines reach the
screen. They write a :class:`Text`: a ``str`` holding the English sentence (so logs, the
command line, its JSON and the tests read it as before) that also keeps its template and
arguments, so that the interface can render it again through Qt's translator.

Templates are marked ``QT_TRANSLATE_NOOP("Feed", "… %1 …")``: ``pyside6-lupdate`` collects
every such call into the catalogue with no extra option. Arguments fill ``%1`` … ``%9`` as in
Qt; an argument may itself be a :class:`Text`, rendered in the same language. Arguments are
masked as they come in (:mod:`app.core.secrets`): a vendor's words never carry our key on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.core.secrets import mask

_PLACEHOLDER = re.compile(r"%([1-9])")


class Template(str):
    """A source sentence with the translation context it was marked in."""

    context: str

    def __new__(cls, context: str, source: str) -> Template:
        template = super().__new__(cls, source)
        template.context = context
        return template


def QT_TRANSLATE_NOOP(context: str, source: str) -> Template:  # noqa: N802 (the name lupdate knows)
    """Mark ``source`` for translation in ``context``; the text stays English here."""
    return Template(context, source)


def fill(template: str, args: Sequence[str]) -> str:
    """Put ``args`` in place of ``%1`` … ``%9`` in one pass (an argument's own ``%2`` stays;
    a number with no argument stays as written)."""

    def argument(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return args[n - 1] if n <= len(args) else match.group(0)

    return _PLACEHOLDER.sub(argument, template)


class Text(str):
    """An English sentence that can be rendered again in another language."""

    template: Template
    args: tuple[object, ...]

    def __new__(cls, template: Template, *args: object) -> Text:
        args = tuple(_masked(a) for a in args)  # a vendor's words may quote our key
        text = super().__new__(cls, fill(template, [str(a) for a in args]))
        text.template = template
        text.args = args
        return text

    def render(self, translate: Callable[[str, str], str]) -> str:
        """The sentence through ``translate(context, source)``, its arguments too."""
        return fill(translate(self.template.context, self.template),
                    [render(a, translate) for a in self.args])


def _masked(arg: object) -> object:
    """An argument with any registered secret masked (itself when it holds none; a
    :class:`Text` was masked when it was made)."""
    if isinstance(arg, Text):
        return arg
    words = str(arg)
    hidden = mask(words)
    return arg if hidden is words else hidden


def render(value: object, translate: Callable[[str, str], str]) -> str:
    """Any message (a :class:`Text`, an exception carrying one, anything else) in words."""
    if isinstance(value, Text):
        return value.render(translate)
    if isinstance(value, BaseException) and len(value.args) == 1 and isinstance(value.args[0], Text):
        return value.args[0].render(translate)
    return str(value)


def plain(value: object) -> object:
    """``msgspec``'s encode hook: a :class:`Text` is written as its English sentence."""
    if isinstance(value, str):
        return str(value)
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


def joined(first: object, second: object) -> Text:
    """Two messages on one line (``functools.reduce(joined, messages)`` for more)."""
    return Text(QT_TRANSLATE_NOOP("Core", "%1; %2"), first, second)
