"""The read stage: turn a JSON-LD or YAML file into plain data with positions, or a CV00x error.

>>> from convention_validator.loaders import load_path
>>> document = load_path("examples/valid/grand-auch.jsonld")
>>> document.locate("/datasets/0/title").line
182

Codes: CV001 cannot read the path, CV002 not UTF-8, CV003 syntax, CV004 duplicate key,
CV005 top level not an object, CV006 file too large, CV007 nesting too deep,
CV008 unsafe or unsupported YAML (tags, alias bombs, non-string keys), CV009 string or number too long.
"""

from convention_validator.loaders.document import Format, LoadedDocument
from convention_validator.loaders.errors import LoadError, Position
from convention_validator.loaders.limits import Limits
from convention_validator.loaders.loading import format_for, load_path, load_text

__all__ = ["Format", "Limits", "LoadError", "LoadedDocument", "Position", "format_for", "load_path", "load_text"]
