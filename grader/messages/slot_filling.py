"""Texts of the checks of module slot_filling."""

MECHANISMS = {
}

HINTS = {
}
