"""Reads an N-Quads export with rdflib and checks its quad count.

usage: python3 nquads.py FILE QUADS
"""
import sys

import rdflib


def main():
    path, want = sys.argv[1], int(sys.argv[2])
    ds = rdflib.Dataset()
    ds.parse(path, format="nquads")
    quads = list(ds.quads((None, None, None, None)))
    if len(quads) != want:
        sys.exit(f"rdflib read {len(quads)} quads from {path}, want {want}")
    # rdflib puts the unlabelled quads in one graph of its own naming.
    graphs = {str(q[3]) for q in quads}
    others = {g for g in graphs if not g.startswith("pgann:")}
    if len(others) > 1:
        sys.exit(f"labels that are not annotation nodes: {sorted(others)[:3]}")
    print(f"rdflib {rdflib.__version__}: {len(quads)} quads, labelled by {len(graphs - others)} annotations")


main()
