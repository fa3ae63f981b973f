#!/usr/bin/env python3
"""Extracts the keepalived.conf snippets from the seed articles, lines unchanged.

A snippet starts at a top-level keepalived block keyword (or a '! Configuration File' line) and runs
while braces are open, or while the following lines are blank, comments, or further top-level blocks.
Usage: extract_seeds.py SEED_DIR OUT_DIR
"""
import os, re, sys

TOP = re.compile(r'^\s*(global_defs|vrrp_instance|vrrp_script|vrrp_sync_group|virtual_server|virtual_server_group'
                 r'|vrrp_track_process|track_file|static_ipaddress|static_routes|include)\b')

def depth_change(line):
    code = re.split(r'[#!]', line, 1)[0]
    return code.count('{') - code.count('}')

def extract(lines):
    snippets, cur, depth = [], None, 0
    for line in lines:
        if cur is None:
            if TOP.match(line) or line.startswith('! Configuration File'):
                cur, depth = [line], depth_change(line)
            continue
        if depth > 0:
            cur.append(line); depth += depth_change(line); continue
        s = line.strip()
        if s == '' or s.startswith('!') or s.startswith('#') or TOP.match(line) or s == '{':
            cur.append(line); depth += depth_change(line); continue
        snippets.append(cur); cur = None
    if cur: snippets.append(cur)
    out = []
    for sn in snippets:
        while sn and sn[-1].strip() == '': sn.pop()
        if any(TOP.match(l) for l in sn): out.append(sn)
    return out

seed_dir, out_dir = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(seed_dir)):
    with open(os.path.join(seed_dir, name), encoding='utf-8') as f:
        lines = f.read().splitlines()
    for i, sn in enumerate(extract(lines)):
        path = os.path.join(out_dir, f'{name[:3]}_{i}.conf')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(sn) + '\n')
