"""Places: an offline gazetteer and the resolution of place mentions against it."""
