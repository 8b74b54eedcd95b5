"""Actors: a curated dictionary, and resolution of the mentions in an article against it."""
