"""Rolefit models package."""
