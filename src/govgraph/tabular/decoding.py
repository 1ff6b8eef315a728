"""Bytes to text, deterministically: a byte-order mark, else the ``--encoding`` given, else strict UTF-8.

Windows-1258 is never guessed (almost any bytes decode as it): a file that is not UTF-8 is refused with a hint to
pass ``--encoding cp1258``. Decoded text is normalised to NFC, because Windows-1258 writes Vietnamese tone marks as
separate combining characters, and some keyboards and PDFs write decomposed text (NFD) in UTF-8 too.

>>> decode("Xã".encode("utf-16"), "f.csv"), decode(b"Xa\\xde", "f.csv", "cp1258") == "X\\u00e3"
('Xã', True)
>>> decode("Đông".encode("cp1258"), "f.csv")
Traceback (most recent call last):
...
govgraph.errors.InputError: f.csv:1: not UTF-8: byte 0xd0 cannot be decoded (pass --encoding cp1258 for a Windows-1258 file)
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from govgraph.errors import InputError, UsageError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_FAMILY = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32",
           "utf-32-be": "utf-32"}


def codec_name(encoding: str) -> str:
    """The canonical name of an encoding, or a :class:`UsageError`.

    >>> codec_name("CP1258"), codec_name("utf8")
    ('cp1258', 'utf-8')
    """
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}", hint="e.g. --encoding cp1258, utf-8 or utf-16") from None


def decoder_of(data: bytes, path: Path | str, encoding: str | None = None) -> str:
    """The codec :func:`decode` decodes ``data`` with (an :class:`InputError` where the bytes or the byte-order mark
    rule the file out before decoding).

    >>> decoder_of(b"a,b\\n", "f.csv"), decoder_of(codecs.BOM_UTF8 + b"a", "f.csv"), decoder_of(b"a", "f.csv", "CP1258")
    ('utf-8', 'utf-8-sig', 'cp1258')
    """
    bom = next(((mark, name) for mark, name in BOMS if data.startswith(mark)), None)
    name = codec_name(encoding) if encoding else "utf-8"
    if bom:
        if encoding and _FAMILY.get(name, name) != _FAMILY.get(bom[1], bom[1]):
            raise InputError(f"starts with a {bom[1].replace('-sig', '')} byte-order mark, but --encoding {encoding} "
                             "was given", path=path, hint="drop --encoding: the mark tells the encoding")
        name = bom[1]
    elif not encoding and b"\x00" in data:
        _refuse_nul(path, data[:data.index(b"\x00")].count(b"\n") + 1)
    return name


def undecodable(error: UnicodeDecodeError, path: Path | str, what: str, hint: str) -> InputError:
    """The one-line error for bytes that do not decode: ``what`` is wrong, the byte, and the line it is on.

    >>> try:
    ...     b"a\\nb\\xff".decode("utf-8")
    ... except UnicodeDecodeError as error:
    ...     print(undecodable(error, "x.csv", "not UTF-8", "save it as UTF-8"))
    x.csv:2: not UTF-8: byte 0xff cannot be decoded (save it as UTF-8)
    """
    line = error.object[:error.start].count(b"\n") + 1
    return InputError(f"{what}: byte 0x{error.object[error.start]:02x} cannot be decoded", path=path, line=line,
                      hint=hint)


def decode(data: bytes, path: Path | str, encoding: str | None = None) -> str:
    """The text of a file's bytes, NFC-normalised; an :class:`InputError` naming the line where decoding fails."""
    name = decoder_of(data, path, encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        hint = "check --encoding" if encoding else "pass --encoding cp1258 for a Windows-1258 file"
        raise undecodable(error, path, f"not {name.upper() if name.startswith('utf') else name}", hint) from None
    if "\x00" in text:
        _refuse_nul(path, text[:text.index("\x00")].count("\n") + 1)
    return unicodedata.normalize("NFC", text)


def _refuse_nul(path: Path | str, line: int):
    raise InputError("holds NUL characters: not a text file, or UTF-16 without a byte-order mark", path=path,
                     line=line, hint="save it as UTF-8, or pass --encoding utf-16-le (or utf-16-be)")


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def encode_cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters the code page has precomposed, tone marks as combining characters
    (Python's codec refuses a precomposed letter such as 'ệ', which the code page does not have).

    >>> encode_cp1258("Việt"), decode(encode_cp1258("Việt"), "f.csv", "cp1258") == "Việt"
    (b'Vi\\xea\\xf2t', True)
    """
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONE_MARKS))
            out.append((base + "".join(c for c in marks if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)
