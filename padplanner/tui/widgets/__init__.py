"""Widgets of the terminal UI that are more than a stock Textual widget."""
