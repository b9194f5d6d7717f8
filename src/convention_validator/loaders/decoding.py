"""Turn raw bytes (or a caller's string) into checked text: UTF-8 only, BOM stripped."""

from __future__ import annotations

from typing import NoReturn

from convention_validator.loaders import errors as e
from convention_validator.loaders.errors import LoadError, Position
from convention_validator.loaders.positions import position_after

UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32-BE"),
    (b"\xff\xfe\x00\x00", "UTF-32-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
)


def decode(raw: bytes) -> str:
    """Decode UTF-8 bytes, accepting and dropping a UTF-8 BOM; anything else is CV002."""
    skipped = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            _refuse(f"the text is {encoding}, not UTF-8", {"encoding": encoding, "offset": "0"}, Position(1, 1))
    body = raw[skipped:]
    if len(body) >= 2 and 0 in body[:2]:
        _refuse("the text looks like UTF-16 or UTF-32, not UTF-8", {"encoding": "UTF-16/32", "offset": "0"}, None)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        position = position_after(body[:start].decode("utf-8"))
        params = {"offset": str(start + skipped), "byte": f"0x{body[start]:02x}"}
        _refuse(f"invalid UTF-8 byte 0x{body[start]:02x} at byte {start + skipped}", params, position)


def check_text(text: str) -> tuple[str, int]:
    """A caller's string without its BOM, and its UTF-8 size; lone surrogates are CV002."""
    text = text.removeprefix("\ufeff")
    try:
        return text, len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        offset = len(text[: error.start].encode("utf-8", "surrogatepass"))
        params = {"offset": str(offset), "character": f"U+{ord(text[error.start]):04X}"}
        position = position_after(text[: error.start])
        _refuse("the text holds a lone surrogate, which UTF-8 cannot encode", params, position)


def _refuse(message: str, params: dict[str, str], position: Position | None) -> NoReturn:
    raise LoadError(e.NOT_UTF8, message, params=params, position=position)
