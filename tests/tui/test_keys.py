"""Keys that work everywhere: no action only on a key that tmux, VS Code's
terminal or macOS Terminal swallow or mangle; every binding named (footer, help,
palette and keymaps read the description and the id); escape on every screen;
j/k beside the arrows in every list."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, ListView, OptionList, Tree

import kam_tui.tui
from kam_tui.tui.screens.base import KamModal, KamScreen

# Keys that do not reach the app reliably: ctrl+j/m/i/h are newline, return,
# tab and backspace to most terminals; ctrl+s/q are flow control; ctrl+z
# suspends; ctrl/shift+enter and ctrl+arrows are eaten or rewritten by tmux,
# VS Code's terminal and macOS Terminal (which moves between words/spaces).
FRAGILE = {
    "ctrl+j",
    "ctrl+m",
    "ctrl+i",
    "ctrl+h",
    "ctrl+s",
    "ctrl+q",
    "ctrl+z",
    "ctrl+enter",
    "shift+enter",
    "alt+enter",
    "ctrl+up",
    "ctrl+down",
    "ctrl+left",
    "ctrl+right",
    "ctrl+tab",
    "ctrl+shift+tab",
    "ctrl+backspace",
    "ctrl+space",
    "ctrl+left_square_bracket",
    "ctrl+minus",
    "ctrl+plus",
}


def fragile(key: str) -> bool:
    key = key.strip().lower()
    return key in FRAGILE or key.startswith(("ctrl+shift+", "alt+", "meta+", "super+", "ctrl+alt+"))


def our_classes() -> list[type]:
    """Every App, Screen and Widget class defined in kam_tui.tui."""
    found = []
    for info in pkgutil.walk_packages(kam_tui.tui.__path__, "kam_tui.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def own_bindings(cls) -> list[Binding]:
    out = []
    for item in cls.__dict__.get("BINDINGS", []):
        out.append(item if isinstance(item, Binding) else Binding(*item))
    return out


def test_the_walk_finds_the_screens_and_panes():
    names = {c.__name__ for c in our_classes()}
    assert {
        "KamApp",
        "AccountListScreen",
        "WorkspaceScreen",
        "WelcomeScreen",
        "StakeholdersPane",
        "ScoreGrid",
        "FormScreen",
    } <= names


def test_fragile_keys_are_never_the_only_way():
    bad = []
    for cls in our_classes():
        for binding in own_bindings(cls):
            keys = [k for k in binding.key.split(",") if k.strip()]
            if all(fragile(k) for k in keys):
                bad.append(f"{cls.__name__}: {binding.key} -> {binding.action}")
    assert not bad, "only on keys terminals swallow: " + "; ".join(bad)


def test_the_fragile_check_catches_them():
    assert fragile("ctrl+s") and fragile("ctrl+enter") and fragile("ctrl+right") and fragile("alt+x")
    assert not fragile("ctrl+p") and not fragile("f2") and not fragile("j") and not fragile("shift+tab")


def test_every_binding_has_a_description_and_an_id():
    bad = []
    for cls in our_classes():
        for binding in own_bindings(cls):
            if not binding.description or not binding.id:
                bad.append(f"{cls.__name__}: {binding.key} -> {binding.action}")
    assert not bad, "; ".join(bad)


def test_binding_ids_are_unique_within_a_class():
    for cls in our_classes():
        ids = [b.id for b in own_bindings(cls)]
        assert len(ids) == len(set(ids)), cls.__name__


def _merged_keys(cls) -> set[str]:
    keys = set()
    for klass in cls.__mro__:
        for item in klass.__dict__.get("BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            keys |= {k.strip() for k in binding.key.split(",")}
    return keys


def test_escape_goes_back_on_every_screen():
    # the bases are not shown themselves: each screen built on them binds its own escape
    bases = (KamScreen, KamModal)
    screens = [c for c in our_classes() if issubclass(c, Screen) and c not in bases]
    assert len(screens) >= 10
    missing = [c.__name__ for c in screens if "escape" not in _merged_keys(c)]
    assert not missing, f"no escape: {missing}"


def test_lists_move_with_j_and_k():
    lists = [
        c
        for c in our_classes()
        if issubclass(c, (DataTable, OptionList, ListView, Tree)) or c.__name__ == "VirtualTable"
    ]
    assert lists
    missing = [c.__name__ for c in lists if not {"j", "k"} <= _merged_keys(c)]
    assert not missing, f"no j/k: {missing}"
