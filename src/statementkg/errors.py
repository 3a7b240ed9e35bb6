"""The exception hierarchy of statementkg: one root, one subclass per kind of failure.

    StatementKGError            root; the CLI turns it into one ``Error: ...`` line, exit 2
    ├── InputError              a statement file, corrections file or option value is unusable
    ├── OntologyError           the ontology or shapes cannot be loaded
    ├── QueryError              a saved query is missing, malformed, or given bad parameters
    ├── StoreError              a store or SPARQL endpoint cannot be read or written
    └── LinkError               an open-data endpoint cannot be reached or answers nonsense

Every message says what went wrong, where (``file:line`` or an IRI) and how to fix it.
Non-conformance found by validation is not an error: ``validate()`` returns a report.
"""

from __future__ import annotations


class StatementKGError(Exception):
    """Root of every expected failure; ``str(exc)`` is the whole user-facing message."""


class InputError(StatementKGError):
    """A statement file, corrections file or option value cannot be used."""


class OntologyError(StatementKGError):
    """The ontology, shapes or rules cannot be loaded."""


class QueryError(StatementKGError):
    """A saved query is missing, does not parse, or was given bad parameters."""


class StoreError(StatementKGError):
    """A graph file, store or SPARQL endpoint cannot be read or written."""


class LinkError(StatementKGError):
    """An open-data endpoint could not be reached or answered unexpectedly."""
