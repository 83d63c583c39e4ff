#!/usr/bin/env python3
"""Builds src/text/english-phrases.tsv: everyday English phrases whose meaning is not the sum
of their words, from WordNet's multi-word entries.

Patients write "get rid of", "take it easy", "set one off", "in the first place", "just in
case", "waiting list". Word by word, "rid", "easy", "first" and "place" look like topics that
a passage must mention, and "waiting" and "list" like two common words that may go unanswered.
As phrases they are a verb with a meaning of its own (get rid of = eliminate; take it easy =
relax), a manner of speaking that asks about nothing (in the first place, just in case), or
one thing with a name of two words (a waiting list, a blood clot), which a passage must name.

Input (installed on a developer's machine only; builds and tests never need it):
  - WordNet 3.0, Debian package `wordnet-base` (/usr/share/wordnet). WordNet 3.0 licence.
  - wordfreq 3.1 (`pip install wordfreq`), only to keep phrases made of everyday words.
Run:  python3 tools/gen_english_phrases.py > src/text/english-phrases.tsv

Output, one line per phrase, sorted by bytes:  phrase TAB pos TAB relations
  phrase     two to four words, space-separated, as WordNet lists them
  pos        v for a verb phrase (get rid of), r for an adverbial one (in the first place),
             a for an adjectival one (a couple of), n for a compound noun (waiting list): the
             part of speech most of its senses have. Names (New York, Big Blue: every sense an
             instance, or always written with capitals) are left out.
  relations  for verb phrases and nouns, space-separated `word:kind`, single words only:
             s  synonym: shares the phrase's most frequent sense (get rid of -> eliminate,
                blood clot -> thrombus)
             u  for verbs, one step up from its most frequent sense: broader (set off ->
                initiate)
"""
import os
import re
import sys

# The WordNet reader of the word data's generator: one reading of the files for both.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_english_data import index, load_data, load_index, lowercase, synsets, zipf  # noqa: E402

# Every word of a phrase at least this common: phrases of everyday words, as patients write
# them ("get rid of"), not terms ("ad_hoc", "in_vitro").
MIN_WORD_ZIPF = 3.0
# A related word every text uses says nothing ("get rid of" -> "get"), nor does a rare one.
MAX_RELATED_ZIPF = 5.5
MIN_RELATED_ZIPF = 2.0
WORD = re.compile(r"^[a-z]+$")


def everyday(phrase):
    parts = phrase.split("_")
    return 2 <= len(parts) <= 4 and all(WORD.match(p) and zipf(p) >= MIN_WORD_ZIPF for p in parts)


def related(phrase, pos):
    """Single words sharing the phrase's two most frequent senses, where that sense is one of
    the word's own two most frequent too (as in gen_english_data.py), and for a verb the
    broader words of its most frequent sense."""
    out = {}
    for rank, off in enumerate(index[(phrase, pos)][:2]):
        words, ptrs = synsets[(pos, off)]
        for w in words:
            if w != phrase and "_" not in w and off in index.get((w, pos), [])[:2]:
                out.setdefault(w, "s")
        if rank == 0 and pos == "v":
            for sym, ppos, poff, *_ in ptrs:
                if sym == "@":
                    for w in synsets[(ppos, poff)][0]:
                        if "_" not in w and poff in index.get((w, ppos), [])[:2]:
                            out.setdefault(w, "u")
    words = phrase.split("_")
    return [
        (w, k) for w, k in out.items()
        if w not in words and WORD.match(w) and MIN_RELATED_ZIPF <= zipf(w) < MAX_RELATED_ZIPF
    ]


def main():
    for pos in "nvar":
        load_data(pos)
        load_index(pos)
    senses = {}
    for (lemma, pos), offs in index.items():
        if "_" in lemma and everyday(lemma):
            senses.setdefault(lemma, {})[pos] = len(offs)
    out = []
    for lemma, by_pos in senses.items():
        pos = max("vran", key=lambda p: by_pos.get(p, 0))
        if pos == "n" and (
            all(any(sym == "@i" for sym, *_ in synsets[("n", off)][1]) for off in index[(lemma, "n")])
            or (lemma, "n") not in lowercase
        ):
            continue  # a name (New York, Big Blue): its words stay words, as patients type them
        if pos == "v":
            rels = related(lemma, "v")
            if not rels:
                continue  # a verb phrase with no single word for it: its words say it
        elif pos == "n":
            rels = related(lemma, "n")
        else:
            rels = []
        listed = " ".join(f"{w}:{k}" for w, k in sorted(rels, key=lambda t: ("su".index(t[1]), t[0])))
        out.append((lemma.replace("_", " "), pos, listed))
    out.sort(key=lambda t: t[0].encode())
    print("# English phrases for spider-vein-bot, made by tools/gen_english_phrases.py.")
    print("# From WordNet 3.0, (c) 2006 Princeton University. WordNet 3.0 licence:")
    print("# permission to use, copy, modify and distribute this software and database and its")
    print("# documentation for any purpose and without fee or royalty is hereby granted, provided")
    print("# that the copyright notice and this statement appear on ALL copies. WORDNET 3.0 IS")
    print("# PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES.")
    for phrase, pos, listed in out:
        print(f"{phrase}\t{pos}\t{listed}")


if __name__ == "__main__":
    sys.exit(main())
