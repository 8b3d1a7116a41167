"""Plain functions over a Session, one module per part of the plan.

Conventions every service follows:
- the first argument is a `Session`; no Textual import anywhere in this package;
- input is checked before anything is written, and a bad value raises
  `ValidationError(field, reason)`, whose message names the field and the reason;
- a function that changes data is one accepted edit: it commits before it
  returns, so an edit is saved the moment the user accepts it.
"""
