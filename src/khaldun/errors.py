"""khaldun's exceptions.

KhaldunError
├── InputError (ValueError)        a bad input item or option: the message says what and how to fix it
│   ├── FetchError                 a URL that could not be fetched
│   └── ExtractTimeout (TimeoutError) a page whose extraction ran past [fetch] extract_timeout_s
├── KnowledgeError (ValueError)    a data file that fails its schema: file, entry and field located
├── ConfigError (ValueError)       configuration that names an unknown stage, model or value
├── ModelNotInstalled (ImportError) the spaCy pipeline named in the configuration is not installed
├── MissingExtra (ImportError)     an optional extra (Dask) that a command needs is not installed
└── StoreError                     the store could not be opened or written
"""

from __future__ import annotations


class KhaldunError(Exception):
    """Base of every error khaldun raises on purpose."""


class InputError(KhaldunError, ValueError):
    """A bad input item or option."""


class FetchError(InputError):
    """A URL could not be fetched."""


class ExtractTimeout(InputError, TimeoutError):
    """Extracting a page's article took longer than the per-page limit."""


class KnowledgeError(KhaldunError, ValueError):
    """A knowledge file failed validation; the message locates the entry and field."""


class ConfigError(KhaldunError, ValueError):
    """Configuration names something unknown."""


class ModelNotInstalled(KhaldunError, ImportError):
    """The configured spaCy pipeline is not installed."""


class MissingExtra(KhaldunError, ImportError):
    """An optional extra is not installed; the message gives the pip command."""


class StoreError(KhaldunError):
    """The store could not be opened or written."""
