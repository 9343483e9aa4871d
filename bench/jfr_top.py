#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples: self (top of stack) and total (anywhere in the stack).
   jfr print --events jdk.ExecutionSample rec.jfr > samples.txt; python3 bench/jfr_top.py samples.txt [N]"""
import collections, re, sys

text = open(sys.argv[1]).read()
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
self_c, total_c, samples = collections.Counter(), collections.Counter(), 0
for block in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>/]+\.[\w$<>]+)\(", block, re.M)
    if not frames:
        continue
    samples += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        total_c[f] += 1
print(f"{samples} samples")
print("-- self"); [print(f"{100*c/samples:5.1f}% {f}") for f, c in self_c.most_common(n)]
print("-- total"); [print(f"{100*c/samples:5.1f}% {f}") for f, c in total_c.most_common(n)]
