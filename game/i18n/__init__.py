"""Translations: every player-visible string has a stable id; locale files attach translations to those ids."""
