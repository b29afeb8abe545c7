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
// frequency and severity. An indication carries its status where its
// source gives one: APPROVED, OFF_LABEL or INVESTIGATIONAL. An interaction
// carries severity, mechanism and description. A combination product names
// its ingredients (has_active_ingredient), and exact_match links one concept
// named by two vocabularies.
//
// # Inference
//
// An interaction with a class on either side holds for every drug of the
// class: reads infer from it the interactions between drugs that no fact
// states for the pair, and name the facts that imply each (ImpliedBy).
// Nothing is inferred between a drug and itself, or between two drugs
// related by composition. A Scope narrows every fact an inference uses,
// memberships included, to its sources.
//
// # Equivalence
//
// MatchNames links two effects or conditions of different vocabularies
// (id prefixes) whose preferred names fold alike with an exact_match fact
// of the source NameMatch; the shared name is its evidence. A lookup by a
// name that fits several nodes equally answers the one with the most facts;
// Namesakes gives the others.
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
// edge from two sources is two quads, so every source of a fact is kept, each
// with its own qualifiers. Reads that group facts (Effects, Indications,
// Interactions, Relations) return every fact behind an answer as Evidence,
// show a qualifier only where the facts agree, and list where they do not.
//
// # Reads
//
// Cayley keeps the facts durably; reads are answered from an index in memory
// that one scan builds when the store opens and every write keeps current.
// The index numbers every node id, label and text once and keeps each fact
// as two small records of those numbers, one in its subject's list and one
// in its object's, each list sorted and free of pointers, so that its size
// and the collector's work follow the facts, not their strings. A node's
// record keeps its own quads as numbers too, and its names and synonyms are
// worked out when asked for. A bolt store writes these lists and records to
// its snapshot as they are. Relationship queries (overlap, similar drugs, class inference) are then map operations,
// whatever the backend, instead of Cayley path intersections that scan every
// quad of a shared node. CheckInteractions and OverlapAll answer for a
// list of drugs in one read: every pair's interaction and the effects both
// have while taken or in overdose, which add up; and the effects of up to
// MaxOverlapDrugs drugs by the combination of them that has each.
//
// Similar ranks the drugs that share the most neighbours with a drug under
// one relation (SimilarBy): effects, indications, targets, stated
// interaction partners, or classes counted transitively, so that two drugs
// of sibling classes share the class above them. It goes from the drug's
// neighbours to the other drugs that have them, counting, so its work
// grows with those neighbours' facts, not with the graph. Neighbourhood
// groups a node's neighbours by predicate and direction, with counts, for a
// graph view. Paths finds how two nodes are connected: the shortest chains
// of facts between them, followed either way, searched from both ends at
// once and bounded so that a hub cannot blow it up.
//
// # Pages
//
// A hub's lists are long: a drug with hundreds of effects and
// interactions, an effect with more than a thousand drugs. EffectsPage,
// EffectOfPage, InteractionsPage, IndicationsPage, TreatmentsPage,
// MembersPage and SearchPage answer one Page of them. A cursor is the last item's sort
// key (its context or status, the other end's name and id) in base64. A page sorts the keys of the list,
// which takes one pass over the node's facts without gathering them,
// starts after its cursor by a binary search, and gathers the facts of its
// own items only, which is where a list's time goes: a deep page costs what
// the first does, and a page still follows its cursor when that item has
// gone.
package graph
