"""The command registry: each command declared once, with its words in both languages and one function."""

from __future__ import annotations

import pytest

from chatops.chat.bot import Bot
from chatops.chat.commands import ALIASES, BODY, DIRECT, HANDLER, REGISTRY, RESIDENT, commands_for, help_text, usage
from chatops.chat.meetings import MEETING_COMMANDS, Chair
from rules.catalogue import LANGS, MESSAGES


def test_every_command_has_one_function_and_its_words_in_every_language() -> None:
    for spec in REGISTRY:
        home = Chair if spec.name in MEETING_COMMANDS else Bot  # meetings are run by the chair
        assert callable(getattr(home, f"_cmd_{spec.name}", None)), spec.name
        keys = [f"cmd_{spec.name}"] + ([f"args_{spec.name}", f"example_{spec.name}"] if spec.args else [])
        for key in keys:
            assert set(MESSAGES[key]) == set(LANGS), key
    assert not [m for m in dir(Bot) if m.startswith("_cmd_") and m[5:] not in {s.name for s in REGISTRY}]
    assert not [m for m in dir(Chair) if m.startswith("_cmd_") and m[5:] not in MEETING_COMMANDS]


def test_an_alias_names_one_command() -> None:
    aliases = [a.lower() for s in REGISTRY for a in s.aliases]
    assert len(aliases) == len(set(aliases)) == len(ALIASES)


@pytest.mark.parametrize("lang", LANGS)
def test_help_lists_exactly_the_rooms_commands(lang: str) -> None:
    rooms = ((RESIDENT, {}), (HANDLER, {"handler": "物业", "units": "物业、城管"}), (BODY, {"body": "党支部"}),
             (DIRECT, {}))
    for room, params in rooms:
        guide = help_text(room, lang, **params)
        for spec in REGISTRY:
            if spec.name != "help":
                assert (f"!{spec.alias(lang)} " in guide or f"!{spec.alias(lang)}\u0020—" in guide) == (
                    spec in commands_for(room)), (room, spec.name)


def test_usage_names_the_command_as_the_user_types_it() -> None:
    assert usage("extend", None) == "用法：!延期 天数 理由，例如：!延期 3 等待配件到货"
    assert usage("transfer", "en", units="property, police").endswith("Units:\nproperty, police")


def test_the_words_staff_use_for_transfer_and_return_are_commands() -> None:
    """A tester's !转办 and !退回 got "unknown command": they are the words staff use."""
    from chatops.chat.conversation import parse

    assert [parse(w).name for w in ("!转办 城管 不归我们", "!退回 不是我们的事")] == ["transfer", "return"]  # type: ignore[union-attr]
