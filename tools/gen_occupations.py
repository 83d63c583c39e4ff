#!/usr/bin/env python3
"""Builds src/text/occupations.txt: English nouns naming what a person does for a living or a
sport they do ("teacher", "hairdresser", "driver", "runner"), so that a patient's "I'm a
hairdresser, does standing all day make them worse?" asks about standing, not hairdressers.

A word is listed when its most frequent noun sense has, somewhere above it in WordNet's
hierarchy, one of: worker (someone who works), professional, employee, athlete, or an operator
of a vehicle or machine. Conditions a person has ("diabetic", "smoker") are not below any of
these, and stay words a passage must answer.

Inputs (installed on a developer's machine only; builds and tests never need them):
  - WordNet 3.0, Debian package `wordnet-base` (/usr/share/wordnet). WordNet 3.0 licence.
  - wordfreq 3.1 (`pip install wordfreq`), its `large_en` list. Data CC BY-SA 4.0.
Run:  python3 tools/gen_occupations.py > src/text/occupations.txt
"""
import os
import re
import sys

import wordfreq

WN = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")
MIN_ZIPF = 2.0
# (lemma, sense number): the tops of the hierarchy an occupation sits under.
TOPS = [("worker", 1), ("professional", 1), ("employee", 1), ("athlete", 1), ("operator", 2),
        ("skilled_worker", 1)]
WORD = re.compile(r"^[a-z]+$")


def read_index():
    senses = {}
    with open(os.path.join(WN, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
            offsets = parts[4 + p_cnt + 2:]
            senses[lemma] = offsets[:synset_cnt]
    return senses


def read_hypernyms():
    """Each synset's hypernyms, and the synsets that are instances (a named person)."""
    up = {}
    instances = set()
    with open(os.path.join(WN, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split()
            offset, w_cnt = parts[0], int(parts[3], 16)
            at = 4 + 2 * w_cnt
            p_cnt = int(parts[at])
            ptrs = parts[at + 1: at + 1 + 4 * p_cnt]
            up[offset] = [ptrs[i + 1] for i in range(0, len(ptrs), 4)
                          if ptrs[i] in ("@", "@i")]
            if any(ptrs[i] == "@i" for i in range(0, len(ptrs), 4)):
                instances.add(offset)
    return up, instances


def under(offset, tops, up, seen=None):
    """Whether synset `offset` has one of `tops` at or above it in WordNet's hierarchy (`up`:
    each synset's hypernyms, from `read_hypernyms`)."""
    seen = set() if seen is None else seen
    if offset in tops:
        return True
    if offset in seen:
        return False
    seen.add(offset)
    return any(under(o, tops, up, seen) for o in up.get(offset, []))


def print_list(what, script, words):
    """Prints the generated file: its header (sources and licences), then `words` sorted."""
    print(f"# {what}, derived from WordNet 3.0 (c) 2006")
    print("# Princeton University (WordNet 3.0 licence: use, copy, modify and distribute with this notice)")
    print("# and filtered by wordfreq 3.1 word frequencies (c) Robyn Speer and contributors (data CC BY-SA")
    print(f"# 4.0; this file is shared under CC BY-SA 4.0 too). Made by tools/{script}. Sorted.")
    for w in sorted(words):
        print(w)


def main():
    senses = read_index()
    up, instances = read_hypernyms()
    tops = {senses[lemma][n - 1] for lemma, n in TOPS}
    out = []
    for lemma, offsets in senses.items():
        if not WORD.match(lemma) or not offsets:
            continue
        if wordfreq.zipf_frequency(lemma, "en", wordlist="large") < MIN_ZIPF:
            continue
        # A named person ("Aaron", a ballplayer) is no occupation.
        if offsets[0] not in instances and under(offsets[0], tops, up):
            out.append(lemma)
    print_list("Nouns naming an occupation or a sport a person does", "gen_occupations.py", out)


if __name__ == "__main__":
    sys.exit(main())
