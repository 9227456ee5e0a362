#!/usr/bin/env python3
"""What the search page downloads for a query: the bytes of each index file it fetches.

usage: search-transfer.py OUTPUT_DIR QUERY [QUERY...]
Follows Theme/assets/search.js: docs.json, the shards of the query's keys, then the text chunks of
the first page of ten confirmed results (title hits first, then newest). Prints one line a query.
"""
import json
import os
import sys

PAGE = 10
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def fold(c):
    if 0xFF01 <= c <= 0xFF5E:
        c -= 0xFEE0
    if 0x41 <= c <= 0x5A:
        c += 0x20
    return c


def is_han(c):
    return 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF


def units(text):
    data = text.encode("utf-16-le")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def keys_of(text):
    keys, previous, word = [], 0, ""
    for u in units(text):
        c = fold(u)
        if is_han(c):
            if 0 < len(word) <= 32:
                keys.append(word)
            word = ""
            if previous:
                keys.append(chr(previous) + chr(c))
            previous = c
        elif 0x61 <= c <= 0x7A or 0x30 <= c <= 0x39:
            previous = 0
            word += chr(c)
        else:
            previous = 0
            if 0 < len(word) <= 32:
                keys.append(word)
            word = ""
    if 0 < len(word) <= 32:
        keys.append(word)
    return keys


def fnv(key):
    h = 0x811C9DC5
    for u in units(key):
        h = ((h ^ u) * 0x01000193) & 0xFFFFFFFF
    return h


def normalize(text):
    return "".join(chr(fold(ord(ch))) if ord(ch) < 0x10000 else ch for ch in text)


def main():
    root = os.path.join(sys.argv[1], "search")
    fetched = {}

    def get(path):
        full = os.path.join(root, path)
        if path not in fetched:
            fetched[path] = os.path.getsize(full)
        with open(full, encoding="utf-8") as f:
            return json.load(f)

    for query in sys.argv[2:]:
        fetched.clear()
        table = get("docs.json")
        starts, start = [], 0
        for ch in table["chunks"]:
            starts.append(start)
            start += ALPHABET.index(ch)
        terms = [(normalize(w), keys_of(w)) for w in query.split() if keys_of(w)]
        keys = [k for _, ks in terms for k in ks]
        all_ids = title_ids = None
        for key in keys:
            entry = get(f"k/{fnv(key) & (table['shards'] - 1)}.json").get(key)
            if entry is None:
                all_ids, title_ids = [], []
                break
            ids, tids, n = [], [], 0
            for d in entry[0]:
                n += d
                ids.append(n)
            n = 0
            for d in entry[1]:
                n += d
                tids.append(n)
            all_ids = ids if all_ids is None else sorted(set(all_ids) & set(ids))
            title_ids = tids if title_ids is None else sorted(set(title_ids) & set(tids))
        in_title = set(title_ids)
        queue = [i for i in all_ids if i in in_title] + [i for i in all_ids if i not in in_title]
        shown = 0
        for doc_id in queue:
            if shown == PAGE:
                break
            chunk = max(c for c, s in enumerate(starts) if s <= doc_id)
            record = get(f"t/{chunk}.json")[doc_id - starts[chunk]]
            text = normalize(record[0] + " " + record[3])
            if all(t in text for t, _ in terms):
                shown += 1
        kinds = {"docs.json": 0, "k": 0, "t": 0}
        counts = {"k": 0, "t": 0}
        for path, size in fetched.items():
            kind = path.split("/")[0] if "/" in path else path
            kinds[kind] += size
            if kind in counts:
                counts[kind] += 1
        total = sum(kinds.values())
        print(
            f"{query}: {len(queue)} hits, {shown} shown; {total / 1024:.1f} KB = docs.json {kinds['docs.json'] / 1024:.1f}"
            f" + {counts['k']} shards {kinds['k'] / 1024:.1f} + {counts['t']} text chunks {kinds['t'] / 1024:.1f}"
        )


if __name__ == "__main__":
    main()
