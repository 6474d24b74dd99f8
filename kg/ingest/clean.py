"""Blank out page furniture (address blocks, share and cookie lines, bylines, credits).

Cleaning keeps the text's length: furniture is replaced by spaces, so
character offsets into the cleaned text are offsets into the source file.
`ontology/furniture.txt` holds the patterns; its header describes the format:
line patterns blank a whole line (optionally only lines up to a length, or
lines that do not end as a sentence does), prefix patterns blank furniture
that opens a line of prose, tail patterns blank a closing block (contacts).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError

_DIRECTIVE = "#!"
_SECTION = re.compile(r"line(?:\s+(?P<limit>[1-9]\d*))?(?P<no_stop>\s+no-stop)?"
                      r"|tail(?:\s+(?P<tail_limit>[1-9]\d*))?|prefix")
_DEFINE = re.compile(r"define\s+([A-Z][A-Z0-9_]*)\s+(\S.*)")
_PLACEHOLDER = re.compile(r"(?<!\\)\{([A-Z][A-Z0-9_]*)\}")
_STOPS = ".!?"
_CLOSERS = "\"'”’)]»"


@dataclass(frozen=True)
class Furniture:
    """The furniture patterns of a data file.

    `lines` fully match a furniture line. For each of them, `limits` gives the
    longest (stripped) line it applies to (None: any), and `no_stop` whether it
    applies only to lines that do not end as a sentence does. `prefixes` match
    furniture that opens a line of prose. `tails` fully match the label that
    opens a closing block (a press release's contacts), blanked to the end of
    the article when no line after the label is a sentence or longer than its
    `tail_limits`.
    """

    lines: tuple[re.Pattern, ...]
    limits: tuple[int | None, ...] = ()
    no_stop: tuple[bool, ...] = ()
    prefixes: tuple[re.Pattern, ...] = ()
    tails: tuple[re.Pattern, ...] = ()
    tail_limits: tuple[int | None, ...] = ()
    # combined regexes, made once: hashing the patterns to look them up in a cache costs more than matching
    matchers: "_Matchers" = field(init=False, repr=False, compare=False)
    prefix: re.Pattern | None = field(init=False, repr=False, compare=False)
    tail_matchers: "_Matchers" = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        for name, patterns, default in (("limits", self.lines, None), ("no_stop", self.lines, False),
                                        ("tail_limits", self.tails, None)):
            if not getattr(self, name):
                object.__setattr__(self, name, (default,) * len(patterns))
            if len(getattr(self, name)) != len(patterns):
                raise ValueError(f"Furniture.{name} needs one value a pattern")
        object.__setattr__(self, "matchers", _line_matchers(self.lines, self.limits, self.no_stop))
        object.__setattr__(self, "prefix", _any_of(self.prefixes) if self.prefixes else None)
        object.__setattr__(self, "tail_matchers",
                           _line_matchers(self.tails, self.tail_limits, (False,) * len(self.tails)))


def _any_of(patterns: Iterable[re.Pattern]) -> re.Pattern:
    """One regex that matches when one of `patterns` does: one look-up per line, not one per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)", re.IGNORECASE)


_Matchers = tuple[tuple[int | None, bool, re.Pattern], ...]


def _line_matchers(lines: tuple[re.Pattern, ...], limits: tuple[int | None, ...],
                   no_stop: tuple[bool, ...]) -> _Matchers:
    """One regex per kind of section (length limit, no-stop), the unlimited first: each line meets only its own."""
    sections = sorted(set(zip(limits, no_stop)), key=lambda s: (s[0] is not None, -(s[0] or 0), s[1]))
    return tuple((limit, stop, _any_of(p for p, n, s in zip(lines, limits, no_stop) if (n, s) == (limit, stop)))
                 for limit, stop in sections)


def _expand(pattern: str, defines: dict[str, str], where: str) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in defines:
            raise OntologyError(f"{where}: undefined {{{name}}}")
        return f"(?:{defines[name]})"

    return _PLACEHOLDER.sub(value, pattern)


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise OntologyError(f"{where}: bad pattern: {exc}") from None


@lru_cache(maxsize=4)
def load_furniture(path: Path = ONTOLOGY_DIR / "furniture.txt") -> Furniture:
    """Compile a furniture file: `#!` directives set the kind of the patterns below them, or define a name."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"cannot read furniture patterns {path}: {exc.strerror}") from None
    found: dict[str, list[tuple[re.Pattern, int | None, bool]]] = {"line": [], "prefix": [], "tail": []}
    defines: dict[str, str] = {}
    kind, limit, no_stop = "line", None, False
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{number}"
        if line.startswith(_DIRECTIVE):
            directive = line[len(_DIRECTIVE):].strip()
            if section := _SECTION.fullmatch(directive):
                kind, number_text = directive.split()[0], section["limit"] or section["tail_limit"]
                limit, no_stop = int(number_text) if number_text else None, bool(section["no_stop"])
            elif define := _DEFINE.fullmatch(directive):
                value = _expand(define.group(2).strip(), defines, where)
                _compile(value, where)
                defines[define.group(1)] = value
            else:
                raise OntologyError(f"{where}: unknown directive {line!r} "
                                    "(#! line [N] [no-stop], #! prefix, #! tail [N] or #! define NAME regex)")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        found[kind].append((_compile(_expand(line, defines, where), where), limit, no_stop))
    lines, prefixes, tails = found["line"], found["prefix"], found["tail"]
    return Furniture(lines=tuple(p for p, _, _ in lines), limits=tuple(n for _, n, _ in lines),
                     no_stop=tuple(s for _, _, s in lines), prefixes=tuple(p for p, _, _ in prefixes),
                     tails=tuple(p for p, _, _ in tails), tail_limits=tuple(n for _, n, _ in tails))


def furniture_patterns(path: Path = ONTOLOGY_DIR / "furniture.txt") -> tuple[re.Pattern, ...]:
    """The line patterns of a furniture file (a line one of them fully matches is furniture)."""
    return load_furniture(path).lines


def _ends_sentence(line: str, start: int, end: int) -> bool:
    """True when line[start:end] ends with . ! or ?, perhaps followed by closing quotes or brackets."""
    while end > start and line[end - 1] in _CLOSERS:
        end -= 1
    return end > start and line[end - 1] in _STOPS


def _is_furniture(line: str, start: int, end: int, matchers: _Matchers) -> bool:
    """True when line[start:end] (stripped, not empty) is fully matched by a line pattern that applies to it."""
    length, stopped = end - start, None
    for limit, no_stop, regex in matchers:
        if limit is not None and length > limit:
            continue
        if no_stop:
            if stopped is None:
                stopped = _ends_sentence(line, start, end)
            if stopped:
                continue
        if regex.fullmatch(line, start, end):
            return True
    return False


def _furniture(patterns: Iterable[re.Pattern] | Furniture | None) -> Furniture:
    if patterns is None:
        return load_furniture()
    return patterns if isinstance(patterns, Furniture) else Furniture(lines=tuple(patterns))


def is_furniture(line: str, patterns: Iterable[re.Pattern] | Furniture) -> bool:
    """True when a whole line is page furniture rather than article prose."""
    stripped = line.strip()
    return bool(stripped) and _is_furniture(stripped, 0, len(stripped), _furniture(patterns).matchers)


def _blank_line(line: str, matchers: _Matchers, prefix: re.Pattern | None) -> str:
    """The line with its furniture blanked: all of it, or the furniture prefixes that open it."""
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    if start >= end:
        return line
    if _is_furniture(line, start, end, matchers):
        return " " * len(line)
    if prefix is None:
        return line
    rest = start
    while rest < end and (match := prefix.match(line, rest, end)) and match.end() > rest:
        rest = match.end()
        while rest < end and line[rest].isspace():
            rest += 1
    if rest == start:
        return line
    if rest == end or _is_furniture(line, rest, end, matchers):
        return " " * len(line)
    return " " * rest + line[rest:]


def _tail_start(lines: list[str], cleaned: list[str], furniture: Furniture) -> int:
    """Where the article's closing block starts (its label's line), else len(lines).

    Walks up from the end over (cleaned) lines that are not sentences, while
    they are short enough for some tail pattern; the topmost label whose limit
    covers every line below it wins. A sentence below a label keeps it open.
    """
    widest = None if None in furniture.tail_limits else max(furniture.tail_limits, default=0)
    start, longest = len(lines), 0
    for i in range(len(lines) - 1, -1, -1):
        if widest is not None and longest > widest:
            break
        label = lines[i].strip()
        if label and any((limit is None or longest <= limit) and regex.fullmatch(label)
                         for limit, _, regex in furniture.tail_matchers):
            start = i
        kept = cleaned[i].strip()
        if kept and _ends_sentence(kept, 0, len(kept)):
            break
        longest = max(longest, len(kept))
    return start


def blank_furniture(text: str, *, patterns: Iterable[re.Pattern] | Furniture | None = None) -> str:
    """Replace furniture by spaces, keeping offsets and newlines.

    `patterns` is a `Furniture`, or bare line patterns; the default is `ontology/furniture.txt`.

    >>> blank_furniture("Share this article\\nThe NCA said.")
    '                  \\nThe NCA said.'
    """
    furniture = _furniture(patterns)
    matchers, prefix = furniture.matchers, furniture.prefix
    lines = text.split("\n")
    cleaned = [_blank_line(line, matchers, prefix) for line in lines]
    if furniture.tails:
        for i in range(_tail_start(lines, cleaned, furniture), len(lines)):
            cleaned[i] = " " * len(lines[i])
    return "\n".join(cleaned)


def normalise_space(text: str) -> str:
    """Turn non-breaking and other odd spaces into plain spaces (same length)."""
    return re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]", " ", text)


def clean(text: str) -> str:
    """The cleaner the builder uses: odd spaces, then furniture."""
    return blank_furniture(normalise_space(text))
