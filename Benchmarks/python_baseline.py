#!/usr/bin/env python3
"""The plain-Python baseline: walks a folder (sorted, hidden files skipped),
reads every file as text and counts the matches of each reference pattern
with re.finditer. One process, no parsing of formats, no normalization."""
import os
import re
import sys


def files_under(folder):
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(root, name)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python_baseline.py PATTERNS_FILE FOLDER")
    patterns_path, folder = sys.argv[1:]
    with open(patterns_path, encoding="utf-8") as lines:
        patterns = [re.compile(line.rstrip("\n")) for line in lines if line.strip()]
    files = 0
    matches = [0] * len(patterns)
    for path in files_under(folder):
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        files += 1
        for index, pattern in enumerate(patterns):
            for _ in pattern.finditer(text):
                matches[index] += 1
    print(f"{files} files, {sum(matches)} matches ({', '.join(map(str, matches))})")


if __name__ == "__main__":
    main()
