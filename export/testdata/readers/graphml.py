"""Reads a GraphML export with networkx and checks its counts and typed attributes.

usage: python3 graphml.py FILE NODES EDGES
"""
import sys

import networkx as nx


def main():
    path, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    g = nx.read_graphml(path)
    if g.number_of_nodes() != nodes or g.number_of_edges() != edges:
        sys.exit(f"networkx read {g.number_of_nodes()} nodes and {g.number_of_edges()} edges, want {nodes} and {edges}")
    counts = [d["source_count"] for _, d in g.nodes(data=True) if "source_count" in d]
    if not counts or not all(type(c) is int for c in counts):
        sys.exit(f"source_count is not read as int: {counts[:3]}")
    symmetric = [d["symmetric"] for _, _, d in g.edges(data=True)]
    if len(symmetric) != edges or not all(type(s) is bool for s in symmetric):
        sys.exit(f"symmetric is not read as bool on every edge: {symmetric[:3]}")
    for _, d in g.nodes(data=True):
        if "category" not in d or "name" not in d:
            sys.exit(f"a node lacks category or name: {d}")
    print(f"networkx {nx.__version__}: {type(g).__name__} with {nodes} nodes, {edges} edges, "
          f"{sum(symmetric)} symmetric, typed int and bool attributes")


main()
