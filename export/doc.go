// Package export writes the knowledge graph, or the part of it a
// graph.Filter selects, as files other tools read: KGX TSV and JSON Lines,
// N-Quads, GraphML, Cytoscape.js JSON and CSV.
//
// Every export is streamed: it writes each node and fact as the store's
// EachNode, EachFact and EachNQuad give them, through a buffer, and never
// holds the whole output. Every export is deterministic: those calls give a
// fixed order, so the same graph gives byte-identical data files. The time
// of the export and the files' hashes are kept out of the data files, in a
// manifest beside them.
//
// The store is read in passes (nodes, then facts); a write that lands
// between two passes may show in the second only. The pharmagraph command
// and server write nothing while they export.
//
// # Formats and files
//
//	format     files                       media type
//	kgx-tsv    nodes.tsv, edges.tsv        text/tab-separated-values
//	kgx-jsonl  nodes.jsonl, edges.jsonl    application/x-ndjson
//	nquads     graph.nq                    application/n-quads
//	graphml    graph.graphml               application/graphml+xml
//	cytoscape  graph.cyjs                  application/json
//	csv        nodes.csv, edges.csv        text/csv
//
// With Options.Gzip every data file is gzipped and named with ".gz" added.
// The manifest is never compressed. It is manifest.json beside the two files
// of kgx-tsv, kgx-jsonl and csv (pharmagraph load reads KGX's by that name),
// and for a one-file format the data file's name, without ".gz", with
// ".manifest.json" added (graph.nq.manifest.json), so that the one-file
// exports share a folder without overwriting each other's manifest.
//
// # Filters
//
// A graph.Filter selects the facts of its sources, predicates and
// categories (a fact between two nodes of the categories), and the nodes of
// its categories that its sources name. The nodes a selected fact names are
// always in the export, so that it holds both ends of each of its facts; a
// node that the filter's sources do not name comes with all of its
// provenance, and the manifest lists the sources of everything the export
// holds.
//
// # KGX nodes
//
// nodes.tsv has these columns, in this order, one row a node, ordered by id;
// nodes.jsonl has one JSON object a line with the same keys, in the same
// order, leaving out empty values:
//
//	id           the node's CURIE
//	category     its category's CURIE (a Biolink class, or pg:DrugClass, pg:DoseForm, pg:Route);
//	             in JSON Lines a list of one, as KGX has it
//	name         its preferred name
//	synonym      list: its other names
//	xref         list: the same thing in other vocabularies, as CURIEs
//	description  text
//	provided_by  list: the ids of the sources that name the node, sorted
//	provenance   empty when provided_by tells everything: each source named the node
//	             once, with no section, and with the source's knowledge_level and
//	             agent_type (as for every node of a seed file). Otherwise a JSON
//	             array with one object for each statement of the node, ordered by
//	             source and section: {"source": ID, "section": TEXT,
//	             "knowledge_level": KL, "agent_type": AT}, where section is left
//	             out when empty and knowledge_level and agent_type when they are
//	             the source's. In TSV the cell holds the array as JSON text; in
//	             JSON Lines it is the array itself.
//
// Importing a node means writing, for each provenance (each provided_by
// source when provenance is empty), a graph.NodeFact of the row's node with
// that provenance, empty knowledge_level and agent_type standing for the
// source's.
//
// # KGX edges
//
// edges.tsv has these columns, in this order, one row a fact, in EachFact's
// order (subject, predicate, object, text, provenance); edges.jsonl has the
// same keys, leaving out empty values:
//
//	id                        pgedge: and 32 hex digits: a hash of everything the fact states,
//	                          so the same fact has the same id in every export
//	subject                   the subject's CURIE
//	predicate                 the predicate's CURIE: biolink:has_adverse_event, pg:starting_dose, ...
//	object                    the object's CURIE; empty for a fact whose object is text
//	object_text               the text object of pg:mechanism, pg:starting_dose and pg:warning
//	                          facts (graph.Predicate.Literal); empty otherwise
//	primary_knowledge_source  the id of the fact's source
//	aggregator_knowledge_source
//	                          list: the sources the fact came through from its source, sorted;
//	                          usually empty
//	knowledge_level           the fact's Biolink knowledge level (never empty)
//	agent_type                the fact's Biolink agent type (never empty)
//	section                   the part of the source the fact comes from; may be empty
//	context status frequency severity mechanism description storage action
//	                          one column per graph qualifier, named as the qualifier; empty
//	                          when the fact lacks it
//
// A text fact has an empty object, which KGX's own tools treat as an
// incomplete edge and may drop; our importer restores it from object_text.
// Every column but id maps to a field of graph.Fact, so an import restores
// every fact exactly.
//
// # KGX TSV cells
//
// The first line is the header. Cells are separated by one tab and rows end
// with a newline; nothing is quoted. In every cell a backslash is written
// \\, a tab \t, a newline \n and a carriage return \r. List cells (synonym,
// xref, provided_by, aggregator_knowledge_source) join their items with |,
// and a | inside an item is written \|. To read a cell back, split a list
// cell on the | not preceded by a backslash, then undo the escapes in each
// item (\\ \t \n \r \|). KGX's own reader splits lists on every | and does
// not undo escapes; values with these characters are rare (the seed format
// cannot hold them).
//
// # Sources
//
// KGX has no file for sources: they are in the manifest's "sources" array,
// each with the fields of a graph.Source (author and description left out
// when empty). An importer rebuilds the sources from it before the nodes
// and edges.
//
// # N-Quads
//
// graph.nq holds exactly the store's quads for the selected part of the
// graph, one a line, in the order graph.Store.EachNQuad gives: the sources'
// quads, the annotations', the nodes' properties, then the facts. Ids are
// IRIs written as the CURIEs themselves (<DRUGBANK:DB00181>) and text is a
// plain literal. A node property or fact quad is labelled with its
// annotation node (<pgann:...>), whose own quads give the provenance and
// qualifiers; annotation and source quads have no label.
//
// # GraphML and Cytoscape.js
//
// graph.graphml declares a typed key for every property: for nodes
// category, name, synonym, xref, description and provided_by (strings; the
// lists joined with |) and source_count (int); for edges predicate,
// primary_knowledge_source, aggregator_knowledge_source (joined with |),
// knowledge_level, agent_type, section, the eight qualifiers (strings) and
// symmetric (boolean: the predicate holds both ways, as interacts_with
// does). The edge's id is the KGX edge id. The
// graph is directed; an edge stated by two sources is two edges.
//
// graph.cyjs is {"elements": {"nodes": [{"data": {...}}, ...], "edges":
// [...]}}, one element a line, with the same properties (lists as JSON
// arrays) and the edge's ends in "source" and "target".
//
// An edge needs a node at each end, so in these two formats the text object
// of a fact becomes a node of its own: id pgtext: and the hex digits of the
// fact's edge id, category pg:Text, name the text. GraphML writes it just
// before its edge; Cytoscape.js lists it after the graph's nodes.
//
// # CSV
//
// nodes.csv and edges.csv have the KGX TSV columns, quoted as RFC 4180 says
// (by encoding/csv, with CRLF line ends, also inside quoted cells), lists
// joined with | and no backslash escapes. A cell that starts with =, +, -,
// @, a tab or a carriage return gets an apostrophe put before it, so that a
// spreadsheet shows it rather than running it as a formula. CSV is for
// people; import KGX.
//
// # The manifest
//
// The manifest is one JSON object:
//
//	format       the format's name
//	created      the export time, UTC, to the second
//	pharmagraph  the build that exported: module, version, go, and revision and modified
//	             when the build records them
//	store        the whole store: nodes, facts, sources
//	filter       sources, categories, predicates: the filter, each left out when empty
//	counts       what the export holds: nodes, facts, categories (nodes by category
//	             CURIE), predicates (facts by predicate CURIE)
//	files        one object a data file: name, part ("nodes", "edges" or "graph"),
//	             records (rows without the header, quads, or GraphML and Cytoscape
//	             elements), bytes and sha256 of the file as written
//	sources      every source when the filter names none; else the filter's sources and
//	             those of the nodes and facts the export holds: id, name, author,
//	             knowledge_level, agent_type, description
//
// The store has no licence field, so the manifest states no licence: it
// never guesses one.
package export
