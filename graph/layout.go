package graph

// The vocabulary of the store's quads (quads.go), for code that reads them
// back from N-Quads, as the loader does. A node statement is described by
// quads of the Node* predicates, labelled by its annotation; an annotation,
// named AnnotationPrefix and a hash, by unlabelled quads of the Annotation*
// predicates and one QualifierPrefix+name quad for each qualifier; a source
// by unlabelled quads of the Source* predicates.
const (
	NodeCategory    = string(hasCategory)
	NodeName        = string(hasName)
	NodeSynonym     = string(hasSynonym)
	NodeXref        = string(hasXref)
	NodeDescription = string(hasDesc)

	AnnotationPrefix         = annPrefix
	AnnotationSource         = pSource
	AnnotationSection        = pSection
	AnnotationKnowledgeLevel = pKL
	AnnotationAgentType      = pAT
	QualifierPrefix          = qualifier

	SourceName           = string(hasName)
	SourceKnowledgeLevel = pKL
	SourceAgentType      = pAT
	SourceAuthor         = pAuthor
	SourceDescription    = string(hasDesc)
)
