"""framing: discourse and framing analysis for comparing how sources talk about a subject.

Load a corpus with :func:`load_corpus`, then count terms (:func:`count_terms`), compare
groups (:func:`keyness`), read matches in context (:func:`kwic`), find recurring slogans
and code framing categories. Every public function returns a tidy pandas DataFrame.
"""

from framing.corpus import Corpus, CorpusError, clean_text, load_corpus
from framing.patterns import compile_pattern, find_matches, match_text
from framing.text import load_stopwords, normalize_unicode, split_sentences, tokenize

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "CorpusError",
    "clean_text",
    "compile_pattern",
    "find_matches",
    "load_corpus",
    "load_stopwords",
    "match_text",
    "normalize_unicode",
    "split_sentences",
    "tokenize",
]
