#!/usr/bin/env python3
"""Compares the ToR's RIB (`gobgp global rib -j`, IPv4 and IPv6) with `svcadv preview-routes
--by prefix -o json`: the same prefixes, for every prefix the same set of next-hop nodes (the
ECMP width), and on every path the communities the plan gives that node's route.

usage: rib_compare.py PREVIEW.json NEXTHOPS.txt RIB4.json RIB6.json [--table]
NEXTHOPS.txt maps a next-hop address to a node name, one "ADDRESS NODE" a line.
Exit 0 when equal, 1 with one line per difference on stdout, 2 on an unreadable input. --table prints both side by side.
"""
import json
import sys


def community_text(attribute):
    """The communities of a path attribute as svcadv writes them (A:B, A:B:C)."""
    if attribute.get("type") == 8:
        return ["%d:%d" % (c >> 16, c & 0xFFFF) for c in attribute.get("communities", [])]
    if attribute.get("type") == 32:
        return ["%d:%d:%d" % (v.get("ASN", 0), v.get("LocalData1", 0), v.get("LocalData2", 0))
                for v in attribute.get("value", [])]
    return []


def tor_table(rib_files, next_hops, problems):
    """prefix -> {node: sorted communities} from the ToR's paths."""
    table = {}
    for path in rib_files:
        with open(path) as handle:
            text = handle.read().strip()
        rib = json.loads(text) if text else {}
        for prefix, paths in rib.items():
            for entry in paths:
                hop = None
                communities = []
                for attribute in entry.get("attrs", []):
                    if attribute.get("type") in (3, 14) and "nexthop" in attribute:
                        hop = attribute["nexthop"]
                    communities += community_text(attribute)
                node = next_hops.get(hop)
                if node is None:
                    problems.append("%s: next hop %s is no node of the lab" % (prefix, hop))
                    continue
                table.setdefault(prefix, {})[node] = sorted(communities)
    return table


def planned_table(preview):
    """prefix -> {node: sorted communities} from the preview."""
    table = {entry["prefix"]: {node: [] for node in entry["nodes"]}
             for entry in preview.get("prefixes", [])}
    for node in preview.get("nodes", []):
        for route in node.get("routes", []):
            if route["prefix"] in table and node["name"] in table[route["prefix"]]:
                table[route["prefix"]][node["name"]] = sorted(route.get("communities", []))
    return table


def main(argv):
    preview_path, hops_path, rib4, rib6 = argv[1:5]
    with open(preview_path) as handle:
        preview = json.load(handle)
    next_hops = {}
    with open(hops_path) as handle:
        for line in handle:
            if line.strip():
                address, node = line.split()
                next_hops[address] = node
    problems = []
    tor = tor_table([rib4, rib6], next_hops, problems)
    plan = planned_table(preview)
    if "--table" in argv:
        print("%-22s %-40s %s" % ("PREFIX", "PREVIEW (next-hop nodes)", "TOR (next-hop nodes)"))
        for prefix in sorted(set(plan) | set(tor)):
            print("%-22s %-40s %s" % (prefix, ",".join(sorted(plan.get(prefix, {}))) or "-",
                                      ",".join(sorted(tor.get(prefix, {}))) or "-"))
    for prefix in sorted(set(plan) | set(tor)):
        want, have = plan.get(prefix), tor.get(prefix)
        if have is None:
            problems.append("%s: planned on %s, absent at the ToR" % (prefix, ",".join(sorted(want))))
            continue
        if want is None:
            problems.append("%s: at the ToR from %s, not planned" % (prefix, ",".join(sorted(have))))
            continue
        if set(want) != set(have):
            problems.append("%s: next hops planned %s, at the ToR %s" % (
                prefix, ",".join(sorted(want)), ",".join(sorted(have))))
        for node in sorted(set(want) & set(have)):
            if want[node] != have[node]:
                problems.append("%s via %s: communities planned [%s], at the ToR [%s]" % (
                    prefix, node, " ".join(want[node]), " ".join(have[node])))
    for problem in problems:
        print(problem)
    if not problems and "--table" not in argv:
        print("equal: %d prefixes, %d paths" % (len(plan), sum(len(n) for n in plan.values())))
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError, KeyError, TypeError) as error:  # a bad input: not a difference
        print("rib_compare.py: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        sys.exit(2)
