"""Rolefit taxonomy package."""
