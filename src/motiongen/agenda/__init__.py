"""Motions someone else wrote: importing them, amending them, tracked changes."""
