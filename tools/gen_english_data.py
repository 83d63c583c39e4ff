#!/usr/bin/env python3
"""Builds src/text/english.tsv: how common each English word is, and the words it relates to.

The engine weighs a question's words by how much they say in English at large (a word every
text uses, such as "available", cannot veto an answer; "sauna" can), and matches a word to a
passage that says the same thing in other words (itchy -> itch, bike -> cycling, hurt -> pain).

Inputs (installed on a developer's machine only; builds and tests never need them):
  - WordNet 3.0, Debian package `wordnet-base` (/usr/share/wordnet). WordNet 3.0 licence.
  - wordfreq 3.1 (`pip install wordfreq`), its `large_en` list. Data CC BY-SA 4.0.
Run:  python3 tools/gen_english_data.py > src/text/english.tsv

Output, one line per word, sorted by bytes:  word TAB zipf*10 TAB pos TAB relations
  zipf*10   the word's Zipf frequency (log10 per billion words), times ten, rounded; for an
            inflected form the larger of its own and its base form's ("riding" -> "ride").
  pos       the part of speech most of its senses have: n, v, a, r; p for a name (every
            sense an instance: "spain", "florida"); - if WordNet lacks the word
  relations space-separated `word:kind`, kind one of
            b  base form (rode -> ride, feet -> foot)
            d  derivationally related (itchy -> itch, medication -> medicate)
            s  synonym: shares the word's most frequent sense (bike -> bicycle)
            a  similar adjective or pertainym (permanent -> lasting)
            u  one step up the hierarchy of the most frequent sense: broader (yoga -> exercise)
            p  the whole a body part belongs to (thigh -> leg, cheek -> face): a passage about
               legs speaks to a question about thighs. Body parts only (WordNet's noun.body),
               and never the body as a whole.
            w  a part of it: the inverse of p (leg -> thigh)
            v  close in meaning by static word vectors, where WordNet links the two words in
               no other way (socks ~ stockings); only with --neighbours FILE, made by
               tools/gen_word_neighbours.py. Never an antonym ("strongest" ~ "weaker") and
               never a word spelled alike (subword artefacts: "tights" ~ "tightrope").
            n  one step down: narrower (exercise -> yoga; for nouns only as the inverse of u)
Run with vectors:
  python3 tools/gen_word_neighbours.py > /tmp/neighbours.tsv
  python3 tools/gen_english_data.py --neighbours /tmp/neighbours.tsv > src/text/english.tsv
"""
import os
import re
import sys
from collections import defaultdict

import wordfreq

WN = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MIN_ZIPF = 2.0          # rarer words are left out: a missing word counts as rare and specific
MAX_RELATIONS = 24      # per word, strongest kinds first
# A relation to a word every text uses tells nothing ("ride" -> "go", "hurt" -> "smart"):
# synonyms and similar words must be rarer than this, hierarchy neighbours rarer still.
MAX_RELATED_ZIPF = {"b": 9.0, "d": 9.0, "s": 5.5, "a": 5.5, "p": 6.0, "w": 6.0, "v": 5.5,
                    "u": 5.0, "n": 5.0}
# Strongest kind first: a pair linked two ways keeps the first.
ORDER = "bdsapwvun"
# Wholes too general to speak to a part: a passage on "the body" says nothing of the chest.
GENERAL_WHOLES = {"body", "torso", "trunk", "head", "human", "man", "homo"}
MAX_NEIGHBOURS = 6      # vector neighbours kept per word
INVERSE = {"u": "n", "n": "u", "p": "w", "w": "p"}
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$|^[a-z]$")


def zipf(w):
    return wordfreq.zipf_frequency(w, "en", wordlist="large")


# ---- WordNet reading (format: wndb(5)) -------------------------------------------------
synsets = {}  # (pos, offset) -> (words, pointers)
lexfile = {}  # (pos, offset) -> lexicographer file number (8: noun.body)
lowercase = set()  # (lemma, pos) written in lowercase somewhere: not only a name ("Big_Blue")
NOUN_BODY = 8


def load_data(pos):
    with open(os.path.join(WN, "data." + POS[pos]), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split("|")[0].split()
            offset, ss_type = head[0], head[2]
            n = int(head[3], 16)
            written = [re.sub(r"\(.*\)$", "", head[4 + 2 * i]) for i in range(n)]
            words = [w.lower() for w in written]
            lowercase.update((w, pos) for w in written if w == w.lower())
            k = 4 + 2 * n
            p_cnt = int(head[k])
            ptrs = []
            for j in range(p_cnt):
                sym, off, ppos, st = head[k + 1 + 4 * j: k + 5 + 4 * j]
                ppos = "a" if ppos == "s" else ppos
                ptrs.append((sym, ppos, off, int(st[:2], 16), int(st[2:], 16)))
            synsets[(pos, offset)] = (words, ptrs)
            lexfile[(pos, offset)] = int(head[1])


index = defaultdict(list)  # (lemma, pos) -> [offsets by sense frequency]


def load_index(pos):
    with open(os.path.join(WN, "index." + POS[pos]), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            synset_cnt = int(parts[2])
            offs = parts[4 + p_cnt + 2:]
            index[(lemma, pos)] = offs[:synset_cnt]


exceptions = defaultdict(set)  # inflected -> bases


def load_exc(pos):
    with open(os.path.join(WN, POS[pos] + ".exc"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            for base in parts[1:]:
                exceptions[(parts[0], pos)].add(base)


SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


def morphy(word, pos):
    """WordNet's own base-form rules: the exception list, then regular endings."""
    out = set()
    if (word, pos) in index:
        out.add(word)
    for b in exceptions.get((word, pos), ()):
        if (b, pos) in index:
            out.add(b)
    for suf, rep in SUFFIXES[pos]:
        if word.endswith(suf) and len(word) > len(suf) + 1:
            b = word[: len(word) - len(suf)] + rep
            if (b, pos) in index:
                out.add(b)
            # doubled consonant: "stopped" -> "stop", "running" -> "run"
            if suf in ("ed", "ing") and rep == "" and len(b) > 2 and b[-1] == b[-2]:
                if (b[:-1], pos) in index:
                    out.add(b[:-1])
    # "riding" is "ride", not "rid": a short vowel before one consonant would have doubled it
    # ("ridding"), so where both exist the form with "e" is the base.
    for b in list(out):
        if b + "e" in out and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", b):
            out.discard(b)
    return out


def top(lemma, pos, n=2):
    """A word's most frequent senses: the only ones it is taken to mean here."""
    return index.get((lemma, pos), [])[:n]


def relations(word):
    rel = {}

    def add(w, kind):
        w = w.lower()
        if w == word or "_" in w or not WORD.match(w):
            return
        order = ORDER
        if w not in rel or order.index(kind) < order.index(rel[w]):
            rel[w] = kind

    def members(pos, off, kind, me=None):
        # A related word counts only where this sense is one of ITS most frequent too:
        # "bait" shares a rare sense with "ride", which makes neither a synonym of the other.
        for t in synsets[(pos, off)][0]:
            if t != me and off in top(t, pos, 2):
                add(t, kind)

    for pos in "nvar":
        for base in morphy(word, pos):
            if base != word:
                add(base, "b")
            for rank, off in enumerate(top(base, pos, 99)):
                words, ptrs = synsets[(pos, off)]
                try:
                    me = words.index(base) + 1
                except ValueError:
                    me = 0
                for sym, ppos, poff, src, tgt in ptrs:
                    if src != 0 and src != me:
                        continue
                    twords = synsets[(ppos, poff)][0]
                    if sym == "+":  # derivation, in every sense: it is about the word's form
                        for t in [twords[tgt - 1]] if tgt else twords:
                            add(t, "d")
                    elif rank > 0:
                        continue
                    elif sym in ("\\", "&", "^"):
                        members(ppos, poff, "a")
                    elif sym in ("@", "@i"):
                        members(ppos, poff, "u")
                    elif sym == "~" and pos == "v":
                        members(ppos, poff, "n")
                    elif (sym == "#p" and lexfile[(pos, off)] == NOUN_BODY
                          and lexfile[(ppos, poff)] == NOUN_BODY
                          and not set(synsets[(ppos, poff)][0]) & GENERAL_WHOLES):
                        members(ppos, poff, "p")
                if rank < 2:
                    members(pos, off, "s", base)
    return rel


def dominant_pos(word):
    """The part of speech most of the word's senses have (n, v, a or r; - if unknown): a
    common noun ("men", "age") names a topic, a common adjective ("available") rarely does."""
    counts = {}
    for pos in "nvar":
        for base in morphy(word, pos):
            counts[pos] = max(counts.get(pos, 0), len(index[(base, pos)]))
    if not counts:
        return "-"
    best = max("nvar", key=lambda p: counts.get(p, 0))
    if best == "n" and all(
        any(sym == "@i" for sym, *_ in synsets[("n", off)][1])
        for base in morphy(word, "n")
        for off in index[(base, "n")]
    ):
        return "p"  # a name: every sense is an instance (Spain, Florida, Monday)
    return best


def antonyms(word):
    """The antonyms of every sense of every base form of `word` ("strong" -> "weak")."""
    out = set()
    for pos in "nvar":
        for base in morphy(word, pos):
            for off in index.get((base, pos), []):
                words, ptrs = synsets[(pos, off)]
                me = words.index(base) + 1 if base in words else 0
                for sym, ppos, poff, src, tgt in ptrs:
                    if sym == "!" and (src == 0 or src == me):
                        twords = synsets[(ppos, poff)][0]
                        out.update(w.lower() for w in ([twords[tgt - 1]] if tgt else twords))
    return out


def bases(word):
    return {b for pos in "nvar" for b in morphy(word, pos)} | {word}


def spelled_alike(a, b):
    """Vectors of words split into the same subword pieces are close whatever they mean
    ("tights" ~ "tightrope", "sauna" ~ "mauna"): such pairs are left to WordNet."""
    prefix = len(os.path.commonprefix([a, b]))
    suffix = len(os.path.commonprefix([a[::-1], b[::-1]]))
    shortest = min(len(a), len(b))
    return prefix >= 4 or (suffix >= 4 and shortest <= 6) or (shortest >= 5 and prefix >= shortest - 1)


def add_neighbours(rels, words, path):
    """Adds vector neighbours (kind v) both ways, where WordNet relates the pair in no other
    way, neither is an antonym of the other and they are not spelled alike."""
    anti = {}
    family = {}

    def forms(x):
        # The word, its base forms, their derivations and pertainyms: "safely" -> "safe".
        if x not in family:
            family[x] = set(bases(x))
            if x.endswith("ly"):  # adverbs WordNet links to no adjective: "safely" -> "safe"
                family[x] |= {x[:-2], x[:-3] + "y"}
            for base in bases(x):
                family[x] |= {r for r, k in relations(base).items() if k in "da"}
        return family[x]

    def opposite(a, b):
        for x, y in ((a, b), (b, a)):
            if x not in anti:
                anti[x] = set().union(*(antonyms(f) for f in forms(x)))
            if forms(y) & anti[x]:
                return True
        # Opposites by a negative prefix WordNet does not list: "safe" and "unsafe".
        return any(
            f == p + g or g == p + f
            for f in forms(a)
            for g in forms(b)
            for p in ("un", "in", "im", "il", "ir", "dis", "non")
        )

    with open(path) as f:
        for line in f:
            word, _, listed = line.rstrip("\n").partition("\t")
            if word not in rels:
                continue
            kept = 0
            for item in listed.split():
                other, _, _cos = item.rpartition(":")
                if kept >= MAX_NEIGHBOURS:
                    break
                if other not in words or other == word or spelled_alike(word, other):
                    continue
                if other in rels[word] or bases(other) & bases(word) or opposite(word, other):
                    continue
                rels[word][other] = "v"
                rels.setdefault(other, {}).setdefault(word, "v")
                kept += 1


def main():
    for pos in "nvar":
        load_data(pos)
        load_index(pos)
        load_exc(pos)
    words = {}
    for w in wordfreq.iter_wordlist("en", "large"):
        if not WORD.match(w):
            continue
        z = zipf(w)
        if z < MIN_ZIPF:
            break  # the list is sorted, most frequent first
        words[w] = z
    lemmas = {lemma for (lemma, _pos) in index}
    rels = {}
    for w in words:
        rel = relations(w)
        if w not in lemmas:  # an inflected form: its base form says the rest
            rel = {r: k for r, k in rel.items() if k == "b"}
        rels[w] = {r: k for r, k in rel.items() if k == "b" or r in lemmas}
    # Relations both ways: "bike" lists "ride" as its broader verb, so "ride" lists "bike"
    # too, and a passage saying either covers a question saying the other.
    if "--neighbours" in sys.argv:
        add_neighbours(rels, words, sys.argv[sys.argv.index("--neighbours") + 1])
    order = ORDER
    for w in list(rels):
        for r, kind in list(rels[w].items()):
            if kind != "b" and r in rels and w in lemmas:
                back = rels[r]
                kind = INVERSE.get(kind, kind)
                if w not in back or order.index(kind) < order.index(back[w]):
                    back[w] = kind
    out = []
    for w in sorted(words, key=lambda s: s.encode()):
        rel = rels[w]
        z = words[w]
        for b, kind in rel.items():
            if kind == "b" and b in words:
                z = max(z, words[b])
        kinds = ORDER
        ranked = sorted(
            ((kind, -words[r], r) for r, kind in rel.items()
             if r in words and words[r] < MAX_RELATED_ZIPF[kind]),
            key=lambda t: (kinds.index(t[0]), t[1], t[2]),  # ties by word: reproducible
        )[:MAX_RELATIONS]
        listed = " ".join(f"{r}:{k}" for k, _, r in ranked)
        out.append(f"{w}\t{round(z * 10)}\t{dominant_pos(w)}\t{listed}")
    print("# English word data for spider-vein-bot, made by tools/gen_english_data.py.")
    print("# Frequencies: wordfreq 3.1 (large_en), (c) Robyn Speer et al., data CC BY-SA 4.0;")
    print("# this file is shared under CC BY-SA 4.0 as well.")
    print("# Relations: WordNet 3.0, (c) 2006 Princeton University. WordNet 3.0 licence:")
    print("# permission to use, copy, modify and distribute this software and database and its")
    print("# documentation for any purpose and without fee or royalty is hereby granted, provided")
    print("# that the copyright notice and this statement appear on ALL copies. WORDNET 3.0 IS")
    print("# PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES.")
    if "--neighbours" in sys.argv:
        print("# Word-vector neighbours (kind v): all-MiniLM-L6-v2, (c) the sentence-transformers")
        print("# authors, Apache-2.0, each word encoded alone (tools/gen_word_neighbours.py).")
    print("# Format: word TAB zipf*10 TAB pos TAB related:kind ... (kinds: b base, d derived,")
    print("# s synonym, a similar/pertainym, p whole of a body part, w its part, v close by word")
    print("# vectors, u broader, n narrower).")
    print("# See the script's docstring.")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
