"""The first pass: a cheap look at each sentence that decides whether it needs the parser.

A sentence with no cue, that is no event trigger (any inflection of a lexicon lemma, weapon or
phrase), no actor name or generic actor noun from the dictionary, no capitalised word inside the
sentence, and no place name from the gazetteer at its start, cannot yield an event, an actor or
a place: it is tokenised and left unparsed. Everything else goes through the whole spaCy pipeline. The switch is
``[nlp] first_pass`` in the configuration; its cost in recall is measured in the README.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from khaldun.text import key

# a sentence ends at . ! ? (and a closing quote or bracket), then space, then a capital or digit
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*\w)?")


@dataclass(frozen=True)
class Cues:
    """The word forms and names that make a sentence worth parsing."""

    words: frozenset[str]  # lower-cased trigger forms and generic actor nouns
    names: frozenset[str]  # folded actor names (``khaldun.text.key``), up to ``max_words`` words
    max_words: int
    places: Container[str]  # gazetteer name keys: a capitalised first word must be one
    common: frozenset[str]  # words that start sentences and name nothing ("The", "But")

    def needs_parse(self, sentence: str) -> bool:
        words = _WORD.findall(sentence)
        for i, w in enumerate(words):
            low = w.lower()
            if low in self.words:
                return True
            if w[0].isupper() and (i > 0 or (low not in self.common and key(w) in self.places)):
                return True
            for part in low.replace("’", "-").replace("'", "-").split("-"):
                if part in self.words:
                    return True
        folded = key(sentence).split()
        for i in range(len(folded)):
            for n in range(1, min(self.max_words, len(folded) - i) + 1):
                if " ".join(folded[i : i + n]) in self.names:
                    return True
        return False

    def plan(self, line: str) -> list[tuple[str, bool]]:
        """The line cut into runs of sentences, each with whether it needs the parser.

        Consecutive sentences that need it stay together, so a line that is all cues is one
        chunk, parsed exactly as it would be without the first pass.
        """
        cuts = [m.end() for m in _SENTENCE_END.finditer(line)]
        bounds = list(zip([0, *cuts], [*cuts, len(line)], strict=True))
        runs: list[tuple[str, bool]] = []
        for start, end in bounds:
            piece = line[start:end]
            if not piece:
                continue
            need = self.needs_parse(piece)
            if runs and runs[-1][1] == need:
                runs[-1] = (runs[-1][0] + piece, need)
            else:
                runs.append((piece, need))
        return runs


def inflections(
    lemma: str, rules: Iterable[tuple[str, str]], exceptions: dict[str, set[str]]
) -> set[str]:
    """Every surface form that the lemmatizer's own suffix rules and exceptions map to ``lemma``."""
    forms = {lemma}
    for old, new in rules:
        if lemma.endswith(new):
            forms.add(lemma[: len(lemma) - len(new)] + old if new else lemma + old)
    forms.update(exceptions.get(lemma, ()))
    # doubled final consonant before -ed/-ing ("shelled", "bombed" are regular; "stabbed" is not)
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy":
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms


def _lemmatizer_tables(nlp: Any) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    rules: list[tuple[str, str]] = []
    exceptions: dict[str, set[str]] = {}
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError):
        return [("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")], {}
    if lookups.has_table("lemma_rules"):
        for pairs in lookups.get_table("lemma_rules").values():
            rules.extend((str(old), str(new)) for old, new in pairs if old.isalpha())
    if lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            for form, lemmas in table.items():
                for lemma in lemmas:
                    exceptions.setdefault(str(lemma), set()).add(str(form))
    return sorted(set(rules)), exceptions


def build(nlp: Any, actor_files: tuple[str, ...] = ()) -> Cues:
    """The cues from the trigger lexicon, the actor dictionary and the model's lemmatizer."""
    return _build(nlp, actor_files)


@functools.cache
def _build(nlp: Any, actor_files: tuple[str, ...]) -> Cues:
    from spacy.lang.en.stop_words import STOP_WORDS

    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.events import lexicon
    from khaldun.knowledge import generic_nouns
    from khaldun.places import gazetteer

    lex = lexicon.load()
    rules, exceptions = _lemmatizer_tables(nlp)
    lemmas: set[str] = set(lex.verbs) | set(lex.nouns) | set(lex.instruments)
    # a phrase matches only with all its words: its rarest-looking word is cue enough
    lemmas.update(_content_word(words, STOP_WORDS) for words in lex.phrases)
    lemmas.update(n.lemma.split()[-1] for n in generic_nouns().nouns)
    words: set[str] = set()
    for lemma in lemmas:
        for part in lemma.lower().split():
            words.update(inflections(part, rules, exceptions))
    book = ActorDictionary.load(actor_files)
    names = frozenset(book.index)
    common = frozenset(w.lower() for w in STOP_WORDS)
    return Cues(frozenset(words), names, book.max_words, gazetteer.load().names, common)


def _content_word(words: tuple[str, ...], stop: Container[str]) -> str:
    content = [w for w in words if w not in stop] or list(words)
    return max(content, key=len)
