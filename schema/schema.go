// Package schema is the GraphQL API of Pharmagraph: its types and resolvers,
// built in code with graphql-go over the reads of the knowledge graph.
package schema

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// Reader is what the resolvers need of the store; *graph.Store has it.
type Reader interface {
	Node(ctx context.Context, id graph.ID) (graph.Node, error)
	NodeSources(ctx context.Context, id graph.ID) ([]graph.Provenance, error)
	Lookup(ctx context.Context, ref string, category graph.Category) (graph.Node, error)
	Namesakes(ctx context.Context, id graph.ID) ([]graph.Node, error)
	Matches(ctx context.Context, id graph.ID) ([]graph.Relation, error)
	Search(ctx context.Context, text string, first int) ([]graph.Hit, error)
	SearchPage(ctx context.Context, text string, page graph.Page) (graph.HitPage, error)
	Source(ctx context.Context, id graph.ID) (graph.Source, error)
	Sources(ctx context.Context) ([]graph.Source, error)
	Effects(ctx context.Context, id graph.ID, sc graph.Scope) ([]graph.EffectEdge, error)
	EffectOf(ctx context.Context, id graph.ID, sc graph.Scope) ([]graph.EffectEdge, error)
	EffectsPage(ctx context.Context, id graph.ID, sc graph.Scope, page graph.Page) (graph.EffectPage, error)
	EffectOfPage(ctx context.Context, id graph.ID, sc graph.Scope, page graph.Page) (graph.EffectPage, error)
	Indications(ctx context.Context, id graph.ID, sc graph.Scope) ([]graph.Indication, error)
	IndicationsPage(ctx context.Context, id graph.ID, sc graph.Scope, page graph.Page) (graph.IndicationPage, error)
	Treatments(ctx context.Context, id graph.ID, sc graph.Scope) ([]graph.Indication, error)
	TreatmentsPage(ctx context.Context, id graph.ID, sc graph.Scope, page graph.Page) (graph.IndicationPage, error)
	Interactions(ctx context.Context, id graph.ID, inferred bool, sc graph.Scope) ([]graph.Interaction, error)
	InteractionsPage(ctx context.Context, id graph.ID, inferred bool, sc graph.Scope, page graph.Page) (graph.InteractionPage, error)
	Classes(ctx context.Context, id graph.ID, transitive bool) ([]graph.Node, error)
	Members(ctx context.Context, id graph.ID, transitive bool) ([]graph.Node, error)
	MembersPage(ctx context.Context, id graph.ID, transitive bool, page graph.Page) (graph.NodePage, error)
	Superclasses(ctx context.Context, id graph.ID) ([]graph.Node, error)
	Subclasses(ctx context.Context, id graph.ID) ([]graph.Node, error)
	ClassEffects(ctx context.Context, id graph.ID, contexts ...graph.Context) ([]graph.ClassEffect, error)
	Relations(ctx context.Context, id graph.ID, p graph.Predicate) ([]graph.Relation, error)
	Overlap(ctx context.Context, a, b graph.ID, opts graph.OverlapOptions) (graph.Overlap, error)
	OverlapAll(ctx context.Context, ids []graph.ID, sc graph.Scope) (graph.OverlapSet, error)
	CheckInteractions(ctx context.Context, ids []graph.ID, sc graph.Scope) ([]graph.Finding, error)
	Similar(ctx context.Context, id graph.ID, by graph.SimilarBy, first int, sc graph.Scope) ([]graph.Similarity, error)
	Neighbourhood(ctx context.Context, id graph.ID, preds []graph.Predicate, first int) ([]graph.Neighbours, error)
	Paths(ctx context.Context, from, to graph.ID, opts graph.PathOptions) (graph.Connections, error)
	Stats(ctx context.Context) (graph.Stats, error)
	EachFact(ctx context.Context, f graph.Filter, fn func(graph.Fact) error) error
	FactsPage(ctx context.Context, f graph.Filter, page graph.Page) (graph.FactPage, error)
}

// New builds the schema over r. Errors that are not the client's go to log
// with a request id, and the client sees only "internal error" and that id.
func New(r Reader, log *slog.Logger) (graphql.Schema, error) {
	if log == nil {
		log = slog.Default()
	}
	b := &builder{r: r, log: log}
	q := b.query()
	return graphql.NewSchema(graphql.SchemaConfig{Query: q, Types: []graphql.Type{b.other}})
}

// builder holds the types while the schema is built, so that types that
// refer to each other can be made once and shared.
type builder struct {
	r     Reader
	log   *slog.Logger
	node  *graphql.Interface
	types map[graph.Category]*graphql.Object
	other *graphql.Object // nodes of categories outside the model

	source, fact, match, effectEdge, indication, interaction                    *graphql.Object
	effectConnection, indicationConnection, interactionConnection, pageInfoType *graphql.Object
}

// The codes a client sees in an error's extensions.code.
const (
	codeNotFound = "NOT_FOUND"
	codeInvalid  = "INVALID_ARGUMENT"
	codeInternal = "INTERNAL"
)

// clientError is an error a client may see, with its code.
type clientError struct {
	code string
	msg  string
}

func (e *clientError) Error() string { return e.msg }

// Extensions gives the error's code to graphql-go, which sends it as
// extensions.code.
func (e *clientError) Extensions() map[string]any { return map[string]any{"code": e.code} }

func invalid(format string, args ...any) error {
	return &clientError{codeInvalid, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &clientError{codeNotFound, fmt.Sprintf(format, args...)}
}

// fail decides what the client sees of err: a not-found or invalid error as
// it is, anything else as "internal error" with a request id, the full error
// going to the log.
func (b *builder) fail(ctx context.Context, err error) error {
	var ce *clientError
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.Is(err, graph.ErrNotFound):
		return &clientError{codeNotFound, trimPrefix(err.Error())}
	case errors.Is(err, context.DeadlineExceeded):
		return &clientError{codeInternal, "query timed out"}
	case errors.Is(err, context.Canceled):
		return &clientError{codeInternal, "query cancelled"}
	}
	id := RequestID(ctx)
	b.log.ErrorContext(ctx, "graphql resolver failed", "request", id, "err", err)
	return &clientError{codeInternal, "internal error (request " + id + ")"}
}

// trimPrefix drops the "graph: " package prefix from a store error.
func trimPrefix(msg string) string {
	const p = "graph: "
	if len(msg) > len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request id that errors report.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id ctx carries, or a new random one.
func RequestID(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return NewRequestID()
}

// NewRequestID returns a random request id.
func NewRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
