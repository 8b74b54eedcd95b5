"""Ingestion: readers for every input kind, and cleaning of outlet boilerplate."""
