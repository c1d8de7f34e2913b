"""Rolefit worker package."""
