"""Lantern: a static site generator for awareness organisations."""
