"""Rolefit service package."""
