"""Texts of the checks of module lstm."""

MECHANISMS = {
}

HINTS = {
}
