#!/usr/bin/env python3
"""Builds src/text/activities.txt: English words naming a kind of physical exercise or sport
("running", "cycling", "swimming", "weightlifting"), so that where a clinic's documents name
the activity somewhere, a passage about exercise or physical activity speaks to it: "can
running get rid of my spider veins" is answered by "Exercise cannot remove existing spider
veins". An activity no document names ("is yoga good for my veins") is left to the documents:
it may be the very thing a specialist would want to weigh.

A word is listed when its first or second noun sense has, somewhere above it in WordNet's
hierarchy, exercise (physical exertion), sport (an athletic activity), a walk or a run, and it
is a noun or a gerund ("cycling") more than anything else: "clean" (a lift) is an adjective.
Words for exercise or sport itself ("exercise", "workout", "athletics") are not listed.

Inputs (installed on a developer's machine only; builds and tests never need them):
  - WordNet 3.0, Debian package `wordnet-base` (/usr/share/wordnet). WordNet 3.0 licence.
  - wordfreq 3.1 (`pip install wordfreq`), its `large_en` list. Data CC BY-SA 4.0.
Run:  python3 tools/gen_activities.py > src/text/activities.txt
"""
import os
import re
import sys

import wordfreq

from gen_occupations import WN, print_list, read_hypernyms, read_index, under

MIN_ZIPF = 2.5
# (lemma, sense number): physical exercise, sport, a walk, a run (the act of running).
TOPS = [("exercise", 1), ("sport", 1), ("walk", 1), ("running", 2)]
WORD = re.compile(r"^[a-z]+$")


def sense_counts(pos):
    counts = {}
    with open(os.path.join(WN, f"index.{pos}"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                parts = line.split()
                counts[parts[0]] = int(parts[2])
    return counts


def main():
    senses = read_index()
    up, instances = read_hypernyms()
    tops = {senses[lemma][n - 1] for lemma, n in TOPS}
    others = [sense_counts(pos) for pos in ("verb", "adj", "adv")]
    out = []
    for lemma, offsets in senses.items():
        if not WORD.match(lemma) or not offsets:
            continue
        if wordfreq.zipf_frequency(lemma, "en", wordlist="large") < MIN_ZIPF:
            continue
        mostly_noun = all(len(offsets) >= c.get(lemma, 0) for c in others)
        if not (mostly_noun or lemma.endswith("ing")):
            continue
        # Not exercise or sport itself: "exercise" is no kind of "activity" to a passage.
        if offsets[0] in tops:
            continue
        if any(o not in instances and under(o, tops, up) for o in offsets[:2]):
            out.append(lemma)
    print_list("Words naming a kind of physical exercise or sport", "gen_activities.py", out)


if __name__ == "__main__":
    sys.exit(main())
