"""Plural rules of gettext, compared by what they compute, not by how they are spelled.

A catalog's ``Plural-Forms`` header (``nplurals=3; plural=(n==1 ? 0 : …);``)
is a C expression of ``n``. GNU gettext, Babel and other tools spell the same
rule differently (Babel 2.19 writes Polish as ``n == 1 ? 0 : … (n % 100 < 12
|| n % 100 > 14) ? 1 : 2``, GNU as ``… (n%100<10 || n%100>=20) ? 1 : 2``), so a
header is checked by evaluating both rules for every ``n`` in
:data:`SAMPLE` and comparing the forms they give.

The expression is parsed here, never evaluated by Python: the grammar is GNU
gettext's (``plural.y``): ``?:``, ``||``, ``&&``, ``==``, ``!=``, ``<``,
``<=``, ``>``, ``>=``, ``+``, ``-``, ``*``, ``/``, ``%``, ``!``, parentheses,
``n`` and decimal integers, with C's precedence and unsigned arithmetic.
Nesting deeper than :data:`MAX_DEPTH`, a literal larger than :data:`MAX_NUMBER`
and an expression longer than :data:`MAX_LENGTH` characters are refused.

>>> gnu = parse_plural_forms("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
>>> babel = parse_plural_forms("nplurals=3; plural=n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;")
>>> first_difference(gnu, babel) is None
True
>>> first_difference(gnu, parse_plural_forms("nplurals=2; plural=(n != 1);"))
0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

__all__ = [
    "PluralRule",
    "PluralRuleError",
    "parse_plural_forms",
    "parse_expression",
    "first_difference",
    "SAMPLE",
]

MAX_DEPTH = 64
MAX_NUMBER = 2**32 - 1
MAX_LENGTH = 1000
_MASK = 2**64 - 1  # unsigned long arithmetic, as GNU gettext evaluates

#: Every n a rule is compared at: each rule's cycle (a period of 100 or 1000 at
#: most in CLDR) many times over, and large values around powers of ten.
SAMPLE: tuple[int, ...] = tuple(range(0, 10001)) + tuple(
    value + delta for value in (10**5, 10**6, 10**7, 10**9) for delta in range(0, 102)
)


class PluralRuleError(ValueError):
    """A ``Plural-Forms`` value or expression that is not valid."""


class PluralRule(NamedTuple):
    """A parsed ``Plural-Forms`` header: the number of forms and the rule."""

    nplurals: int
    expression: str
    evaluate: Callable[[int], int]

    def forms(self, sample: Iterable[int] = SAMPLE) -> list[int]:
        return [self.evaluate(n) for n in sample]


_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_BINARY = [  # lowest precedence first, as in C
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "/", "%"),
]


def _tokens(text: str) -> list[str | int]:
    tokens: list[str | int] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise PluralRuleError(
                f"unexpected {text[position:].strip()[:20]!r} at character {position + 1}"
            )
        number, variable, operator = match.groups()
        if number is not None:
            if len(number) > 10 or int(number) > MAX_NUMBER:
                raise PluralRuleError(f"number {number[:20]} is too large")
            tokens.append(int(number))
        else:
            tokens.append(variable or operator)
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str | int]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | int | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str | int:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise PluralRuleError(
                f"expected {expected or 'more'!r}, found "
                f"{'the end' if token is None else repr(token)}"
            )
        self.position += 1
        return token

    def expression(self) -> Callable[[int], int]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise PluralRuleError(f"nested more than {MAX_DEPTH} levels deep")
        condition = self.binary(0)
        if self.peek() == "?":
            self.take("?")
            then = self.expression()
            self.take(":")
            otherwise = self.expression()
            self.depth -= 1
            return lambda n: then(n) if condition(n) else otherwise(n)
        self.depth -= 1
        return condition

    def binary(self, level: int) -> Callable[[int], int]:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            operator = self.take()
            right = self.binary(level + 1)
            left = _combine(str(operator), left, right)
        return left

    def unary(self) -> Callable[[int], int]:
        token = self.peek()
        if token == "!":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise PluralRuleError(f"nested more than {MAX_DEPTH} levels deep")
            operand = self.unary()
            self.depth -= 1
            return lambda n: int(not operand(n))
        if token == "(":
            self.take()
            inner = self.expression()
            self.take(")")
            return inner
        if token == "n":
            self.take()
            return lambda n: n
        if isinstance(token, int):
            self.take()
            return lambda n: token
        raise PluralRuleError(
            f"expected n, a number or '(', found {'the end' if token is None else repr(token)}"
        )


def _divide(a: int, b: int) -> int:
    if b == 0:
        raise PluralRuleError("division by zero")
    return a // b


def _modulo(a: int, b: int) -> int:
    if b == 0:
        raise PluralRuleError("division by zero")
    return a % b


_OPERATORS: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: (a + b) & _MASK,
    "-": lambda a, b: (a - b) & _MASK,
    "*": lambda a, b: (a * b) & _MASK,
    "/": _divide,
    "%": _modulo,
}


def _combine(
    operator: str, left: Callable[[int], int], right: Callable[[int], int]
) -> Callable[[int], int]:
    if operator == "||":  # C evaluates the right side only when it must
        return lambda n: int(bool(left(n)) or bool(right(n)))
    if operator == "&&":
        return lambda n: int(bool(left(n)) and bool(right(n)))
    function = _OPERATORS[operator]
    return lambda n: function(left(n), right(n))


def parse_expression(text: str) -> Callable[[int], int]:
    """The function of ``n`` that a C plural expression computes.

    >>> parse_expression("n%10==1 && n%100!=11 ? 0 : 1")(21)
    0
    >>> parse_expression("n; import os")
    Traceback (most recent call last):
    ...
    glossary.plurals.PluralRuleError: unexpected '; import os' at character 2
    """
    if len(text) > MAX_LENGTH:
        raise PluralRuleError(f"longer than {MAX_LENGTH} characters")
    parser = _Parser(_tokens(text))
    function = parser.expression()
    if parser.peek() is not None:
        rest = parser.tokens[parser.position]
        raise PluralRuleError(f"unexpected {rest!r} after the expression")
    return function


_HEADER = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.*?)\s*;?\s*\Z", re.S)


def parse_plural_forms(value: str) -> PluralRule:
    """Parse a ``Plural-Forms`` header value; :class:`PluralRuleError` if invalid.

    >>> rule = parse_plural_forms("nplurals=2; plural=(n != 1);")
    >>> rule.nplurals, rule.evaluate(1), rule.evaluate(5)
    (2, 0, 1)
    """
    match = _HEADER.match(value or "")
    if match is None:
        raise PluralRuleError("expected 'nplurals=N; plural=EXPRESSION;'")
    nplurals = int(match.group(1)[:4])
    if not 1 <= nplurals <= 100:
        raise PluralRuleError(f"nplurals={match.group(1)[:10]} is out of range")
    return PluralRule(nplurals, match.group(2), parse_expression(match.group(2)))


def first_difference(
    actual: PluralRule, expected: PluralRule, sample: Iterable[int] = SAMPLE
) -> int | None:
    """The first n of ``sample`` where the two rules give different forms, or None.

    A rule that gives a form outside ``0 .. nplurals-1`` differs there too.
    """
    for n in sample:
        try:
            form = actual.evaluate(n)
        except PluralRuleError:
            return n
        if form != expected.evaluate(n) or not 0 <= form < actual.nplurals:
            return n
    return None
