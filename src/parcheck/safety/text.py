"""Text from plan and metrics files, file names and options is data: one function per kind
of output makes it safe there (terminal, Markdown, YAML, iCalendar, validate's formats,
JSON, XML), and nothing else escapes text on its own. What plan text may hold at all is
defined here too (`forbidden`)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


class _Lazy:
    """A regular expression compiled when first used: compiling all of them cost a cold run
    some 5 ms, and most runs use two or three."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def re(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled


# Terminal escape sequences, removed whole so that no half of one shows as text: CSI (ESC [
# or its C1 byte), the string sequences (OSC, DCS, SOS, PM, APC) up to their terminator or
# the end of the line, and the other ESC sequences (charset, reset, …).
_SEQUENCE = _Lazy(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Unicode's bidirectional embeddings, overrides and isolates: they reorder what a reader
# sees (U+202E shows "gnp.exe" for "exe.png"). The marks U+200E/U+200F do not, and stay.
BIDI = "\u202a-\u202e\u2066-\u2069"
# What plan and metrics text may not hold (refused at validate time), and what no output
# receives: C0 controls but tab and newline (CR included), DEL, C1 controls, bidi controls.
FORBIDDEN = _Lazy(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI}]")
_SURROGATE = _Lazy("[\\ud800-\\udfff]")  # from undecodable file names (surrogateescape)
_UNSAFE = _Lazy(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI}\\ud800-\\udfff]")

# the controls' names, as messages give them
_C0 = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
)
_C1 = (
    "PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 "
    "DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC"
)


def describe(char: str) -> str:
    """A character as a message names it: `U+001B (ESC)`, `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    code = ord(char)
    if code < 0x20:
        name = _C0.split()[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = _C1.split()[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def forbidden(text: str) -> str | None:
    """The first character of `text` that plan and metrics text may not hold, if any."""
    found = FORBIDDEN.re.search(text)
    return found.group() if found else None


def is_bidi(char: str) -> bool:
    return "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"


# --- terminal ---------------------------------------------------------------------------


def terminal(text: str) -> str:
    """Text a terminal shows as it is: escape sequences removed whole; CR and CR LF turned
    into line breaks; other controls, DEL, C1 and bidi controls removed; a lone surrogate
    (from an undecodable file name) shown as U+FFFD. Newlines and tabs stay."""
    if _UNSAFE.re.search(text) is None:
        return text
    text = _SEQUENCE.re.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.re.sub("\ufffd", FORBIDDEN.re.sub("", text))


def one_line(text: str) -> str:
    """`terminal(text)` on one line: every run of white space (newlines, the Unicode line
    and paragraph separators, tabs) folded to one space. A terminal table cell, a line of a
    log, a message."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common case, 4x faster: every control and odd space is unprintable
    return " ".join(terminal(text).split())


# A line GitHub Actions (and Azure Pipelines) read as a workflow command: `::cmd::` or the
# older `##[cmd]`, after leading white space.
_COMMAND = _Lazy(r"^[^\S\n]*(?:::|##\[)", re.MULTILINE)
_ZWSP = "\u200b"


def starts_command(line: str) -> bool:
    """Whether a CI runner would read `line` as a workflow command."""
    return _COMMAND.re.match(line) is not None


def no_commands(text: str) -> str:
    """`text` (rendered output, several lines) where no line can be a workflow command: a
    line that would start with `::` or `##[` gets an invisible zero-width space in front;
    the runner prints it as text and a reader sees the same line."""
    return _COMMAND.re.sub(lambda m: _ZWSP + m.group(), text)


def log_line(text: str) -> str:
    """One line of a plain-text log (validate's text format, messages on stderr): one line,
    and never a workflow command, whatever a value or a file name holds."""
    return no_commands(one_line(text))


# --- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = _Lazy(r"([\\`*_\[\]|#~$])")


def markdown(text: str) -> str:
    """Text safe inside Markdown where the program's own words begin the line (a table cell,
    a heading, a labelled line): one line, no HTML (`&` and `<` as entities), and the
    characters Markdown gives a meaning escaped (pipes, emphasis, code spans, links, `#`,
    strike-through, math)."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.re.sub(r"\\\1", text)


# --- YAML -------------------------------------------------------------------------------

# Characters a YAML file may not hold at all, even in a comment (PyYAML and libyaml refuse
# the file), once `terminal` has removed the controls: the noncharacters U+FFFE and U+FFFF.
_YAML_UNPRINTABLE = _Lazy("[\ufffe\uffff]")


def yaml_comment(text: str) -> str:
    """Text for after a `# ` in a YAML file: one line (YAML also breaks lines at U+0085,
    U+2028 and U+2029, which are folded too) and nothing a YAML reader refuses, so a
    comment can neither end early nor make the file unreadable."""
    return _YAML_UNPRINTABLE.re.sub("", one_line(text))


_YAML_PLAIN = _Lazy(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_YAML_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_YAML_QUOTE = _Lazy(
    f'[\\\\"\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI}\\ufeff\\ufffe\\uffff\\ud800-\\udfff]'
)


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _YAML_ESCAPES:
        return _YAML_ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        return "\\uFFFD"
    return f"\\x{ord(char):02X}" if ord(char) < 0x100 else f"\\u{ord(char):04X}"


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly this string: plain when it is a
    simple word YAML reads as a string (`kh2024`, `VI.3`), otherwise double-quoted with every
    control, line break and bidi control escaped (`yes`, `0x1f`, `2024-01-01` and `null`
    are quoted, since YAML would read them as other types)."""
    if _YAML_PLAIN.re.match(text):
        import yaml

        if yaml.safe_load(text) == text:  # not a number, boolean, null or date
            return text
    return '"' + _YAML_QUOTE.re.sub(_yaml_escape, text) + '"'


# --- iCalendar --------------------------------------------------------------------------


def ics_text(text: str) -> str:
    """An RFC 5545 TEXT value: controls removed (CR, bare or in CR LF, is a line break),
    then backslash, semicolon, comma and line breaks escaped. Folding is the writer's."""
    text = terminal(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


# --- validate's formats -----------------------------------------------------------------


def github_data(text: str) -> str:
    """The message of a GitHub Actions workflow command: one line, without terminal escapes
    (the log viewer renders them), `%`, CR and LF escaped as the runner unescapes them."""
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=…`): as `github_data`, and the `:` and
    `,` that would end the property escaped too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_JSON_ESCAPE = _Lazy(f"[\\x7f-\\x9f\\u2028\\u2029{BIDI}\\ud800-\\udfff]")


def json_document(value: Any, indent: int | None = None) -> str:
    """`value` as JSON text, readable (non-ASCII letters as they are) and safe: json escapes
    C0 controls itself; DEL, C1 and bidi controls, the line separators JavaScript breaks on,
    and lone surrogates (an undecodable file name) are written as \\u escapes, so the text
    is valid UTF-8 and shows nothing raw when printed. Without `indent`, json's C encoder
    writes it (fast for a province-size plan). NaN and infinities, which JSON has not, are
    a ValueError, never `NaN` or `Infinity` in the output (the readers refuse them first)."""
    import json

    out = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    if _JSON_ESCAPE.re.search(out) is None:
        return out
    return _JSON_ESCAPE.re.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = _Lazy("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Character data of an XML element (JUnit, SARIF-in-XML, HTML): controls removed as for
    a terminal, characters XML forbids dropped, `&`, `<`, `>` and both quotes escaped."""
    text = _XML_ILLEGAL.re.sub("", terminal(text)).replace("&", "&amp;")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&apos;")


def xml_attribute(text: str) -> str:
    """An XML attribute value: as `xml_text`, and line breaks and tabs as character
    references, which an XML reader would otherwise turn into spaces."""
    return xml_text(text).replace("\n", "&#10;").replace("\t", "&#9;")
