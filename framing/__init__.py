"""framing: discourse and framing analysis for comparing how sources talk about a subject.

Load a corpus with :func:`load_corpus`, then count terms (:func:`count_terms`), compare
groups (:func:`keyness`), read matches in context (:func:`kwic`), find recurring slogans
(:func:`find_slogans`, :func:`recurring_phrases`) and code framing categories
(:func:`code_frames`, :func:`frame_rates`); corpora larger than memory are read in
chunks (:func:`iter_corpus`) and counted chunk by chunk, locally or on Dask
(:func:`count_terms_stream`, :func:`keyness_stream`, :func:`analyze_stream`). Every
public function returns a tidy pandas DataFrame. Figures live in :mod:`framing.plots`
and the one-command report in :mod:`framing.report` (imported on demand, so
``import framing`` stays light).
"""

from framing.chunks import iter_corpus
from framing.codebook import Codebook, load_codebook, read_dictionary
from framing.corpus import Corpus, CorpusError, clean_text, load_corpus
from framing.counts import count_terms
from framing.dispersion import dispersion, term_positions
from framing.frames import (
    code_frames,
    compare_frames,
    frame_cooccurrence,
    frame_matrix,
    frame_rates,
    frame_topics,
)
from framing.keyness import keyness
from framing.kwic import kwic
from framing.lexicon import Lexicon, load_lexicon
from framing.patterns import compile_pattern, find_matches, match_text
from framing.phrases import collocations, recurring_phrases, suggest_slogans
from framing.reliability import (
    codebook_agreement,
    coding_sheet,
    cohen_kappa,
    intercoder_agreement,
    krippendorff_alpha,
    read_coding_sheet,
)
from framing.slogans import find_slogans, shared_slogans, slogan_table, variant_table
from framing.stream import analyze_stream, count_terms_stream, keyness_stream
from framing.text import load_stopwords, normalize_unicode, split_sentences, tokenize

__version__ = "0.1.0"

__all__ = [
    "Codebook",
    "Corpus",
    "CorpusError",
    "Lexicon",
    "analyze_stream",
    "clean_text",
    "code_frames",
    "codebook_agreement",
    "coding_sheet",
    "cohen_kappa",
    "collocations",
    "compare_frames",
    "compile_pattern",
    "count_terms",
    "count_terms_stream",
    "dispersion",
    "find_matches",
    "find_slogans",
    "frame_cooccurrence",
    "frame_matrix",
    "frame_rates",
    "frame_topics",
    "intercoder_agreement",
    "iter_corpus",
    "keyness",
    "keyness_stream",
    "krippendorff_alpha",
    "kwic",
    "load_codebook",
    "load_corpus",
    "load_lexicon",
    "load_stopwords",
    "match_text",
    "normalize_unicode",
    "read_coding_sheet",
    "read_dictionary",
    "recurring_phrases",
    "shared_slogans",
    "slogan_table",
    "split_sentences",
    "suggest_slogans",
    "term_positions",
    "tokenize",
    "variant_table",
]
