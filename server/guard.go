package server

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/lexer"
	"github.com/graphql-go/graphql/language/location"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// graphql-go v0.8.1 has no limits on what a query may ask for, and some of
// its validation rules follow fragment spreads recursively, so a fragment
// that spreads itself overflows the stack and kills the process: a Go stack
// overflow cannot be recovered. Its rule that fields of the same response
// name can be merged compares every pair of them, and takes seconds to
// report conflicts between a few hundred. checkQuery therefore runs before
// graphql-go validates or executes anything. Nothing in it recurses more
// deeply than the nesting of the query text, which it bounds before parsing.

// Limits bounds what one GraphQL request may ask for. Each field's zero
// value (or any value below one) means its default.
type Limits struct {
	// MaxQueryBytes bounds the length of the query text. Zero means 16 KiB,
	// several times the largest query we expect. Keep it small: graphql-go
	// formats a syntax error in time that grows with the square of its
	// column, about 0.15 s for an error at the end of a 16 KiB line and
	// 2.5 s at 64 KiB.
	MaxQueryBytes int

	// MaxTokens bounds the tokens in the query text: names, values and
	// punctuation. graphql-go's validation takes time in proportion to the
	// query's length for every error it reports, and almost any token can
	// bring an error of its own, so this bounds how long a bad query keeps
	// it busy. Zero means 2000; an introspection query has a few hundred.
	MaxTokens int

	// MaxNesting bounds how deeply braces, brackets and parentheses nest in
	// the query text. It is checked on the tokens before parsing, because
	// graphql-go's parser recurses once per level and a text of nothing but
	// "{" would otherwise reach it. Zero means 64, or 4×MaxDepth if that is
	// more.
	MaxNesting int

	// MaxDepth bounds how deeply field selections nest in an operation, with
	// fragments expanded: `{ drug(name: "x") { name } }` has depth 2. Inline
	// fragments and spreads add no depth of their own. Zero means 15; the
	// standard introspection query has depth 12.
	MaxDepth int

	// MaxFields bounds the number of field selections in an operation with
	// every fragment spread expanded in place, so a fragment spread three
	// times counts three times. This is what stops a chain of fragments that
	// each spread the next twice from asking for 2^n fields. Zero means 2000.
	MaxFields int

	// MaxAliases bounds the aliased field selections in an operation,
	// counted like MaxFields. Aliases let one query ask for the same
	// expensive field many times over. Zero means 100.
	MaxAliases int

	// MaxOverlaps bounds the pairs of fields in an operation that share a
	// response name in one selection set, with fragments expanded and the
	// selections of same-named fields merged, as GraphQL merges them in the
	// response. graphql-go compares every such pair; a field repeated k
	// times makes k(k-1)/2 of them. Zero means 10000.
	MaxOverlaps int

	// MaxConflicts bounds those pairs whose field names or arguments differ,
	// such as `a: drug(name: "x")` beside `a: drug(name: "y")`. Such a pair is
	// an error unless the two parent types exclude each other, and graphql-go
	// spends up to half a millisecond reporting each: 400 fields named alike
	// kept it busy for 50 s. Zero means 100, enough for one response name to
	// take 14 forms under as many type conditions.
	MaxConflicts int
}

// Defaults for the zero fields of Limits.
const (
	defaultMaxQueryBytes = 16 << 10
	defaultMaxTokens     = 2000
	defaultMaxNesting    = 64
	defaultMaxDepth      = 15
	defaultMaxFields     = 2000
	defaultMaxAliases    = 100
	defaultMaxOverlaps   = 10000
	defaultMaxConflicts  = 100
)

// withDefaults returns l with every unset field replaced by its default.
func (l Limits) withDefaults() Limits {
	if l.MaxQueryBytes < 1 {
		l.MaxQueryBytes = defaultMaxQueryBytes
	}
	if l.MaxTokens < 1 {
		l.MaxTokens = defaultMaxTokens
	}
	if l.MaxDepth < 1 {
		l.MaxDepth = defaultMaxDepth
	}
	if l.MaxNesting < 1 {
		l.MaxNesting = max(defaultMaxNesting, 4*min(l.MaxDepth, math.MaxInt32/4))
	}
	if l.MaxFields < 1 {
		l.MaxFields = defaultMaxFields
	}
	if l.MaxAliases < 1 {
		l.MaxAliases = defaultMaxAliases
	}
	if l.MaxOverlaps < 1 {
		l.MaxOverlaps = defaultMaxOverlaps
	}
	if l.MaxConflicts < 1 {
		l.MaxConflicts = defaultMaxConflicts
	}
	return l
}

// QueryError reports why checkQuery refused a query. It marshals to JSON as
// one entry of the "errors" list of a GraphQL response, so the HTTP layer can
// answer 400 with {"errors": [err]}.
type QueryError struct {
	// Message is safe to show the client. It is lower-case and names the
	// problem, e.g. "fragment cycle: A -> B -> A".
	Message string `json:"message"`

	// Locations points into the query text at what is wrong, if anything
	// in particular is.
	Locations []location.SourceLocation `json:"locations,omitempty"`

	// Err is the kind of problem, for errors.Is: one of errSyntax,
	// errNotExecutable, errUnknownFragment, errDuplicateFragment,
	// errFragmentCycle or errLimit.
	Err error `json:"-"`

	// Limit names the limit a query over one exceeds, as its flag does
	// without the dashes' prefix ("max-depth"); empty for other problems.
	// Metrics and the access log count refusals by it.
	Limit string `json:"-"`
}

// Error returns the message.
func (e *QueryError) Error() string { return e.Message }

// formatted returns e as an error of a GraphQL response, its extensions
// giving its code (QUERY_OVER_LIMIT, with the limit, or
// GRAPHQL_PARSE_FAILED).
func (e *QueryError) formatted() gqlerrors.FormattedError {
	ext := map[string]any{"code": "GRAPHQL_PARSE_FAILED"}
	if e.Limit != "" {
		ext = map[string]any{"code": "QUERY_OVER_LIMIT", "limit": e.Limit}
	}
	return gqlerrors.FormattedError{Message: e.Message, Locations: e.Locations, Extensions: ext}
}

// Unwrap returns the kind of problem.
func (e *QueryError) Unwrap() error { return e.Err }

// The kinds of QueryError.
var (
	errSyntax            = errors.New("syntax error")
	errNotExecutable     = errors.New("not an executable definition")
	errUnknownFragment   = errors.New("unknown fragment")
	errDuplicateFragment = errors.New("duplicate fragment")
	errFragmentCycle     = errors.New("fragment cycle")
	errLimit             = errors.New("query over limit")
)

// checkQuery parses query with graphql-go's parser and checks it against
// lim. It refuses, with a *QueryError, a query that is too long or nested
// too deeply to parse safely; that does not parse, or parses only because
// graphql-go's parser is lenient; that defines anything but operations and
// fragments, defines a fragment twice, spreads an unknown fragment or has
// fragments that spread each other in a cycle; or whose operations (every
// one in the document, of any type) exceed lim once their fragments are
// expanded. Otherwise it returns the parsed document, which graphql-go can
// then validate and execute without overflowing its stack, and its Cost.
func checkQuery(query string, lim Limits) (*ast.Document, Cost, error) {
	lim = lim.withDefaults()
	if len(query) > lim.MaxQueryBytes {
		return nil, Cost{}, &QueryError{
			Message: fmt.Sprintf("query size %d bytes exceeds the limit of %d", len(query), lim.MaxQueryBytes),
			Err:     errLimit,
			Limit:   "max-query-bytes",
		}
	}
	c := &checker{src: source.NewSource(&source.Source{Body: []byte(query)}), lim: lim}
	if err := c.scan(); err != nil {
		return nil, Cost{}, err
	}
	doc, err := parser.Parse(parser.ParseParams{Source: c.src})
	if err != nil {
		return nil, Cost{}, syntaxError(err)
	}
	if err := c.index(doc); err != nil {
		return nil, Cost{}, err
	}
	if err := c.checkVariableTypes(); err != nil {
		return nil, Cost{}, err
	}
	if err := c.checkFragmentNames(); err != nil {
		return nil, Cost{}, err
	}
	order, err := c.checkCycles()
	if err != nil {
		return nil, Cost{}, err
	}
	asked, err := c.checkCosts(order)
	if err != nil {
		return nil, Cost{}, err
	}
	return doc, asked, nil
}

// checker holds one query while checkQuery looks at it.
type checker struct {
	src    *source.Source
	lim    Limits
	ops    []*ast.OperationDefinition
	frags  []*ast.FragmentDefinition          // in document order
	byName map[string]*ast.FragmentDefinition // the first definition of each name
}

// errorf returns a QueryError of kind err located at nodes.
func (c *checker) errorf(err error, nodes []ast.Node, format string, args ...any) *QueryError {
	e := &QueryError{Message: fmt.Sprintf(format, args...), Err: err}
	for _, n := range nodes {
		if n != nil && n.GetLoc() != nil {
			e.Locations = append(e.Locations, location.GetLocation(c.src, n.GetLoc().Start))
		}
	}
	return e
}

// errorAt returns a QueryError of kind err located at byte offset pos.
func (c *checker) errorAt(err error, pos int, format string, args ...any) *QueryError {
	e := c.errorf(err, nil, format, args...)
	e.Locations = []location.SourceLocation{location.GetLocation(c.src, pos)}
	return e
}

// limit returns a QueryError for a query over the named limit, located at
// nodes.
func (c *checker) limit(name string, nodes []ast.Node, format string, args ...any) *QueryError {
	e := c.errorf(errLimit, nodes, format, args...)
	e.Limit = name
	return e
}

// limitAt returns a QueryError for a query over the named limit, located
// at byte offset pos.
func (c *checker) limitAt(name string, pos int, format string, args ...any) *QueryError {
	e := c.errorAt(errLimit, pos, format, args...)
	e.Limit = name
	return e
}

// scan refuses a query with more than MaxTokens tokens or whose brackets
// nest more deeply than MaxNesting, reading the tokens the way graphql-go's
// parser will, but without recursing. It also reports the first token the
// lexer cannot read: the parser would only spend as long again to find it.
func (c *checker) scan() error {
	lex := lexer.Lex(c.src)
	depth := 0
	for pos, n := 0, 1; ; n++ {
		tok, err := lex(pos)
		if err != nil {
			return syntaxError(err)
		}
		if tok.Kind == lexer.EOF {
			return nil
		}
		if tok.End <= pos {
			// Every token but EOF moves on; the parser would loop here.
			return c.errorAt(errSyntax, pos, "syntax error: unreadable token")
		}
		if n > c.lim.MaxTokens {
			return c.limitAt("max-tokens", tok.Start, "query token count exceeds the limit of %d", c.lim.MaxTokens)
		}
		switch tok.Kind {
		case lexer.BRACE_L, lexer.BRACKET_L, lexer.PAREN_L:
			depth++
			if depth > c.lim.MaxNesting {
				return c.limitAt("max-nesting", tok.Start, "query nesting %d exceeds the limit of %d", depth, c.lim.MaxNesting)
			}
		case lexer.BRACE_R, lexer.BRACKET_R, lexer.PAREN_R:
			depth = max(depth-1, 0)
		}
		pos = tok.End
	}
}

// syntaxPrefix matches the start of graphql-go's syntax error messages,
// "Syntax Error GraphQL (1:3) ", which repeats the location.
var syntaxPrefix = regexp.MustCompile(`^Syntax Error .*?\(\d+:\d+\) `)

// syntaxError turns a parser error into a QueryError, keeping its location
// but not the excerpt of the query that graphql-go appends to the message.
func syntaxError(err error) *QueryError {
	e := &QueryError{Err: errSyntax}
	msg := err.Error()
	var gerr *gqlerrors.Error
	if errors.As(err, &gerr) {
		msg = gerr.Message
		e.Locations = gerr.Locations
	}
	msg, _, _ = strings.Cut(msg, "\n")
	msg = strings.TrimSpace(syntaxPrefix.ReplaceAllString(msg, ""))
	if len(msg) > 1 && 'A' <= msg[0] && msg[0] <= 'Z' && 'a' <= msg[1] && msg[1] <= 'z' {
		msg = string(msg[0]-'A'+'a') + msg[1:]
	}
	e.Message = "syntax error: " + msg
	return e
}

// index records the operations and fragment definitions of doc. It refuses
// any other definition: graphql-go's parser accepts the type system language
// too, and has no rule to keep it out of requests.
func (c *checker) index(doc *ast.Document) error {
	c.byName = make(map[string]*ast.FragmentDefinition)
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			c.ops = append(c.ops, d)
		case *ast.FragmentDefinition:
			c.frags = append(c.frags, d)
			if _, ok := c.byName[fragmentName(d)]; !ok {
				c.byName[fragmentName(d)] = d
			}
		default:
			return c.errorf(errNotExecutable, []ast.Node{d}, "a query may define only operations and fragments")
		}
	}
	return nil
}

// checkVariableTypes refuses a variable whose type graphql-go's parser let
// through incomplete, as in `query ($a: ) { ... }`: its validation
// dereferences the missing part and panics.
func (c *checker) checkVariableTypes() error {
	for _, op := range c.ops {
		for _, v := range op.VariableDefinitions {
			if v == nil || v.Variable == nil || v.Variable.Name == nil {
				return c.errorf(errSyntax, []ast.Node{op}, "syntax error: malformed variable definition")
			}
			if !wellFormed(v.Type) {
				return c.errorf(errSyntax, []ast.Node{v}, "syntax error: malformed type for variable $%s", v.Variable.Name.Value)
			}
		}
	}
	return nil
}

// wellFormed reports whether t is a complete type: a name, possibly inside
// lists, with at most one "!" at each level. It loops rather than recurses.
func wellFormed(t ast.Type) bool {
	for {
		if nn, ok := t.(*ast.NonNull); ok && nn != nil {
			t = nn.Type
			if _, ok := t.(*ast.NonNull); ok {
				return false
			}
		}
		switch tt := t.(type) {
		case *ast.Named:
			return tt != nil && tt.Name != nil
		case *ast.List:
			if tt == nil {
				return false
			}
			t = tt.Type
		default:
			return false
		}
	}
}

// checkFragmentNames refuses a fragment defined twice, since the checks
// that follow would see only one of the definitions, and a spread of a
// fragment that is not defined.
func (c *checker) checkFragmentNames() error {
	for _, f := range c.frags {
		if first := c.byName[fragmentName(f)]; first != f {
			return c.errorf(errDuplicateFragment, []ast.Node{first.Name, f.Name},
				"duplicate fragment %q", fragmentName(f))
		}
	}
	check := func(ss *ast.SelectionSet) error {
		for _, s := range spreads(ss) {
			if c.byName[spreadName(s)] == nil {
				return c.errorf(errUnknownFragment, []ast.Node{s}, "unknown fragment %q", spreadName(s))
			}
		}
		return nil
	}
	for _, op := range c.ops {
		if err := check(op.SelectionSet); err != nil {
			return err
		}
	}
	for _, f := range c.frags {
		if err := check(f.SelectionSet); err != nil {
			return err
		}
	}
	return nil
}

// checkCycles refuses fragments that spread each other in a cycle, used or
// not, since graphql-go's validation visits them all. It walks the spreads
// depth first with its own stack, and returns the fragments in an order in
// which every fragment follows all those it spreads.
func (c *checker) checkCycles() ([]*ast.FragmentDefinition, error) {
	const (
		unseen = iota
		open   // on the stack
		done
	)
	state := make(map[*ast.FragmentDefinition]int, len(c.frags))
	order := make([]*ast.FragmentDefinition, 0, len(c.frags))
	for _, root := range c.frags {
		if state[root] != unseen {
			continue
		}
		state[root] = open
		stack := []visit{{frag: root, out: spreads(root.SelectionSet)}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(top.out) {
				state[top.frag] = done
				order = append(order, top.frag)
				stack = stack[:len(stack)-1]
				continue
			}
			s := top.out[top.next]
			top.next++
			f := c.byName[spreadName(s)]
			switch state[f] {
			case open:
				return nil, c.cycleError(stack, f, s)
			case unseen:
				state[f] = open
				stack = append(stack, visit{frag: f, via: s, out: spreads(f.SelectionSet)})
			}
		}
	}
	return order, nil
}

// visit is a fragment on checkCycles' stack.
type visit struct {
	frag *ast.FragmentDefinition
	via  *ast.FragmentSpread   // the spread that led here
	out  []*ast.FragmentSpread // the spreads in frag
	next int                   // the next of out to follow
}

// cycleError reports the cycle that spread s closes by reaching f, which is
// on stack, naming the fragments and locating the spreads around it.
func (c *checker) cycleError(stack []visit, f *ast.FragmentDefinition, s *ast.FragmentSpread) error {
	i := len(stack) - 1
	for stack[i].frag != f {
		i--
	}
	var names []string
	var nodes []ast.Node
	for j, v := range stack[i:] {
		names = append(names, fragmentName(v.frag))
		if j > 0 {
			nodes = append(nodes, v.via)
		}
	}
	names = append(names, fragmentName(f))
	nodes = append(nodes, s)
	return c.errorf(errFragmentCycle, nodes, "fragment cycle: %s", strings.Join(names, " -> "))
}

// cost is what a selection set asks for with its fragments expanded.
type cost struct {
	depth   int // of the deepest field; 0 for an empty set
	deepest int // source position of a field at that depth
	fields  int
	aliases int
}

// countCap is where counts stop: a chain of fragments each spreading the
// next twice asks for 2^n fields, which no int holds for large n.
const countCap = math.MaxInt32

// addCount returns a+b, or countCap if that is more. Both are at most
// countCap, so nothing overflows.
func addCount(a, b int) int {
	if a > countCap-b {
		return countCap
	}
	return a + b
}

// countString formats a count that may have stopped at countCap.
func countString(n int) string {
	if n >= countCap {
		return fmt.Sprintf("%d or more", countCap)
	}
	return fmt.Sprint(n)
}

// Cost is what a query asks for, measured with its fragments expanded: of
// a document with several operations, the most any one of them asks.
type Cost struct {
	Fields  int // field selections: the query's cost, charged to its client's budget
	Depth   int // the deepest selection
	Aliases int // aliased field selections
}

// checkCosts measures each fragment once, in an order where the fragments
// it spreads have already been measured, so that expanding fragments costs
// time in proportion to the query text however often they are spread. It
// then measures each operation, refuses the first one over a limit, and
// returns the most any operation asks for.
func (c *checker) checkCosts(order []*ast.FragmentDefinition) (Cost, error) {
	memo := make(map[string]cost, len(order))
	for _, f := range order {
		memo[fragmentName(f)] = measure(f.SelectionSet, memo)
	}
	var most Cost
	for _, op := range c.ops {
		got := measure(op.SelectionSet, memo)
		switch {
		case got.depth > c.lim.MaxDepth:
			return Cost{}, c.limitAt("max-depth", got.deepest, "query depth %s exceeds the limit of %d",
				countString(got.depth), c.lim.MaxDepth)
		case got.fields > c.lim.MaxFields:
			return Cost{}, c.limit("max-fields", []ast.Node{op}, "query field count %s exceeds the limit of %d",
				countString(got.fields), c.lim.MaxFields)
		case got.aliases > c.lim.MaxAliases:
			return Cost{}, c.limit("max-aliases", []ast.Node{op}, "query alias count %s exceeds the limit of %d",
				countString(got.aliases), c.lim.MaxAliases)
		}
		if err := c.checkOverlaps(op); err != nil {
			return Cost{}, err
		}
		most = Cost{Fields: max(most.Fields, got.fields), Depth: max(most.Depth, got.depth), Aliases: max(most.Aliases, got.aliases)}
	}
	return most, nil
}

// measure returns the cost of ss, taking the cost of each fragment it
// spreads from memo. It recurses once per level of selection sets, which
// scan has bounded.
func measure(ss *ast.SelectionSet, memo map[string]cost) cost {
	var total cost
	if ss == nil {
		return total
	}
	add := func(sub cost, depth, deepest int) {
		if depth > total.depth {
			total.depth, total.deepest = depth, deepest
		}
		total.fields = addCount(total.fields, sub.fields)
		total.aliases = addCount(total.aliases, sub.aliases)
	}
	for _, s := range ss.Selections {
		switch s := s.(type) {
		case *ast.Field:
			sub := measure(s.SelectionSet, memo)
			sub.fields = addCount(sub.fields, 1)
			if s.Alias != nil {
				sub.aliases = addCount(sub.aliases, 1)
			}
			deepest := sub.deepest
			if sub.depth == 0 && s.Loc != nil {
				deepest = s.Loc.Start
			}
			add(sub, addCount(sub.depth, 1), deepest)
		case *ast.InlineFragment:
			sub := measure(s.SelectionSet, memo)
			add(sub, sub.depth, sub.deepest)
		case *ast.FragmentSpread:
			sub := memo[spreadName(s)]
			add(sub, sub.depth, sub.deepest)
		}
	}
	return total
}

// checkOverlaps counts the pairs of fields in op that share a response name
// where the response merges them, and those of the pairs that differ, as
// graphql-go's OverlappingFieldsCanBeMerged rule will compare them. It runs
// only once op is known to be within MaxFields, and it expands fragments
// afresh where they are spread, so its time is bounded by MaxFields times
// the length of the longest chain of spreads.
func (c *checker) checkOverlaps(op *ast.OperationDefinition) error {
	var pairs, conflicts int
	// Each entry merges the selection sets of the fields that share one
	// response name in one place; the first is the operation's own.
	todo := [][]*ast.SelectionSet{{op.SelectionSet}}
	for len(todo) > 0 {
		sets := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		var names []string
		groups := make(map[string][]*ast.Field)
		for _, f := range c.expand(sets) {
			name := responseName(f)
			if groups[name] == nil {
				names = append(names, name)
			}
			groups[name] = append(groups[name], f)
		}
		for _, name := range names {
			fields := groups[name]
			var sub []*ast.SelectionSet
			for _, f := range fields {
				if f.SelectionSet != nil {
					sub = append(sub, f.SelectionSet)
				}
			}
			if len(sub) > 0 {
				todo = append(todo, sub)
			}
			k := len(fields)
			if k < 2 {
				continue
			}
			pairs += k * (k - 1) / 2
			if pairs > c.lim.MaxOverlaps {
				return c.limit("max-overlaps", []ast.Node{op},
					"query has %d or more pairs of fields sharing a response name, over the limit of %d",
					pairs, c.lim.MaxOverlaps)
			}
			sigs := make(map[string]int, 1)
			differ := -1 // the index of a field unlike the first
			for i, f := range fields {
				sig := signature(f)
				sigs[sig]++
				if differ < 0 && i > 0 && sigs[sig] == 1 {
					differ = i
				}
			}
			if differ < 0 {
				continue
			}
			conflicts += k * (k - 1) / 2
			for _, n := range sigs {
				conflicts -= n * (n - 1) / 2
			}
			if conflicts > c.lim.MaxConflicts {
				return c.limit("max-conflicts", []ast.Node{fields[0], fields[differ]},
					"query has %d or more pairs of fields sharing a response name but differing in name or arguments, over the limit of %d",
					conflicts, c.lim.MaxConflicts)
			}
		}
	}
	return nil
}

// expand returns the fields selected directly in sets, looking through
// inline fragments and fragment spreads but not into the fields' own
// selections. It uses its own stack rather than recursing.
func (c *checker) expand(sets []*ast.SelectionSet) []*ast.Field {
	var fields []*ast.Field
	var todo []ast.Selection
	push := func(ss *ast.SelectionSet) {
		if ss == nil {
			return
		}
		for i := len(ss.Selections) - 1; i >= 0; i-- {
			todo = append(todo, ss.Selections[i])
		}
	}
	for i := len(sets) - 1; i >= 0; i-- {
		push(sets[i])
	}
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		switch s := s.(type) {
		case *ast.Field:
			fields = append(fields, s)
		case *ast.InlineFragment:
			push(s.SelectionSet)
		case *ast.FragmentSpread:
			if f := c.byName[spreadName(s)]; f != nil {
				push(f.SelectionSet)
			}
		}
	}
	return fields
}

// responseName returns the key under which f appears in the response.
func responseName(f *ast.Field) string {
	if f.Alias != nil {
		return f.Alias.Value
	}
	if f.Name != nil {
		return f.Name.Value
	}
	return ""
}

// signature returns f's name and arguments in a canonical form, so that two
// fields may share a response name if and only if their signatures match
// (leaving aside what their types allow).
func signature(f *ast.Field) string {
	var b strings.Builder
	if f.Name != nil {
		b.WriteString(f.Name.Value)
	}
	args := slices.Clone(f.Arguments)
	slices.SortStableFunc(args, func(x, y *ast.Argument) int {
		return strings.Compare(argName(x), argName(y))
	})
	for _, a := range args {
		b.WriteString(" ")
		b.WriteString(argName(a))
		b.WriteString(":")
		if a != nil {
			writeValue(&b, a.Value)
		}
	}
	return b.String()
}

// argName returns the name of a, or "" if it has none.
func argName(a *ast.Argument) string {
	if a == nil || a.Name == nil {
		return ""
	}
	return a.Name.Value
}

// writeValue writes v to b in a canonical form. It recurses once per level
// of lists and objects, which scan has bounded.
func writeValue(b *strings.Builder, v ast.Value) {
	switch v := v.(type) {
	case *ast.Variable:
		b.WriteString("$")
		if v.Name != nil {
			b.WriteString(v.Name.Value)
		}
	case *ast.IntValue:
		b.WriteString(v.Value)
	case *ast.FloatValue:
		b.WriteString(v.Value)
	case *ast.StringValue:
		b.WriteString(strconv.Quote(v.Value))
	case *ast.BooleanValue:
		b.WriteString(strconv.FormatBool(v.Value))
	case *ast.EnumValue:
		b.WriteString(v.Value)
	case *ast.ListValue:
		b.WriteString("[")
		for _, e := range v.Values {
			writeValue(b, e)
			b.WriteString(" ")
		}
		b.WriteString("]")
	case *ast.ObjectValue:
		b.WriteString("{")
		for _, f := range v.Fields {
			if f != nil && f.Name != nil {
				b.WriteString(f.Name.Value)
			}
			b.WriteString(":")
			if f != nil {
				writeValue(b, f.Value)
			}
			b.WriteString(" ")
		}
		b.WriteString("}")
	default:
		fmt.Fprintf(b, "%T", v)
	}
}

// spreads returns the fragment spreads anywhere in ss, in document order,
// without recursing.
func spreads(ss *ast.SelectionSet) []*ast.FragmentSpread {
	var out []*ast.FragmentSpread
	var todo []ast.Selection
	push := func(ss *ast.SelectionSet) {
		if ss == nil {
			return
		}
		for i := len(ss.Selections) - 1; i >= 0; i-- {
			todo = append(todo, ss.Selections[i])
		}
	}
	push(ss)
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		switch s := s.(type) {
		case *ast.FragmentSpread:
			out = append(out, s)
		case *ast.Field:
			push(s.SelectionSet)
		case *ast.InlineFragment:
			push(s.SelectionSet)
		}
	}
	return out
}

// fragmentName returns the name of f.
func fragmentName(f *ast.FragmentDefinition) string {
	if f.Name == nil {
		return ""
	}
	return f.Name.Value
}

// spreadName returns the name of the fragment s spreads.
func spreadName(s *ast.FragmentSpread) string {
	if s.Name == nil {
		return ""
	}
	return s.Name.Value
}
