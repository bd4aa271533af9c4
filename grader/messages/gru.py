"""Texts of the checks of module gru."""

MECHANISMS = {
}

HINTS = {
}
