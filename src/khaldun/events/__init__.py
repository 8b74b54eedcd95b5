"""Events: the PLOVER ontology as data, trigger rules over the dependency parse, status."""
