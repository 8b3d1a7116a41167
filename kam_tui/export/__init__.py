"""Markdown export of account plans. No Textual here."""
