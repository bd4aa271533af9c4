"""Texts of the checks of module gradients."""

MECHANISMS = {
}

HINTS = {
}
