"""What every command says of a client ID that names no client: the clients there are, and
the one probably meant ("did you mean C-0142?").

A wrong case is never accepted silently: the ID names a folder, and folder names are
case-sensitive (C-0142 and c-0142 are two folders on Linux). So `c-0142` is refused, with
the ID as it is written, to type again.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from goalsheet.language.messages import _

_CLOSE = 0.8  # difflib's ratio for a typing slip in a short ID (C-0124 for C-0142: 0.83)


def no_such_client(client_id: str, known: Sequence[str]) -> str:
    """The message for an unknown `client_id`, among the `known` client folders."""
    if not known:
        return _("there is no client '{id}' (clients: none yet)").format(id=client_id)
    listed = ", ".join(known)
    match = meant(client_id, known)
    if match is not None and match.casefold() == client_id.casefold():
        # NOTE: {id} was typed in the wrong case, e.g. c-0142 for C-0142.
        text = _(
            "there is no client '{id}': did you mean {match}? (IDs are case-sensitive; "
            "clients: {known})"
        )
    elif match is not None:
        # NOTE: {id} is close to a client's ID, e.g. C-0124 for C-0142.
        text = _("there is no client '{id}': did you mean {match}? (clients: {known})")
    else:
        text = _("there is no client '{id}' (clients: {known})")
    return text.format(id=client_id, match=match, known=listed)


def meant(client_id: str, known: Sequence[str]) -> str | None:
    """The known ID probably meant: the same but for case; else one slip away (a letter
    wrong, missing, extra, or two swapped); else the closest by difflib; else None."""
    folded = client_id.casefold()
    same = [name for name in known if name.casefold() == folded]
    if same:
        return same[0]
    slips = [name for name in known if _one_slip(folded, name.casefold())]
    if slips:
        return slips[0]
    by_fold = {name.casefold(): name for name in known}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=_CLOSE)
    return by_fold[close[0]] if close else None


def _one_slip(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            return True
        first, *rest = differ
        return rest == [first + 1] and a[first] == b[first + 1] and a[first + 1] == b[first]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
