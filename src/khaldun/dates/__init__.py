"""Dates: expressions resolved against the publication date, with a precision."""
