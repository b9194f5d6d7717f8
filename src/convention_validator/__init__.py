"""convention-validator: the open standard for the data clauses of French city contracts.

The standard itself (JSON Schema, SHACL shapes, JSON-LD context, OWL vocabulary) is
generated from the LinkML model in ``schema/`` and shipped in :mod:`convention_validator.standard`.
"""

from convention_validator.standard import STANDARD_VERSION, Standard

__version__ = "0.1.0"

__all__ = ["STANDARD_VERSION", "Standard", "__version__"]
