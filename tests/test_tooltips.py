"""Which phrases in a text become tooltips: the matching rules readers see on every page."""

from __future__ import annotations

from aicompare.site.tooltips import Term, TermIndex, phrase_automaton


def index(exact: list[str], folded: list[str]) -> TermIndex:
    """A term index whose every phrase names a term called after the phrase itself."""
    exact_terms = {phrase: Term(f"x:{phrase}", "glossary.md", phrase, "") for phrase in exact}
    folded_terms = {phrase.casefold(): Term(f"f:{phrase}", "glossary.md", phrase, "") for phrase in folded}
    return TermIndex(exact_terms, folded_terms, phrase_automaton(exact_terms, folded_terms))


def found(terms: TermIndex, value: str) -> list[str]:
    return [value[start:end] for start, end, _ in terms.occurrences(value)]


def test_abbreviations_match_only_as_written_and_other_phrases_in_any_case() -> None:
    terms = index(["RAG"], ["fine-tuning"])
    assert found(terms, "RAG or Fine-Tuning, not rag") == ["RAG", "Fine-Tuning"]


def test_a_phrase_inside_a_word_or_after_a_hyphen_does_not_count() -> None:
    terms = index(["GAN"], ["token"])
    assert found(terms, "GANs, DCGAN, pre-token and tokens; a GAN token.") == ["GAN", "token"]


def test_the_longest_phrase_wins_and_occurrences_never_overlap() -> None:
    terms = index([], ["neural network", "network", "recurrent neural network"])
    assert found(terms, "A recurrent neural network is a network.") == ["recurrent neural network", "network"]


def test_at_one_place_an_abbreviation_wins_over_a_longer_phrase() -> None:
    terms = index(["AI"], ["ai model"])
    assert found(terms, "AI model; an ai model") == ["AI", "ai model"]


def test_letters_whose_lower_case_is_longer_keep_positions_in_line() -> None:
    terms = index([], ["token"])
    assert found(terms, "İİ token İ") == ["token"]
