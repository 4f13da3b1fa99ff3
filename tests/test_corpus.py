"""framing.corpus: loading folders, CSV, JSON Lines and DataFrames; bad input; cleaning."""

import json
import re
import warnings
from collections import Counter

import pandas as pd
import pytest

from framing.corpus import CLEANING_RULES, Corpus, CorpusError, clean_text, load_corpus
from framing.text import normalize_unicode, split_sentences, tokenize

SEED_COLUMNS = ["doc_id", "file", "title", "outlet", "author", "date", "source_type", "note"]


def write_folder(path, files, metadata=None):
    path.mkdir()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (path / name).write_bytes(data)
    if metadata is not None:
        (path / "metadata.csv").write_text(metadata, encoding="utf-8")
    return path


def load_skipping(source, **kwargs):
    """Load with on_error='skip', asserting that exactly one UserWarning says so."""
    with pytest.warns(UserWarning, match=r"input\(s\) skipped while loading .*Corpus\.skipped"):
        return load_corpus(source, on_error="skip", **kwargs)


def skipped_rows(corpus):
    return [
        (s.rsplit("/", 1)[-1], r)
        for s, r in zip(corpus.skipped["source"], corpus.skipped["row"], strict=True)
    ]


# --------------------------------------------------------------------------- bad input: folders


def test_undecodable_file(tmp_path):
    folder = write_folder(
        tmp_path / "c",
        {"a.txt": "Good text.", "b.txt": "Caf\xe9 society in Paris.".encode("latin-1")},
    )
    with pytest.raises(CorpusError, match=r"b\.txt: not valid utf-8 text .*at byte 3.*encoding="):
        load_corpus(folder)
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["a"]
    assert skipped_rows(corpus) == [("b.txt", "")]
    assert "not valid utf-8" in corpus.skipped["reason"].iloc[0]
    # the fix the message suggests works
    latin = load_corpus(folder, encoding="latin-1")
    assert latin.docs.set_index("doc_id").loc["b", "text"] == "Caf\xe9 society in Paris."


@pytest.mark.parametrize("content", ["", "  \n\t\n \n"], ids=["empty", "whitespace-only"])
def test_empty_file(tmp_path, content):
    folder = write_folder(tmp_path / "c", {"a.txt": "Good text.", "b.txt": content})
    with pytest.raises(CorpusError, match=r"b\.txt: the file is empty"):
        load_corpus(folder)
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["a"]
    assert skipped_rows(corpus) == [("b.txt", "")]


def test_metadata_row_without_file(tmp_path):
    folder = write_folder(
        tmp_path / "c",
        {"a.txt": "Good text.", "b.txt": "More text."},
        "file,outlet\na.txt,X\nb.txt,Y\nzz.txt,Z\n",
    )
    with pytest.raises(
        CorpusError, match=r"metadata\.csv \(row 4\): metadata row for 'zz\.txt', but there is no"
    ):
        load_corpus(folder)
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["a", "b"]
    assert corpus.docs["outlet"].tolist() == ["X", "Y"]
    assert skipped_rows(corpus) == [("metadata.csv", "4")]


def test_file_without_metadata_row(tmp_path):
    folder = write_folder(
        tmp_path / "c", {"a.txt": "Good text.", "b.txt": "More text."}, "file,outlet\na.txt,X\n"
    )
    with pytest.raises(CorpusError, match=r"b\.txt: no row in metadata\.csv for this file"):
        load_corpus(folder)
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["a"]
    assert skipped_rows(corpus) == [("b.txt", "")]
    # without metadata the file loads
    assert load_corpus(folder, metadata=None).doc_ids == ["a", "b"]


def test_duplicate_ids_via_metadata(tmp_path):
    folder = write_folder(
        tmp_path / "c",
        {"a.txt": "First.", "b.txt": "Second.", "c.txt": "Third."},
        "doc_id,file,outlet\nsame,a.txt,X\nsame,b.txt,Y\nthird,c.txt,Z\n",
    )
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'same' \(file 'a\.txt'\)") as err:
        load_corpus(folder)
    assert "duplicate doc_id 'same' (file 'b.txt')" in str(err.value)
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["third"]
    assert len(corpus.skipped) == 2
    assert len(corpus) + len(corpus.skipped) == 3


def test_duplicate_file_rows_in_metadata(tmp_path):
    folder = write_folder(
        tmp_path / "c",
        {"a.txt": "First.", "b.txt": "Second."},
        "file,outlet\na.txt,X\na.txt,Y\nb.txt,Z\n",
    )
    with pytest.raises(
        CorpusError, match=r"\(row 2\): file 'a\.txt' has more than one metadata row"
    ):
        load_corpus(folder)


def test_metadata_without_file_column(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.txt": "First."}, "name,outlet\na.txt,X\n")
    with pytest.raises(
        CorpusError, match=r"no 'file' column to join on; columns are \['name', 'outlet'\]"
    ):
        load_corpus(folder)


def test_folder_without_matching_files(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.md": "First."})
    with pytest.raises(CorpusError, match=r"no files match '\*\.txt'"):
        load_corpus(folder)
    assert load_corpus(folder, glob="*.md").doc_ids == ["a"]


def test_missing_source_and_unknown_format(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"corpus source '.*nowhere' does not exist"):
        load_corpus(tmp_path / "nowhere")
    odd = tmp_path / "corpus.xlsx"
    odd.write_text("x")
    with pytest.raises(ValueError, match=r"cannot read '.*corpus\.xlsx'; give a folder of \.txt"):
        load_corpus(odd)


def test_bad_options(toy_frame):
    with pytest.raises(ValueError, match="on_error must be 'raise' or 'skip', got 'ignore'"):
        load_corpus(toy_frame, on_error="ignore")
    with pytest.raises(ValueError, match=r"clean: unknown cleaning rule\(s\) \['captions'\]"):
        load_corpus(toy_frame, clean=["captions"])


# --------------------------------------------------------------------------- bad input: tables


def test_duplicate_ids_in_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,text\nx,One.\ny,Two.\nx,Three.\n")
    with pytest.raises(CorpusError, match=r"c\.csv \(row 2\): duplicate doc_id 'x'") as err:
        load_corpus(path)
    assert "c.csv (row 4): duplicate doc_id 'x'" in str(err.value)
    corpus = load_skipping(path)
    assert corpus.doc_ids == ["y"]
    assert skipped_rows(corpus) == [("c.csv", "2"), ("c.csv", "4")]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("doc_id,text\nx,One.\ny,\nz,Three.\n", 3),
        ("doc_id,text\nx,One.\n\ny,\nz,Three.\n", 4),  # a blank line before it
        ('doc_id,text\nx,"One.\nTwo lines."\ny,"  "\nz,Three.\n', 4),  # a quoted line break
        ("doc_id,text\r\nx,One.\r\ny,\r\nz,Three.\r\n", 3),  # Windows line ends
    ],
    ids=["plain", "blank-line", "multi-line-field", "crlf"],
)
def test_empty_text_row_in_csv_names_its_line(tmp_path, content, line):
    path = tmp_path / "c.csv"
    path.write_bytes(content.encode())
    assert content.replace("\r\n", "\n").split("\n")[line - 1].startswith("y,")
    with pytest.raises(
        CorpusError, match=rf"c\.csv \(row {line}\): document 'y' has an empty text"
    ):
        load_corpus(path)
    corpus = load_skipping(path)
    assert corpus.doc_ids == ["x", "z"]
    assert skipped_rows(corpus) == [("c.csv", str(line))]


def test_empty_id_in_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,text\nx,One.\n,Two.\n")
    with pytest.raises(CorpusError, match=r"c\.csv \(row 3\): empty 'doc_id'"):
        load_corpus(path)


def test_csv_without_id_column_numbers_rows(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("text,outlet\nOne.,X\nTwo.,Y\n")
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["row00001", "row00002"]
    assert corpus.docs["outlet"].tolist() == ["X", "Y"]


def test_empty_and_undecodable_csv(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CorpusError, match=r"empty\.csv: the file is empty"):
        load_corpus(empty)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("doc_id,text\nx,Caf\xe9.\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin\.csv: not valid utf-8 text"):
        load_corpus(latin)


def test_missing_text_column_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,body\nx,One.\n")
    msg = r"c\.csv: no text column 'text'; columns are \['doc_id', 'body'\]\. Pass text_column="
    with pytest.raises(CorpusError, match=msg):
        load_corpus(path)
    with pytest.raises(CorpusError, match=msg):  # not a per-row problem: skipping cannot help
        load_corpus(path, on_error="skip")
    assert load_corpus(path, text_column="body").docs["text"].tolist() == ["One."]


def test_missing_text_column_jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"doc_id": "x", "body": "One."}\n')
    with pytest.raises(
        CorpusError, match=r"c\.jsonl: no text column 'text'; columns are \['doc_id', 'body'\]\."
    ):
        load_corpus(path)


def test_missing_text_column_dataframe():
    df = pd.DataFrame({"doc_id": ["x"], "body": ["One."]})
    with pytest.raises(
        CorpusError, match=r"<DataFrame>: no text column 'text'; columns are \['doc_id', 'body'\]"
    ):
        load_corpus(df)


def test_invalid_json_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"doc_id": "x", "text": "One.", "outlet": "X"}),
        '{"doc_id": "y", "text": "broken',
        "",
        json.dumps({"doc_id": "z", "text": "Three."}),
        "[1, 2]",
    ]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CorpusError, match=r"c\.jsonl \(row 2\): line 2 is not valid JSON") as err:
        load_corpus(path)
    assert "c.jsonl (row 5): line 5 is not a JSON object" in str(err.value)
    corpus = load_skipping(path)
    assert corpus.doc_ids == ["x", "z"]
    assert skipped_rows(corpus) == [("c.jsonl", "2"), ("c.jsonl", "5")]
    assert len(corpus) + len(corpus.skipped) == 4  # four non-blank lines


def test_empty_text_in_jsonl_names_its_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"doc_id": "x", "text": "One."}\n\n{"doc_id": "y", "text": " "}\n')
    with pytest.raises(CorpusError, match=r"c\.jsonl \(row 3\): document 'y' has an empty text"):
        load_corpus(path)


def test_dataframe_missing_text():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["One.", None, "Three."]})
    with pytest.raises(CorpusError, match=r"<DataFrame> \(row 2\): document 'b' has an empty text"):
        load_corpus(df)
    corpus = load_skipping(df)
    assert corpus.doc_ids == ["a", "c"]


def test_every_problem_is_listed_and_nothing_dropped_silently(tmp_path):
    folder = write_folder(
        tmp_path / "c",
        {
            "a.txt": "Good text.",
            "b.txt": b"\xff\xfe bad bytes",
            "c.txt": "",
            "d.txt": "Fine too.",
            "e.txt": "No metadata row.",
        },
        "file,outlet\na.txt,X\nb.txt,Y\nc.txt,Z\nd.txt,W\nghost.txt,V\n",
    )
    with pytest.raises(CorpusError, match=r"4 problem\(s\)") as err:
        load_corpus(folder)
    for name in ("b.txt", "c.txt", "e.txt", "ghost.txt"):
        assert name in str(err.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the only warning is the summary one
        with pytest.raises(UserWarning, match=r"4 input\(s\) skipped"):
            load_corpus(folder, on_error="skip")
    corpus = load_skipping(folder)
    assert corpus.doc_ids == ["a", "d"]
    assert sorted(s.rsplit("/", 1)[-1] for s in corpus.skipped["source"]) == [
        "b.txt",
        "c.txt",
        "e.txt",
        "metadata.csv",
    ]
    assert len(corpus) + len(corpus.skipped) == 6  # five files and one orphan metadata row
    report = corpus.report()
    assert "Loaded 2 documents" in report and "Skipped 4 input(s)" in report
    assert "metadata row for 'ghost.txt'" in report


# --------------------------------------------------------------------------- cleaning rules

# (rule, line, removed?) -- each rule applied alone, to a line in the middle of an article
RULE_CASES = [
    ("caption", "PHOTO BY XINHUA REPORTER LI XUEREN", True),
    ("caption", "Image created by AI", True),
    ("caption", "Photo: Xi Jinping meets Lula in Brasilia, Nov. 20, 2024.", True),
    ("caption", "(Photo by Li Xueren/Xinhua)", True),
    ("caption", "File photo shows the Great Hall of the People in Beijing.", True),
    ("caption", "Photo taken on May 7, 2024 shows the venue in Moscow.", True),
    ("caption", "Xi and Lula meet in Brasilia, Nov. 20, 2024. (Photo by Xinhua)", True),
    ("caption", "The photo of the two leaders was shared by millions of users.", False),
    ("caption", "Photos of the meeting were shared by millions of users online.", False),
    ("caption", "Image matters: the summit was staged for the cameras.", False),
    ("byline", "By: Aqsa Younas Rana", True),
    ("byline", "By Jane Doe and John Smith", True),
    ("byline", "Published: January 14, 2024 at 6:03 am EST", True),
    ("byline", "Updated 10:45 a.m. ET", True),
    ("byline", "Reporter: Li Ming", True),
    ("byline", "By contrast, Washington remained silent.", False),
    ("byline", "By the end of 2024, China had signed 200 agreements.", False),
    ("byline", "Published in 2019, the white paper set out the policy.", False),
    ("byline", "Updated guidance was issued by the ministry.", False),
    ("dateline", "date 2024-01-14 en English", True),
    ("dateline", "2024-01-14", True),
    ("dateline", "January 14, 2024", True),
    ("dateline", "Jan. 5, 2024 at 6:03 am EST", True),
    ("dateline", "On January 14, 2024, Liu arrived in New York.", False),
    ("dateline", "The 2024-01-14 meeting was postponed.", False),
    ("source_note", "(Originally appeared in Qiushi Journal, Chinese edition, No. 2, 2025)", True),
    ("source_note", "Source: Xinhua", True),
    ("source_note", "This article first appeared in China Daily.", True),
    ("source_note", "The source of the dispute is the Taiwan question.", False),
    ("source_note", "Sources said the visit had been planned for months.", False),
    ("section_number", "I", True),
    ("section_number", "III", True),
    ("section_number", "3.", True),
    ("section_number", "I agree with that view.", False),
    ("section_number", "2024", False),
    ("section_number", "Part II", False),
]


@pytest.mark.parametrize(("rule", "line", "removed"), RULE_CASES)
def test_cleaning_rule(rule, line, removed):
    raw = f"An opening sentence of the article.\n{line}\nA closing sentence of the article."
    text, rows = clean_text(raw, clean=[rule])
    if removed:
        assert rows == [(2, line, rule)]
        assert line not in text.split("\n")
    else:
        assert rows == []
        assert text == raw
    # with every rule on, an article line is still kept
    if not removed:
        assert clean_text(raw, clean=True) == (raw, [])


def test_every_cleaning_rule_is_tested():
    tested = {r for r, _, _ in RULE_CASES} | {"repeated_line", "author_box", "photo_credit"}
    assert tested == set(CLEANING_RULES)
    for name, (regex, description) in CLEANING_RULES.items():
        assert description, name
        if regex:
            re.compile(regex)


def test_repeated_line_rule():
    raw = "Liu's Visit\nBy: A Writer\nLiu's Visit\nLiu met Blinken.\n\nLiu met Blinken."
    text, rows = clean_text(raw, clean=["repeated_line"])
    assert [(n, r) for n, _, r in rows] == [(3, "repeated_line"), (6, "repeated_line")]
    assert text == "Liu's Visit\nBy: A Writer\nLiu met Blinken."


def test_author_box_rule_only_in_second_half():
    body = [f"Paragraph {i} of the article." for i in range(6)]
    raw = "\n".join(body + ["About the author", "Jane Doe", "Jane writes about Asia."])
    text, rows = clean_text(raw, clean=["author_box"])
    assert text == "\n".join(body)
    assert [(n, r) for n, _, r in rows] == [(7, "author_box"), (8, "author_box"), (9, "author_box")]
    # an 'author' line in the first half is not an author box
    early = "\n".join(["Author"] + body)
    assert clean_text(early, clean=["author_box"]) == (early, [])


def test_removed_line_numbers_refer_to_raw_lines():
    raw = "Image created by AI\r\n\r\nBody one.\r\n  II  \r\nBody two.\r\nSource: Xinhua"
    text, rows = clean_text(raw)
    assert text == "Body one.\nBody two."
    assert rows == [
        (1, "Image created by AI", "caption"),
        (4, "II", "section_number"),
        (6, "Source: Xinhua", "source_note"),
    ]
    raw_lines = raw.split("\r\n")
    for n, line, _ in rows:
        assert raw_lines[n - 1].strip() == line


def test_clean_false_keeps_everything_but_normalises():
    raw = (
        "Image created by AI\nBy: Jane Doe\nII\n"
        "China\u2019s \u201cwin\u2013win\u201d\u00a0plan.\n\n\n\nEnd."
    )
    text, rows = clean_text(raw, clean=False)
    assert rows == []
    assert text == 'Image created by AI\nBy: Jane Doe\nII\nChina\'s "win-win" plan.\n\nEnd.'


# --------------------------------------------------------------------------- seeds


def test_seeds_load_with_metadata(seeds_corpus, seeds_dir):
    assert len(seeds_corpus) == 5
    meta = pd.read_csv(seeds_dir / "metadata.csv", dtype=str, keep_default_na=False)
    assert list(meta.columns) == SEED_COLUMNS
    assert seeds_corpus.doc_ids == meta["doc_id"].tolist()
    assert list(seeds_corpus.docs.columns) == ["doc_id", "text", "raw_text"] + SEED_COLUMNS[1:]
    assert seeds_corpus.metadata_columns == SEED_COLUMNS[1:]
    assert sorted(seeds_corpus.docs["file"]) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert seeds_corpus.skipped.empty
    assert "Nothing was skipped" in seeds_corpus.report()
    by_file = seeds_corpus.docs.set_index("file")
    for name in by_file.index:
        raw = (seeds_dir / name).read_text("utf-8")
        assert by_file.loc[name, "raw_text"] == raw  # raw text kept exactly


def test_seeds_cleaning_is_accounted_for(seeds_corpus):
    """Every non-blank raw line is either in the text or recorded in ``removed``."""
    removed = seeds_corpus.removed
    assert list(removed.columns) == ["doc_id", "line_no", "line", "rule"]
    assert set(removed["rule"]) <= set(CLEANING_RULES)
    for row in seeds_corpus.docs.itertuples():
        raw_lines = normalize_unicode(row.raw_text).split("\n")
        gone = removed[removed["doc_id"] == row.doc_id]
        for n, line in zip(gone["line_no"], gone["line"], strict=True):
            assert raw_lines[n - 1] == line
        kept = [ln for ln in row.text.split("\n") if ln.strip()]
        assert Counter(kept) + Counter(gone["line"]) == Counter(
            ln for ln in raw_lines if ln.strip()
        )
    lines = set(removed["line"])
    assert "Image created by AI" in lines
    assert "By: Aqsa Younas Rana" in lines
    assert "(Originally appeared in Qiushi Journal, Chinese edition, No. 2, 2025)" in lines


def test_seeds_without_cleaning(seeds_dir):
    corpus = load_corpus(seeds_dir, clean=False)
    assert corpus.removed.empty
    for row in corpus.docs.itertuples():
        raw_lines = [ln for ln in normalize_unicode(row.raw_text).split("\n") if ln.strip()]
        assert [ln for ln in row.text.split("\n") if ln.strip()] == raw_lines
    assert "Image created by AI" in corpus.docs["text"].iloc[0]


def test_summary_counts_agree_with_text_functions(seeds_corpus):
    summary = seeds_corpus.summary()
    assert list(summary.columns) == [
        "doc_id",
        "n_chars",
        "n_sentences",
        "n_tokens",
        "n_types",
        "lines_removed",
    ]
    for row, text in zip(summary.itertuples(), seeds_corpus.docs["text"], strict=True):
        toks = [t for t, _, _ in tokenize(text)]
        assert row.n_chars == len(text)
        assert row.n_tokens == len(toks)
        assert row.n_types == len(set(toks))
        assert row.n_sentences == len(split_sentences(text))
        assert row.lines_removed == (seeds_corpus.removed["doc_id"] == row.doc_id).sum()


# --------------------------------------------------------------------------- groups


def test_groups_on_seeds(seeds_corpus, seeds_dir):
    meta = pd.read_csv(seeds_dir / "metadata.csv", dtype=str, keep_default_na=False)
    labels = seeds_corpus.groups("source_type")
    assert labels.index.tolist() == seeds_corpus.doc_ids
    assert labels.tolist() == meta["source_type"].tolist()
    outlet = seeds_corpus.groups("outlet")
    expected = [v if v else "(missing)" for v in meta["outlet"]]
    assert outlet.tolist() == expected and "(missing)" in expected
    assert seeds_corpus.groups(None).tolist() == seeds_corpus.doc_ids
    assert seeds_corpus.groups("doc_id").tolist() == seeds_corpus.doc_ids


def test_groups_missing_values_become_missing_label(toy_corpus):
    assert toy_corpus.groups("source").tolist() == ["state", "state", "foreign", "(missing)"]
    assert toy_corpus.groups("outlet").tolist() == ["X", "Y", "Z", "(missing)"]


@pytest.mark.parametrize("by", ["nope", "text", "raw_text"])
def test_groups_unknown_column(seeds_corpus, by):
    msg = rf"by: no metadata column '{by}'; available columns: \['file', 'title', 'outlet'"
    with pytest.raises(ValueError, match=msg):
        seeds_corpus.groups(by)


# --------------------------------------------------------------------------- frames


def test_from_frame_and_subset(toy_frame):
    corpus = Corpus.from_frame(toy_frame)
    assert corpus.doc_ids == ["a", "b", "c", "d"]
    assert corpus.docs["text"].tolist() == toy_frame["text"].tolist()
    assert corpus.metadata_columns == ["source", "outlet"]
    sub = corpus.subset(corpus.docs["source"] == "state")
    assert sub.doc_ids == ["a", "b"]
    assert sub.tokens.n_docs == 2


def test_corpus_requires_doc_id_and_text():
    with pytest.raises(ValueError, match="'doc_id' and 'text'"):
        Corpus(docs=pd.DataFrame({"id": [1]}))


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("The logo of the summit. It was a major event. PHOTO BY XINHUA REPORTER REN CHAO", True),
        ("Delegates attend the forum in Beijing. (Xinhua/Li Xueren)", True),
        ("President Xi meets guests. PHOTOS BY CHINA DAILY", True),
        ("He said photo by photo they built it.", False),
        ("China and the U.S. agreed (AP).", False),
        ("The exhibition showed a photo by Xinhua reporter Li.", False),
    ],
)
def test_photo_credit_rule_removes_whole_caption_paragraphs(line, removed):
    text, rows = clean_text(f"First line of the article.\n{line}", clean=["photo_credit"])
    assert bool(rows) is removed
    assert (line in text) is not removed


def test_seed_captions_with_credits_are_removed(seeds_corpus):
    rows = seeds_corpus.removed
    credits = rows[rows["rule"] == "photo_credit"]
    assert credits["line_no"].tolist() == [7, 30]
    assert "PHOTO BY" not in seeds_corpus.docs.set_index("doc_id").loc["qiushi_2025_02", "text"]


def test_written_by_byline_is_removed_but_prose_kept():
    text, rows = clean_text("Written by Jane Doe\nWritten by hand, the note was short.")
    assert [r for _, _, r in rows] == ["byline"]
    assert text == "Written by hand, the note was short."


def test_file_with_two_metadata_rows_is_not_loaded_with_empty_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Peace and development.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Win-win cooperation.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet\na.txt,X\na.txt,Y\nb.txt,Z\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning):
        corpus = load_corpus(tmp_path, on_error="skip")
    assert corpus.doc_ids == ["b"]
    assert corpus.skipped["row"].tolist() == ["2", "3"]


def test_duplicate_doc_id_in_metadata_names_its_row(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Peace.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,doc_id\na.txt,same\nb.txt,same\n", "utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv \(row 3\): duplicate doc_id 'same'"):
        load_corpus(tmp_path)


def test_as_corpus_loads_a_dataframe_like_load_corpus():
    from framing.corpus import as_corpus

    df = pd.DataFrame({"doc_id": ["a"], "text": ["Image created by AI\nWin\u2013win ties."]})
    corpus = as_corpus(df)
    assert (
        corpus.docs["text"].tolist() == load_corpus(df).docs["text"].tolist() == ["Win-win ties."]
    )
    assert as_corpus(corpus) is corpus
    with pytest.raises(TypeError, match="got int"):
        as_corpus(3)


def test_reserved_column_names_are_kept_as_original_columns():
    df = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "key": ["x", "y"],
            "text": ["old", "old"],
            "body": ["Peace.", "War."],
        }
    )
    corpus = load_corpus(df, id_column="key", text_column="body")
    assert corpus.doc_ids == ["x", "y"]
    assert corpus.docs["text"].tolist() == ["Peace.", "War."]
    assert corpus.docs["original_doc_id"].tolist() == ["a", "b"]
    assert corpus.docs["original_text"].tolist() == ["old", "old"]
