"""The YAML parser's own words, said in each language.

libyaml names what stopped it ("did not find expected key") and what it was doing ("while
parsing a block mapping"). Its phrases are a fixed set, every one of them listed here (read
from libyaml's sources and its Cython composer), so a file that does not parse is explained
on a Chinese site in Chinese too. A phrase a later libyaml adds stays English: it is still
said, inside a translated sentence.
"""

from __future__ import annotations

from .said import Message, say

PARSE_ERROR = "YAML syntax error"  # how the parser's errors start (slips explain them)

_PHRASES = (
    # what stopped the parser
    say("block sequence entries are not allowed in this context"),
    say("control characters are not allowed"),
    say("incomplete UTF-8 octet sequence"),
    say("invalid Unicode character"),
    say("invalid leading UTF-8 octet"),
    say("invalid length of a UTF-8 sequence"),
    say("invalid trailing UTF-8 octet"),
    say("invalid YAML"),
    say("could not find expected ':'"),
    say("could not find expected directive name"),
    say("did not find URI escaped octet"),
    say("did not find expected '!'"),
    say("did not find expected ',' or ']'"),
    say("did not find expected ',' or '}}'"),
    say("did not find expected '-' indicator"),
    say("did not find expected <document start>"),
    say("did not find expected <stream-start>"),
    say("did not find expected alphabetic or numeric character"),
    say("did not find expected comment or line break"),
    say("did not find expected digit or '.' character"),
    say("did not find expected hexdecimal number"),
    say("did not find expected key"),
    say("did not find expected node content"),
    say("did not find expected tag URI"),
    say("did not find expected version number"),
    say("did not find expected whitespace"),
    say("did not find expected whitespace or line break"),
    say("did not find the expected '>'"),
    say("found a tab character that violates indentation"),
    say("found a tab character where an indentation space is expected"),
    say("found an incorrect leading UTF-8 octet"),
    say("found an incorrect trailing UTF-8 octet"),
    say("found an indentation indicator equal to 0"),
    say("found character that cannot start any token"),
    say("found duplicate %TAG directive"),
    say("found duplicate %YAML directive"),
    say("found extremely long version number"),
    say("found incompatible YAML document"),
    say("found invalid Unicode character escape code"),
    say("found undefined alias"),
    say("found undefined tag handle"),
    say("found unexpected ':'"),
    say("found unexpected document indicator"),
    say("found unexpected end of stream"),
    say("found unexpected non-alphabetical character"),
    say("found unknown directive name"),
    say("found unknown escape character"),
    say("mapping keys are not allowed in this context"),
    say("mapping values are not allowed in this context"),
    # what it was doing ("while " dropped)
    say("increasing block level"),
    say("increasing flow level"),
    say("parsing a %TAG directive"),
    say("parsing a block collection"),
    say("parsing a block mapping"),
    say("parsing a block node"),
    say("parsing a flow mapping"),
    say("parsing a flow node"),
    say("parsing a flow sequence"),
    say("parsing a node"),
    say("parsing a quoted scalar"),
    say("parsing a tag"),
    say("parsing a tag directive"),
    say("scanning a %TAG directive"),
    say("scanning a %YAML directive"),
    say("scanning a block scalar"),
    say("scanning a directive"),
    say("scanning a plain scalar"),
    say("scanning a quoted scalar"),
    say("scanning a simple key"),
    say("scanning a tag"),
    say("scanning a tag directive"),
    say("scanning an alias"),
    say("scanning an anchor"),
    say("scanning for the next token"),
)
_KNOWN = {str(phrase): phrase for phrase in _PHRASES}


def phrase(text: str) -> str:
    """libyaml's phrase as a message the site can translate, or as it is when unknown."""
    return _KNOWN.get(text, text)


def parse_error(problem: str | None, context: str | None, started: int | None) -> Message:
    """A parser error as the checker says it: what stopped the parser, what it was doing and
    the line where that began (`started`, when the parser knows it)."""
    if context == "found duplicate anchor; first occurrence":
        return say(
            "YAML syntax error: an anchor ('&name') is defined twice, first at line {line}",
            line=started or "?",
        )
    if context == "expected a single document in the stream":
        return say(
            "YAML syntax error: a second document ('---') follows the first; an OKR file "
            "holds one document"
        )
    if problem and context:
        doing = phrase(context.removeprefix("while "))
        if started is not None:
            return say(
                "YAML syntax error: {problem} ({doing} started at line {line})",
                problem=phrase(problem),
                doing=doing,
                line=started,
            )
        return say("YAML syntax error: {problem} ({doing})", problem=phrase(problem), doing=doing)
    return say("YAML syntax error: {problem}", problem=phrase(problem or context or "invalid YAML"))
