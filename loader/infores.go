package loader

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"pharmagraph/graph"
)

// kgxSource returns the id of a source a KGX file names. An id (a CURIE:
// infores:hpo, or our pgsrc:seeds) is kept; a name (Monarch Initiative) is
// made an infores id the way KGX's own reader coerces it: lower case, runs
// of white space and dots made _, other characters that are not letters,
// digits or _ dropped, then _ made -; so infores:monarch-initiative. A
// source the store lacks is then defined, named as the file writes it.
func kgxSource(ctx context.Context, p *parsed, at pos, s string) graph.ID {
	id := kgxSourceID(p, at, s)
	if id == graph.ID(s) {
		p.useSource(ctx, at, id)
		return id
	}
	p.defineSource(ctx, at, graph.Source{ID: id, Name: s, KnowledgeLevel: graph.NotProvided,
		AgentType: graph.NotProvidedAgent})
	return id
}

// kgxSourceID returns the id of a source a KGX file names, as kgxSource
// does, without defining it: an aggregator source need not be one of the
// store's.
func kgxSourceID(p *parsed, at pos, s string) graph.ID {
	if strings.Contains(s, ":") && !strings.ContainsAny(s, " \t") {
		return graph.ID(s)
	}
	id := inforesID(s)
	coerced, _ := p.state["kgx infores "+at.file].(map[string]graph.ID)
	if coerced == nil {
		coerced = map[string]graph.ID{}
		p.state["kgx infores "+at.file] = coerced
	}
	coerced[s] = id
	return id
}

var (
	inforesSpace = regexp.MustCompile(`\s+`)
	inforesDots  = regexp.MustCompile(`\.+`)
	inforesOther = regexp.MustCompile(`\W`)
)

// inforesID makes a source's name an infores id, as KGX does.
func inforesID(name string) graph.ID {
	s := strings.ToLower(strings.TrimSpace(name))
	s = inforesSpace.ReplaceAllString(s, "_")
	s = inforesDots.ReplaceAllString(s, "_")
	s = inforesOther.ReplaceAllString(s, "")
	return graph.ID("infores:" + strings.ReplaceAll(s, "_", "-"))
}

// kgxNoteCoerced notes the source names of a file that were made infores ids.
func kgxNoteCoerced(p *parsed, file string) {
	coerced, _ := p.state["kgx infores "+file].(map[string]graph.ID)
	if len(coerced) == 0 {
		return
	}
	var items []string
	for _, name := range slices.Sorted(maps.Keys(coerced)) {
		items = append(items, fmt.Sprintf("%q as %s", name, coerced[name]))
	}
	p.note("kgx infores "+file, fmt.Sprintf("kgx: %s: source names taken as infores ids, as KGX does: %s", file,
		strings.Join(items, ", ")))
}
