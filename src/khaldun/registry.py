"""Registries of readers, stages and exporters (catalogue, as spaCy does).

khaldun's own implementations register here exactly as a third party's would; a package can
also expose them through the ``khaldun_stages`` / ``khaldun_readers`` / ``khaldun_exporters``
entry points.
"""

from __future__ import annotations

import catalogue

readers = catalogue.create("khaldun", "readers", entry_points=True)
stages = catalogue.create("khaldun", "stages", entry_points=True)
exporters = catalogue.create("khaldun", "exporters", entry_points=True)
