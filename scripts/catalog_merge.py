#!/usr/bin/env python3
"""Merge new entries (a JSON object on stdin) into one catalog source file, keeping keys sorted.

Usage: scripts/catalog_merge.py Sources/Klankbord/Localization/Catalog+English.swift < new.json
"""
import json, re, sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
head, rest = text.split("[\n", 1)
body, tail = rest.rsplit("    ]\n", 1)
entries = dict(re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)",\s*$', body, re.M))
entries = {k: json.loads('"' + v + '"') for k, v in entries.items()}
entries.update(json.load(sys.stdin))
lines = "".join(f"        {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in sorted(entries.items()))
open(path, "w", encoding="utf-8").write(head + "[\n" + lines + "    ]\n" + tail)
