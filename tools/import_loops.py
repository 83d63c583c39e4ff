#!/usr/bin/env python3
"""Checks the crate's module graph: no import loop between files, and no module that imports
from its own folder's mod.rs (a folder's mod.rs is its front door, not its workshop).

Usage: tools/import_loops.py [SRC_DIR]   (default: src). Exit status 1 when either is found.

Every crate root (src/lib.rs, src/main.rs and the binaries under src/bin/) is walked through
its `mod x;` lines. In each file, every `use` statement (braces expanded) and every path
written inline (`crate::a::b`, `super::c`) is resolved to the file that defines its longest
module prefix; that is an edge from the file to that file. `mod x;` lines are not edges: a
parent declaring a child is the tree, not an import. `pub use` lines are edges like any use.
Code inside an inline `mod name { ... }` (the unit tests) counts for its file, with `super`
meaning the file's own module.
"""

import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "src"


def strip_comments_and_strings(text):
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)  # raw strings (roughly)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\])'", "''", text)
    text = re.sub(r"/\*(?:.|\n)*?\*/", "", text)
    return re.sub(r"//[^\n]*", "", text)


def child_file(parent_file, parent_is_dir_owner, name):
    """The file of module `name` declared in `parent_file`."""
    base = os.path.dirname(parent_file)
    if not parent_is_dir_owner:
        stem = os.path.splitext(os.path.basename(parent_file))[0]
        base = os.path.join(base, stem)
    for cand in (os.path.join(base, name + ".rs"), os.path.join(base, name, "mod.rs")):
        if os.path.exists(cand):
            return cand
    return None


def walk(root):
    """Maps module path tuples to files, for the crate whose root file is `root`."""
    modules = {(): root}
    stack = [((), root, True)]
    while stack:
        path, file, owner = stack.pop()
        text = strip_comments_and_strings(open(file, encoding="utf-8").read())
        for m in re.finditer(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", text, re.M):
            name = m.group(1)
            f = child_file(file, owner, name)
            if f is None:
                continue
            child = path + (name,)
            modules[child] = f
            is_owner = os.path.basename(f) == "mod.rs"
            stack.append((child, f, is_owner))
    return modules


def expand(tree):
    """`a::{b, c::{d, self}}` -> ['a::b', 'a::c::d', 'a::c']"""
    tree = re.sub(r"\s+", "", tree)
    i = tree.find("{")
    if i < 0:
        return [re.sub(r"\bas\w+$", "", tree)] if tree else []
    prefix, inner = tree[:i], tree[i + 1 : tree.rfind("}")]
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if not p:
            continue
        if p == "self":
            out.append(prefix.rstrip(":"))
        else:
            out.extend(expand(prefix + p))
    return out


def paths_in(text):
    """Every module path the file names: from use statements, then written inline."""
    found = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        found.extend(p.replace(" as ", "") for p in expand(m.group(1)))
    body = re.sub(r"\buse\s+[^;]+;", "", text)
    found.extend(re.findall(r"\b(?:crate|super|self)(?:::\w+)+", body))
    return found


def resolve(path, here, modules):
    """The file that defines the longest module prefix of `path`, seen from module `here`."""
    segs = path.split("::")
    if segs[0] == "crate":
        base, segs = (), segs[1:]
    elif segs[0] == "super":
        base = here
        while segs and segs[0] == "super":
            base, segs = base[:-1], segs[1:]
    elif segs[0] == "self":
        base, segs = here, segs[1:]
    else:
        return None  # an outside crate, std, or a name brought in by another use
    best = modules.get(base)
    cur = base
    for s in segs:
        cur = cur + (s,)
        if cur in modules:
            best = modules[cur]
        else:
            break
    return best


def main():
    roots = [os.path.join(SRC, f) for f in ("lib.rs", "main.rs") if os.path.exists(os.path.join(SRC, f))]
    bindir = os.path.join(SRC, "bin")
    if os.path.isdir(bindir):
        for entry in sorted(os.listdir(bindir)):
            p = os.path.join(bindir, entry)
            roots.append(p if entry.endswith(".rs") else os.path.join(p, "main.rs"))
    edges = {}
    bad = []
    for root in roots:
        modules = walk(root)
        for mod_path, file in modules.items():
            raw = open(file, encoding="utf-8").read()
            text = strip_comments_and_strings(raw)
            # Inline modules (unit tests): `super` there is this file's module.
            split = re.search(r"^\s*(?:pub\s+)?mod\s+\w+\s*\{", text, re.M)
            parts = [(text, mod_path)] if not split else [
                (text[: split.start()], mod_path),
                (text[split.start():], mod_path + ("<inline>",)),
            ]
            for chunk, here in parts:
                for p in paths_in(chunk):
                    target = resolve(p, here, modules)
                    if target is None or target == file:
                        continue
                    edges.setdefault(file, set()).add(target)
                    folder = os.path.dirname(file)
                    if (
                        os.path.basename(target) == "mod.rs"
                        and os.path.dirname(target) == folder
                        and os.path.basename(file) != "mod.rs"
                    ):
                        bad.append(f"{file} imports from its folder's mod.rs ({p})")
    # Loops: strongly connected components of more than one file (Tarjan).
    index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
        if v not in index:
            visit(v)
    for comp in sccs:
        bad.append("import loop: " + " <-> ".join(comp))
    files = len({f for f in edges} | {t for ts in edges.values() for t in ts})
    for line in sorted(set(bad)):
        print(line)
    n_edges = sum(len(t) for t in edges.values())
    print(f"{files} files, {n_edges} imports between them: "
          + ("no loop, no import from a folder's own mod.rs" if not bad else f"{len(set(bad))} problem(s)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
