// Package graph is the Pharmagraph knowledge graph: the data model, typed
// reads and writes, and the choice of storage backend. It is the only
// package that imports Cayley.
//
// # The data model
//
// Nodes are drugs (any substance, alcohol included), drug classes, effects
// (clinical phenotypes), conditions (diseases and indications), genes, dose
// forms, routes and anatomy. Each has a CURIE id (a real identifier such as
// DRUGBANK:DB00181 or UMLS:C0013144 where one exists, a project-local PG:
// id otherwise), a category aligned with Biolink, a name, synonyms and
// cross-references.
//
// Edges use Biolink predicates where Biolink has one (has_adverse_event,
// treats, interacts_with, subclass_of, member_of) and pg: predicates where
// it does not. An effect edge carries its context: ADVERSE (while taking
// the drug), WITHDRAWAL (on stopping it) or OVERDOSE, and where known its
// frequency and severity. An indication carries its status: APPROVED,
// OFF_LABEL or INVESTIGATIONAL. An interaction carries severity, mechanism
// and description; an interaction between two classes implies one between
// their drugs, which reads mark as inferred.
//
// # Provenance
//
// Every fact, a node's name as much as an edge, carries its provenance: the
// source it comes from, the section of that source, and its Biolink
// knowledge_level and agent_type; an edge also names the aggregator sources
// it came through, if any (Biolink's aggregator_knowledge_source). In the
// quad store a fact is one quad whose
// label is an annotation node (pgann:<hash>) describing that provenance and
// the edge's qualifiers; facts that share both share the annotation. The same
// edge from two sources is two quads, so every source of a fact is kept.
//
// # Reads
//
// Cayley keeps the facts durably; reads are answered from an index in memory
// that one scan builds when the store opens and every write keeps current.
// Relationship queries (overlap, class inference) are then map operations,
// whatever the backend, instead of Cayley path intersections that scan every
// quad of a shared node.
package graph
