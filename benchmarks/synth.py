"""A deterministic synthetic news corpus of any size, for benchmarks.

Words are drawn from a Zipf-Mandelbrot distribution (``p(r) ~ 1 / (r + 2.7) ** 1.07``)
over a 60,000-type vocabulary whose top ranks are English function words in their
usual frequency order, then domain words of diplomatic news ("China", "cooperation",
"U.S.", "Beijing"...), then made-up words. Slogans and frame phrases are planted as
whole phrases at fixed rates per million tokens (higher in ``state`` documents than in
``foreign`` ones, so that keyness has something to find), and the generator records how
many of each it planted. Sentences (gamma-distributed lengths, mean ~23 tokens) get a
capital letter, the odd comma, possessive ``'s`` on proper nouns and a full stop (or a
question mark); two to six sentences make a paragraph line; every document has a title
line of content words and ``source`` / ``outlet`` / ``year`` metadata.

Words drawn independently of their neighbours give many more distinct bigrams and
trigrams than real text does, which makes n-gram counting *harder* (bigger
vocabularies) for every tool measured, not easier.

Usage: ``python benchmarks/synth.py 1000000 out.jsonl`` writes one JSON document a line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# the most frequent English words, roughly in frequency order (ranks 1..)
FUNCTION_WORDS = """
the of and to a in that is for on it with as was by be at this are from have has not
an which or but its their they he said will were been had also would more we who our
there all can one about than other into his new after these may so up only such no
over most some between what first could when two them should any both those many
through under while if out against during each because very before however where
us now same being then since among how even well own just much do here further
""".split()

# proper nouns and acronyms keep their case; they may take a possessive 's
PROPER = """
China Beijing Washington Africa Asia Europe Russia India Brazil ASEAN BRICS Xi Wang
Li Biden Trump Putin Lula Moscow Tokyo Japan Korea Taiwan Pakistan Iran Egypt U.S.
U.N. EU NATO
""".split()

DOMAIN = """
cooperation development countries international global security economic world
relations trade policy partnership government minister foreign president
leaders region regional peace stability dialogue mutual support strategic bilateral
multilateral initiative diplomatic diplomacy sovereignty interests growth investment
infrastructure summit meeting visit talks agreement cooperation people nations
tensions sanctions conflict military competition rivalry challenges crisis order
governance reform system principles common shared future community modernization
prosperity civilization exchanges culture respect equality justice fairness
hegemony interference containment technology energy climate finance market markets
openness connectivity projects industrial supply chains ministry spokesperson
""".split()

#: Planted phrases: (text, rate per million tokens in 'state' documents, in 'foreign' ones).
PLANTED = [
    ("community with a shared future for mankind", 120.0, 20.0),
    ("community with a shared future for humanity", 60.0, 10.0),
    ("China-Africa community with a shared future", 30.0, 5.0),
    ("win-win cooperation", 300.0, 60.0),
    ("mutually beneficial cooperation", 150.0, 40.0),
    ("Belt and Road Initiative", 250.0, 150.0),
    ("Global South", 200.0, 120.0),
    ("Five Principles of Peaceful Coexistence", 40.0, 5.0),
    ("true multilateralism", 80.0, 5.0),
    ("multipolar world", 90.0, 30.0),
    ("peaceful development", 100.0, 20.0),
    ("Global Development Initiative", 60.0, 10.0),
    ("Global Security Initiative", 50.0, 10.0),
    ("major-country diplomacy", 40.0, 5.0),
    ("changes unseen in a century", 50.0, 3.0),
    ("peace and stability", 150.0, 100.0),
    ("Cold War mentality", 40.0, 30.0),
    ("debt trap", 5.0, 80.0),
    ("great power competition", 10.0, 120.0),
    ("human rights", 30.0, 150.0),
    ("Mr. Wang said", 100.0, 100.0),
]

N_TYPES = 60_000
ZIPF_S = 1.07
ZIPF_Q = 2.7
SOURCES = ("state", "foreign")
OUTLETS = {"state": ("Xinhua", "China Daily", "Global Times"), "foreign": ("Reuters", "AP", "BBC")}


@dataclass
class Vocabulary:
    display: np.ndarray  # object: surface string of each entry
    ntok: np.ndarray  # framing tokens in each entry
    proper: np.ndarray  # bool: may take a possessive 's
    p: dict[str, np.ndarray]  # source -> probabilities over entries
    planted: np.ndarray  # entry index of each PLANTED phrase


def _made_up_words(rng: np.random.Generator, n: int, taken: set[str]) -> list[str]:
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr st tr ch sh th pl".split()
    vowels = "a e i o u a e i o u ai ea ou".split()
    codas = ["", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
    out: list[str] = []
    seen = set(taken)
    while len(out) < n:
        k = n - len(out)
        syll = rng.choice([1, 2, 2, 2, 3, 3, 4], size=k)
        for m in syll:
            w = (
                "".join(
                    onsets[rng.integers(len(onsets))] + vowels[rng.integers(len(vowels))]
                    for _ in range(m)
                )
                + codas[rng.integers(len(codas))]
            )
            if w not in seen:
                seen.add(w)
                out.append(w)
    return out


def make_vocabulary(seed: int = 0) -> Vocabulary:
    """The synthetic vocabulary and its Zipf-Mandelbrot probabilities (deterministic)."""
    rng = np.random.default_rng(seed)
    domain = list(dict.fromkeys(DOMAIN))
    taken = {w.lower() for w in FUNCTION_WORDS + PROPER + domain}
    made_up = _made_up_words(rng, N_TYPES - len(taken), taken)
    # ranks: function words first; domain words and proper nouns spread over ranks
    # 60..3000 among the made-up words
    special = domain + PROPER
    slots = set(rng.choice(np.arange(0, 3000), size=len(special), replace=False).tolist())
    order = iter(rng.permutation(len(special)).tolist())
    made = iter(made_up)
    words = list(FUNCTION_WORDS) + [
        special[next(order)] if i in slots else next(made)
        for i in range(N_TYPES - len(FUNCTION_WORDS))
    ]
    ranks = np.arange(1, len(words) + 1, dtype=float)
    base = 1.0 / (ranks + ZIPF_Q) ** ZIPF_S
    base /= base.sum()
    proper_set = set(PROPER)
    display = list(words) + [t for t, _, _ in PLANTED]
    # framing tokens per entry ("China-Africa" and "win-win" stay one token each)
    ntok = [1] * len(words) + [len(t.split()) for t, _, _ in PLANTED]
    proper = np.array([w in proper_set for w in words] + [False] * len(PLANTED))
    p = {}
    for j, source in enumerate(SOURCES):
        rates = np.array([r[1 + j] for r in PLANTED]) / 1e6  # per token
        # entries are drawn with probability q; with E tokens per entry on average,
        # phrase k comes q_k / E times per token: q = rates * E, E = 1 + sum q (n - 1)
        extra = np.array(ntok[len(words) :], dtype=float) - 1.0
        q = rates / (1.0 - (rates * extra).sum())
        p[source] = np.concatenate([base * (1.0 - q.sum()), q])
    return Vocabulary(
        display=np.asarray(display, dtype=object),
        ntok=np.asarray(ntok, dtype=np.int64),
        proper=proper,
        p=p,
        planted=np.arange(len(words), len(display)),
    )


def _capitalize(s: str) -> str:
    return s[:1].upper() + s[1:]


def generate(n_tokens: int, *, seed: int = 0, vocab: Vocabulary | None = None):
    """Yield documents (dicts) until about ``n_tokens`` framing tokens are produced.

    Also returns, through the generator's ``StopIteration.value``, the planted phrase
    counts per source; use :func:`write_jsonl` to get them directly.
    """
    vocab = vocab or make_vocabulary(seed)
    rng = np.random.default_rng(seed + 1)
    cum = {s: np.cumsum(vocab.p[s]) for s in SOURCES}
    produced = 0
    planted = {s: np.zeros(len(PLANTED), dtype=np.int64) for s in SOURCES}
    i = 0
    first = len(vocab.display) - len(PLANTED)
    while produced < n_tokens:
        source = SOURCES[int(rng.integers(2))]
        outlet = OUTLETS[source][int(rng.integers(3))]
        year = int(rng.integers(2015, 2026))
        n_sent = int(np.clip(rng.lognormal(3.2, 0.6), 3, 200))
        lengths = np.clip(rng.gamma(3.0, 7.5, size=n_sent).astype(np.int64), 3, 90)
        n_title = int(rng.integers(4, 10))
        total = int(lengths.sum()) + n_title
        ids = np.searchsorted(cum[source], rng.random(total) * cum[source][-1], side="right")
        ids = np.minimum(ids, len(vocab.display) - 1)
        # titles are content words (ranks 100-3000): no function word, no planted phrase,
        # nothing the corpus cleaning rules would take for a byline ("By ...")
        ids[:n_title] = rng.integers(100, 3000, size=n_title)
        words = vocab.display[ids].copy()
        # possessives on proper nouns, commas after ~6% of words
        poss = vocab.proper[ids] & (rng.random(total) < 0.2)
        words[poss] = words[poss] + "'s"
        comma = rng.random(total) < 0.06
        ends = np.cumsum(lengths) + n_title  # sentence ends (exclusive)
        comma[ends - 1] = False
        comma[n_title - 1] = False
        words[comma] = words[comma] + ","
        title = " ".join(_capitalize(w) for w in words[:n_title])
        starts = ends - lengths
        marks = np.where(rng.random(n_sent) < 0.03, "?", ".")
        sentences = []
        for a, b, mark in zip(starts.tolist(), ends.tolist(), marks.tolist(), strict=True):
            sentences.append(_capitalize(" ".join(words[a:b])) + mark)
        lines = [title]
        k = 0
        while k < n_sent:
            step = int(rng.integers(2, 7))
            lines.append(" ".join(sentences[k : k + step]))
            k += step
        hit = ids[ids >= first] - first
        planted[source] += np.bincount(hit, minlength=len(PLANTED))
        produced += int(vocab.ntok[ids].sum())
        i += 1
        yield {
            "doc_id": f"d{i:07d}",
            "text": "\n\n".join(lines),
            "source": source,
            "outlet": outlet,
            "year": year,
        }
    return planted


def write_jsonl(n_tokens: int, path: str | Path, *, seed: int = 0) -> dict:
    """Write a synthetic corpus of about ``n_tokens`` tokens; return what was planted.

    Returns
    -------
    dict
        ``{"n_docs": int, "planted": {phrase: {source: count}}}``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    gen = generate(n_tokens, seed=seed)
    n_docs = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        while True:
            try:
                doc = next(gen)
            except StopIteration as stop:
                planted = stop.value
                break
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n_docs += 1
    tmp.replace(path)
    info = {
        "n_docs": n_docs,
        "planted": {
            text: {s: int(planted[s][k]) for s in SOURCES} for k, (text, _, _) in enumerate(PLANTED)
        },
    }
    path.with_suffix(".json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


if __name__ == "__main__":
    print(json.dumps(write_jsonl(int(float(sys.argv[1])), sys.argv[2]), indent=1))
