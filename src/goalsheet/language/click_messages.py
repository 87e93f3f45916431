"""click's own messages ("Usage:", "Error:", "Missing option"...) in the person's language.

click looks its messages up with the standard library's gettext in the global "messages"
domain, which goalsheet does not use. Each click module holds that function under the names
`_` and `ngettext`; pointing them at goalsheet's catalogue (which carries click's messages
in locales/<language>/LC_MESSAGES/click.po, kept by `make messages`) makes usage errors
and --help read in the same language as everything else.
"""

from __future__ import annotations

import importlib

from goalsheet.language import messages

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
)


def route_click_messages() -> None:
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = messages.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = messages.ngettext  # type: ignore[attr-defined]
