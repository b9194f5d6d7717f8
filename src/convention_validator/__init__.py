"""convention-validator: the open standard for the data clauses of French city contracts.

The standard itself (JSON Schema, SHACL shapes, JSON-LD context, OWL vocabulary) is
generated from the LinkML model in ``schema/`` and shipped in :mod:`convention_validator.standard`.
"""

from typing import TYPE_CHECKING, Any

from convention_validator.standard import STANDARD_VERSION, Standard

__version__ = "0.1.0"

if TYPE_CHECKING:
    from convention_validator.findings import FileReport, Finding, Report, Severity, Stage
    from convention_validator.validator import Validator, validate, validate_text

__all__ = [
    "STANDARD_VERSION",
    "FileReport",
    "Finding",
    "Report",
    "Severity",
    "Stage",
    "Standard",
    "Validator",
    "__version__",
    "validate",
    "validate_text",
]


def __getattr__(name: str) -> Any:
    """Import the validator lazily, so that `import convention_validator` stays cheap."""
    if name in ("validate", "validate_text", "Validator"):
        from convention_validator import validator

        return getattr(validator, name)
    if name in ("FileReport", "Finding", "Report", "Severity", "Stage"):
        from convention_validator import findings

        return getattr(findings, name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    """The public names, the lazily imported ones included (`dir(convention_validator)` shows `validate`)."""
    return sorted(set(globals()) | set(__all__))
