"""The sieve before a regular expression (rules/sieve.py): skipping a search where a word every match holds is
missing must never change an answer, for the rulebook's patterns and the gate's expressions alike."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from rules import gate, load_rulebook
from rules.normalize import normalize, unsaid
from rules.sieve import Sieve, factors

CHAT = Path(__file__).resolve().parents[1] / "rules" / "data" / "chat_messages.csv"


def _texts() -> list[str]:
    with CHAT.open(encoding="utf-8") as fh:
        rows = [r["text"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
    return rows[::12]  # every twelfth of our chat file: Chinese, English, dialects, emergencies and chit-chat


def _answer(m: re.Match[str] | None) -> tuple[int, int, str] | None:
    return None if m is None else (*m.span(), m.group(0))


def test_every_rulebook_pattern_answers_as_re_does_on_our_chat_file() -> None:
    book = load_rulebook()
    patterns = [p for c in book.categories for p in (*c.patterns, *c.negative_patterns)]
    texts = [unsaid(normalize(t)) for t in _texts()]
    sieves = [Sieve(p, re.IGNORECASE) for p in patterns]
    skipped = matched = 0
    for sieve in sieves:
        for t in texts:
            expected = _answer(sieve.rx.search(t))
            assert _answer(sieve.search(t)) == expected, (sieve.pattern, t)
            assert _answer(sieve.search(t, 5)) == _answer(sieve.rx.search(t, 5)), (sieve.pattern, t)
            matched += expected is not None
            skipped += not all(any(w in t for w in words) for words in sieve.words)
    # the check is worth having: most searches are skipped, and the patterns still find what they find
    assert skipped > 0.9 * len(sieves) * len(texts)
    assert matched > 500


def test_the_gates_expressions_answer_as_re_does() -> None:
    sieves = [v for v in vars(gate).values() if isinstance(v, Sieve)]
    assert len(sieves) > 50
    texts = [t for raw in _texts() for t in (raw, raw.lower(), unsaid(normalize(raw)))]
    for sieve in sieves:
        for t in texts:
            assert _answer(sieve.search(t)) == _answer(sieve.rx.search(t)), (sieve.pattern, t)
            assert _answer(sieve.match(t)) == _answer(sieve.rx.match(t)), (sieve.pattern, t)
            assert _answer(sieve.fullmatch(t)) == _answer(sieve.rx.fullmatch(t)), (sieve.pattern, t)


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    ("(?<=着)火", 0, "着火了"),  # a look behind's words are in the text too
    ("(?=.*没人管).*(说|讲)找", 0, "他说找社区，一直没人管"),
    ("(?i)fire (火|烟)", 0, "FIRE 火"),  # letters with a case are never required where case is ignored
    ("Gas(味|气)", re.IGNORECASE, "gas味很重"),
    ("(甲|乙)?[丙丁]|戊", 0, "戊"),
    ("a{2,}b", 0, "xaab"),
])
def test_what_a_match_holds_is_read_from_every_part(pattern: str, flags: int, text: str) -> None:
    sieve = Sieve(pattern, flags)
    assert sieve.search(text) is not None
    assert all(any(w in text for w in words) for words in factors(pattern, flags))


def test_a_text_lacking_a_required_word_is_not_searched() -> None:
    sieve = Sieve("(人|老人)[^。]{0,10}被(车|货车)撞(倒|飞)")
    assert ("撞",) in sieve.words
    assert sieve.search("老人被车堵在路口，走不了") is None
    assert sieve.search("老人在路口被车撞倒了") is not None
