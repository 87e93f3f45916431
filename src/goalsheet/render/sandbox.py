"""Jinja's immutable sandbox with limits: no operator, call, filter or format in a
practice's template makes a value larger than the caps in render/limits.py.

Each hook checks the sizes before the work is done (a 1 GB string is refused, not made and
then measured), and checks what came out after it.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from goalsheet.render.limits import (
    MAX_BITS,
    MAX_ITEMS,
    MAX_TEXT,
    RANGE_LIMIT,
    check_printable,
    check_size,
    too_big_a_range,
    too_long,
    too_wide,
)

MAX_JSON_INDENT = 100
MAX_ROUND_DIGITS = 400
MAX_LIPSUM = 100
# A printf-style field: %(name)-10.3f and the like.
PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
SEQUENCES = (str, bytes, list, tuple)


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` so the sandbox checks the length before the text is joined."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.bounded_concat({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The environment for a practice's templates: immutable sandbox plus size caps."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum
        self.finalize = _printable  # every {{ value }} is within the caps when printed

    def bound_filters(self) -> None:
        """Put the bounded filters in place of those that can grow a value (call once the
        environment's own filters are added)."""
        for name, original in self.filters.items():
            self.filters[name] = _checked(original, FILTER_CHECKS.get(name, _nothing))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+" and isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES):
            _check_total(len(left) + len(right), left)
        elif operator == "%" and isinstance(left, str):
            check_printable(right)
            check_printf(left, right)
        result = super().call_binop(context, operator, left, right)
        check_size(result)
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a function, method or macro from a template, within the caps."""
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(owner, str | bytes | int):
            for number in [*args, *kwargs.values()]:
                if isinstance(number, int) and abs(number) > MAX_TEXT:
                    raise too_wide(number, MAX_TEXT)
            check_printable((args, kwargs))  # a method of text may print them
            _check_method(owner, __obj.__name__, args)
        if getattr(__obj, "__name__", "").endswith(("gettext", "gettext_alias")):  # _("%(n)s")
            for text in args:
                if isinstance(text, str):
                    check_printf(text, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        check_size(result)
        return result

    def bounded_concat(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        """`a ~ b ~ c`: refused if the parts together are longer than MAX_TEXT."""
        check_printable(parts)
        result = join(parts)
        check_size(result)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{:>9}'.format(x)`: as Jinja's, but every width and precision is checked."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text: str = value.__self__
        formatter = (
            _BoundedEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else _BoundedFormatter(self)
        )
        is_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            check_printable((args, kwargs))
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                result = type(text)(formatter.vformat(text, (), args[0]))
            else:
                result = type(text)(formatter.vformat(text, args, kwargs))
            check_size(result)
            return result

        return bounded


def _check_spec(spec: str) -> None:
    """A format spec ('>20', '.3f') whose numbers are within MAX_TEXT."""
    for digits in re.findall(r"\d+", spec):
        if len(digits) > 12 or int(digits) > MAX_TEXT:
            raise too_wide(int(digits[:13]), MAX_TEXT)


class _BoundedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec)
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(SandboxedEscapeFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec)
        return super().format_field(value, format_spec)


def check_printf(text: str, args: Any) -> None:
    """`'%9s' % x` and `|format`: no width or precision over MAX_TEXT, also when a `*` takes
    it from the arguments."""
    numbers = args if isinstance(args, tuple | list) else [args]
    for match in PRINTF_FIELD.finditer(text):
        for part in match.groups():
            if part == "*":
                for number in numbers:
                    if isinstance(number, int) and abs(number) > MAX_TEXT:
                        raise too_wide(number, MAX_TEXT)
            elif part is not None:
                _check_spec(part)


def _check_total(size: int, like: Any) -> None:
    limit = MAX_TEXT if isinstance(like, str | bytes) else MAX_ITEMS
    if size > limit:
        raise too_long(limit)


def _check_repeat(sequence: Any, times: Any) -> None:
    """`'a' * n` or `[x] * n`: the result's length before it is made."""
    if isinstance(sequence, SEQUENCES) and isinstance(times, int):
        _check_total(len(sequence) * max(times, 0), sequence)
    elif isinstance(sequence, int) and isinstance(times, int):
        check_size(1 << min(sequence.bit_length() + times.bit_length(), MAX_BITS + 1))


def _check_power(base: Any, exponent: Any) -> None:
    """`a ** b` on whole numbers: the result's digits before it is computed."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) < 2:
        return
    if exponent > MAX_BITS or exponent * (abs(base).bit_length() - 1) > MAX_BITS:
        check_size(1 << (MAX_BITS + 1))


def _check_method(owner: str | bytes | int, name: str, args: tuple[Any, ...]) -> None:
    """The methods of text that can grow it far beyond its arguments."""
    if not isinstance(owner, str | bytes):
        return
    if name == "join" and args:
        _check_joined(owner, args[0])
    elif name == "replace" and len(args) >= 2:
        _check_replaced(owner, args[0], args[1])
    elif name == "expandtabs":
        width = args[0] if args and isinstance(args[0], int) else 8
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        _check_total(len(owner) + tabs * width, owner)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        _check_total(len(owner) * longest, owner)


def _check_joined(separator: Any, items: Any) -> None:
    if not isinstance(items, list | tuple | str):
        return  # a generator: it was made from values already within the caps
    size = len(separator) * max(len(items) - 1, 0)
    for item in items:
        size += len(item) if isinstance(item, str | bytes) else 0
        _check_total(size, "")


def _check_replaced(text: Any, old: Any, new: Any) -> None:
    if isinstance(old, str | bytes) and isinstance(new, str | bytes) and len(new) > len(old):
        count = len(text) + 1 if not old else text.count(old)
        _check_total(len(text) + count * (len(new) - len(old)), "")


def bounded_range(*args: int) -> range:
    """range() within RANGE_LIMIT numbers, refused with a TemplateLimit (Jinja's own
    safe_range raises an OverflowError, which is no template error)."""
    numbers = range(*args)
    if len(numbers) > RANGE_LIMIT:
        raise too_big_a_range(len(numbers))
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """lipsum() with at most MAX_LIPSUM paragraphs of at most MAX_LIPSUM words."""
    for number in (n, min, max):
        if number > MAX_LIPSUM:
            raise too_wide(number, MAX_LIPSUM)
    return generate_lorem_ipsum(n, html, min, max)


# Each filter that can grow its input, and the check of its arguments (after the value
# itself), made before it runs.
def _width(limit: int, position: int, name: str, default: Any = None) -> Callable[..., None]:
    def check(value: Any, *args: Any, **kwargs: Any) -> None:
        number = args[position] if len(args) > position else kwargs.get(name, default)
        if isinstance(number, int) and abs(number) > limit:
            raise too_wide(number, limit)

    return check


def _indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    width = kwargs.get("width", width)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = str(value)
    _check_total(len(text) + (text.count("\n") + 1) * each, "")


def _wordwrap(value: Any, width: int = 79, *args: Any, **kwargs: Any) -> None:
    wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
    width = kwargs.get("width", width)
    if isinstance(wrap, str) and isinstance(width, int):
        text = str(value)
        lines = 2 * len(text) // max(width, 1) + text.count("\n") + 2
        _check_total(len(text) + lines * len(wrap), "")


def _replace(value: Any, old: Any = "", new: Any = "", *args: Any, **kwargs: Any) -> None:
    _check_replaced(str(value), str(old), str(new))


def _join(value: Any, separator: Any = "", *args: Any, **kwargs: Any) -> None:
    if isinstance(value, list | tuple):
        _check_joined(str(kwargs.get("d", separator)), value)


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    check_printf(str(value), args or kwargs)


def _sum(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, list | tuple):
        size = 0
        for item in value:
            size += len(item) if isinstance(item, SEQUENCES) else 0
            _check_total(size, item)


FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _width(MAX_TEXT, 0, "width"),
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace,
    "join": _join,
    "format": _format,
    "batch": _width(MAX_ITEMS, 0, "linecount"),
    "slice": _width(MAX_ITEMS, 0, "slices"),
    "tojson": _width(MAX_JSON_INDENT, 0, "indent"),
    "round": _width(MAX_ROUND_DIGITS, 0, "precision"),
    "sum": _sum,
    "truncate": _width(MAX_TEXT, 0, "length"),
}


# Filters that do not turn their value into text: a long list of pages may pass through them
# (`pages|selectattr(...)|sort`) without being counted as if printed.
NOT_PRINTING = frozenset(
    prefix + name
    for prefix in ("", "do_", "sync_do_")
    for name in (
        "len",
        "abs",
        "attr",
        "batch",
        "default",
        "dictsort",
        "first",
        "groupby",
        "items",
        "last",
        "list",
        "map",
        "max",
        "min",
        "random",
        "reject",
        "rejectattr",
        "reverse",
        "select",
        "selectattr",
        "slice",
        "sort",
        "sum",
        "unique",
    )
)


def _printable(value: Any) -> Any:
    check_printable(value)
    return value


def _nothing(*args: Any, **kwargs: Any) -> None:
    """No check of a filter's arguments beyond the size of its value."""


def _checked(original: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    """The filter `original`, with `check` run on its value and arguments first and the
    size of its result checked after (it keeps Jinja's pass_context and the like)."""
    passes = getattr(original, "jinja_pass_arg", None) is not None
    printing = original.__name__ not in NOT_PRINTING

    @wraps(original)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        given = args[1:] if passes else args
        if given:
            if printing and isinstance(given[0], list | tuple | dict | set):
                check_printable(given[0])
            check(*given, **kwargs)
        result = original(*args, **kwargs)
        if isinstance(result, list | str):
            check_size(result)
        return result

    return bounded
