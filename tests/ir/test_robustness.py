"""Whatever text a user hands the parser and verifier, they answer with ParseError or VerificationError.

Seeded mutations of the every-op module: random character edits (mostly
syntax errors) and consistent type, integer and op-name swaps (mostly
type-rule errors). Anything else escaping would be a crash of the compiler.
"""
import random
import re
from pathlib import Path

from pantile.ir import print_module
from pantile.ir.parser import ParseError, parse_module
from pantile.ir.verifier import VerificationError, verify

TEXT = (Path(__file__).parent / "data" / "all_ops.ir").read_text()
TYPES = sorted(set(re.findall(r"block<[0-9x]*(?:ptr<[a-z0-9]+, \d>|[a-z0-9]+)>|ptr<[a-z0-9]+, \d>|"
                              r"\b(?:i1|i32|i64|f16|f32)\b", TEXT)))
OTHER_TYPES = ["block<4xptr<f16, 3>>", "block<2x2xi1>", "ptr<i32, 1>", "block<1xf32>", "bf16", "f8e4m3", "u64"]
OP_NAMES = sorted(set(re.findall(r'"(?:pt|scf|func)\.[a-z_0-9]+"', TEXT)))
EDITS = list('%^"(){}[]<>,:=!#-x0123456789aeiptr .\n') + ["block<", "ptr<", "i32", "scf.yield", "%1"]


def _outcome(text: str) -> str:
    """'syntax', 'invalid' or 'valid'; a valid module must also round-trip."""
    try:
        module = parse_module(text, "fuzz.ir")
    except ParseError:
        return "syntax"
    try:
        verify(module)
    except VerificationError:
        return "invalid"
    printed = print_module(module)
    assert print_module(parse_module(printed)) == printed
    return "valid"


def test_character_edits() -> None:
    rng = random.Random(0)
    seen = set()
    for _ in range(80):
        chars = list(TEXT)
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(chars))
            if rng.random() < 0.5:
                del chars[k]
            else:
                chars.insert(k, rng.choice(EDITS))
        seen.add(_outcome("".join(chars)))
    assert seen == {"syntax", "invalid", "valid"}


def test_type_and_attribute_swaps() -> None:
    rng = random.Random(1)
    seen = set()
    for _ in range(200):
        text = TEXT.replace(rng.choice(TYPES), rng.choice(TYPES + OTHER_TYPES))
        if rng.random() < 0.5:
            k = rng.choice([m.start() for m in re.finditer(r"(?<=[= \[])\d+(?=[,\]}])", text)])
            text = text[:k] + str(rng.choice([0, 1, 2, 3, -1, 100])) + text[k + 1:]
        if rng.random() < 0.3:
            text = text.replace(rng.choice(OP_NAMES), rng.choice(OP_NAMES), 1)
        seen.add(_outcome(text))
    assert seen == {"syntax", "invalid", "valid"}
