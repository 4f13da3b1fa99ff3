"""The shipped slogan lexicon: every family's examples, and the seeds checked by hand."""

from collections import Counter

import pandas as pd
import pytest

from framing.lexicon import load_lexicon
from framing.slogans import find_slogans
from framing.text import normalize_unicode

LEXICON = load_lexicon()

REQUIRED_FAMILIES = [
    "shared_future", "global_south", "belt_and_road", "five_principles", "win_win_cooperation",
    "mutually_beneficial_cooperation", "changes_unseen_in_a_century",
    "new_type_of_international_relations", "major_country_diplomacy", "true_multilateralism",
    "multipolar_world", "global_development_initiative", "global_security_initiative",
    "global_civilization_initiative", "xi_thought_on_diplomacy",
    "comprehensive_strategic_partnership", "shared_benefits", "common_values_of_humanity",
    "peaceful_development", "chinese_modernization",
]  # fmt: skip


def _hits(sentence: str, family_id: str) -> list[str]:
    docs = pd.DataFrame({"doc_id": ["x"], "text": [normalize_unicode(sentence)]})
    return find_slogans(docs, lexicon=LEXICON.subset([family_id]))["matched"].tolist()


def _examples(kind: str):
    return [
        pytest.param(f.id, s, id=f"{f.id}-{i}")
        for f in LEXICON
        for i, s in enumerate(getattr(f, kind))
    ]


@pytest.mark.parametrize(("family_id", "sentence"), _examples("positive"))
def test_positive_example_is_found(family_id, sentence):
    assert _hits(sentence, family_id), f"{family_id} not found in: {sentence}"


@pytest.mark.parametrize(("family_id", "sentence"), _examples("negative"))
def test_negative_example_is_not_found(family_id, sentence):
    assert _hits(sentence, family_id) == [], f"{family_id} wrongly found in: {sentence}"


def test_required_families_are_present():
    assert set(REQUIRED_FAMILIES) <= set(LEXICON.ids)


@pytest.mark.parametrize("family", list(LEXICON), ids=LEXICON.ids)
def test_family_is_documented_and_has_enough_examples(family):
    assert len(family.positive) >= 3
    assert len(family.negative) >= 2
    assert family.canonical and family.description and family.zh
    # the canonical form is itself recognised as the family
    assert _hits(family.canonical, family.id), family.canonical


@pytest.mark.parametrize("family", list(LEXICON), ids=LEXICON.ids)
def test_every_variant_is_exercised_by_a_positive_example(family):
    docs = pd.DataFrame(
        {
            "doc_id": [f"p{i}" for i in range(len(family.positive))],
            "text": [normalize_unicode(s) for s in family.positive],
        }
    )
    used = set(find_slogans(docs, lexicon=LEXICON.subset([family.id]))["variant"])
    assert [v.id for v in family.variants if v.id not in used] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They pledged a China–Africa community with a shared future.",
         "China-Africa community with a shared future"),
        ("A community of shared future for the Asia-Pacific.",
         "community of shared future for the Asia-Pacific"),
        ("Xi spoke of a global community of shared future for mankind.",
         "global community of shared future for mankind"),
        ("The \u201cCOMMUNITY WITH A SHARED FUTURE FOR HUMANITY\u201d.",
         "COMMUNITY WITH A SHARED FUTURE FOR HUMANITY"),
    ],
)  # fmt: skip
def test_shared_future_span_is_the_whole_rendering(sentence, expected):
    assert _hits(sentence, "shared_future") == [expected]


def test_overlapping_families_relate_as_documented():
    both = "Both sides pursue mutually beneficial and win-win cooperation."
    assert _hits(both, "win_win_cooperation") and _hits(both, "mutually_beneficial_cooperation")
    nested = "They deepen high-quality Belt and Road cooperation."
    assert _hits(nested, "high_quality_belt_and_road") == ["high-quality Belt and Road cooperation"]
    assert _hits(nested, "belt_and_road") == ["Belt and Road cooperation"]
    thematic = "They build a global community of health for all."
    assert _hits(thematic, "thematic_communities") and not _hits(thematic, "shared_future")


# --------------------------------------------------------------------------- seeds, by hand

# Every rendering of 人类命运共同体 in the seeds, found by reading them line by line
# (ai_summary_2024 = 000, qiushi_2025_02 = 001). Not renderings, and so not expected:
# "from peaceful coexistence to a shared future", "humanity's shared future" and
# "one giant ship sailing toward a shared future" (all 001).
EXPECTED_SHARED_FUTURE = {
    "ai_summary_2024": Counter({"global community with a shared future": 1}),
    "qiushi_2025_02": Counter(
        {
            # title + 22 in the body
            "global community of shared future": 23,
            # Beijing Declaration title (line 14) and 'all-weather ... for the new era' (24)
            "china-africa community with a shared future": 1,
            "china-africa community of shared future": 1,
            "china-brazil community of shared future": 1,
            "china-serbia community of shared future": 1,
            # 'joining forces to build', 'on building', 'initiatives to build' (24, 35, 36)
            "communities of shared future": 3,
            "community of shared future in cyberspace": 1,
        }
    ),
}


@pytest.fixture(scope="module")
def seed_hits(seeds_corpus):
    return find_slogans(seeds_corpus)


def test_seeds_shared_future_renderings_match_the_hand_count(seed_hits):
    sf = seed_hits[seed_hits["family"] == "shared_future"]
    assert sf.groupby("doc_id").size().to_dict() == {"ai_summary_2024": 1, "qiushi_2025_02": 31}
    for doc_id, expected in EXPECTED_SHARED_FUTURE.items():
        got = Counter(sf.loc[sf["doc_id"] == doc_id, "matched"].str.lower())
        assert got == expected
    assert len(sf) == 32  # "more than thirty"


def test_seeds_shared_future_has_no_false_positive(seed_hits, seeds_corpus):
    sf = seed_hits[seed_hits["family"] == "shared_future"]
    assert sf["matched"].str.contains(r"(?i)communit", regex=True).all()
    for phrase in ("to a shared future", "humanity's shared future", "toward a shared future"):
        sentence = seeds_corpus.sentences["sentence"].str.replace("\u2019", "'")
        rows = seeds_corpus.sentences[sentence.str.contains(phrase, regex=False)]
        assert len(rows) == 1
        hit = sf.merge(rows[["doc_id", "sentence"]], on=["doc_id", "sentence"])
        assert hit.empty, phrase


def test_seeds_offsets_point_at_the_matched_text(seed_hits, seeds_corpus):
    text = seeds_corpus.docs.set_index("doc_id")["text"]
    for row in seed_hits.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.matched


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        # hand counts: 000 'Five Principles of Peaceful Coexistence'; 001 twice
        ("five_principles", {"ai_summary_2024": 1, "qiushi_2025_02": 2}),
        # 000 'the Belt and Road and', 'Belt and Road Initiative'; 001 three 'high-quality
        # Belt and Road cooperation', 'Belt and Road cooperation', 'Belt and Road Initiative'
        ("belt_and_road", {"ai_summary_2024": 2, "qiushi_2025_02": 5}),
        ("high_quality_belt_and_road", {"qiushi_2025_02": 3}),
        # 001: 'China-Russia ... of coordination' twice, 'China-ASEAN ...'; 004 twice
        ("comprehensive_strategic_partnership",
         {"qiushi_2025_02": 3, "china_russia_state_diplomacy": 2}),
        ("true_multilateralism", {"qiushi_2025_02": 2}),
        ("win_win_cooperation", {}),
    ],
)  # fmt: skip
def test_seeds_other_families_match_hand_counts(seed_hits, family, expected):
    got = seed_hits[seed_hits["family"] == family].groupby("doc_id").size().to_dict()
    assert got == expected
