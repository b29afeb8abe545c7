package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"pharmagraph/graph"
)

// Execute runs a validated query document that defines no variables over
// s, calling the same resolvers graphql-go does, and writes the JSON of its
// data to buf: the bytes encoding/json gives for the data of the
// graphql.Result that graphql.Execute returns, with the keys of each object
// sorted as encoding/json sorts a map's. It reports false, with buf in any
// state, when the query needs what only graphql-go does: an error of any
// field (graphql-go then says where, with its path), variables,
// introspection, an operation other than one query. The caller then runs
// graphql.Execute, and the answer is the same either way.
//
// graphql-go completes every field into maps and slices that are then
// encoded: for a hub drug's page it allocates 34 MB and 370,000 objects,
// ten times the time encoding the answer takes. Execute writes each value
// as it is resolved, and collects each selection's fields once per type
// rather than once per object.
func Execute(ctx context.Context, s graphql.Schema, doc *ast.Document, operation string, vars map[string]any, buf *bytes.Buffer) bool {
	op, frags := operationOf(doc, operation)
	if op == nil || op.Operation != ast.OperationTypeQuery || s.QueryType() == nil {
		return false
	}
	x := &execution{ctx: ctx, schema: s, frags: frags, out: buf}
	var err error
	if x.vars, err = variables(s, op.VariableDefinitions, vars); err != nil {
		return false
	}
	root := &selection{fields: []*ast.Field{{SelectionSet: op.SelectionSet}}}
	err = func() (err error) {
		defer func() {
			if recover() != nil {
				err = errFallback
			}
		}()
		return x.object(s.QueryType(), root, nil)
	}()
	return err == nil && ctx.Err() == nil
}

// errFallback stops Execute: graphql-go answers instead.
var errFallback = errors.New("schema: answer through graphql-go")

// operationOf returns the document's operation of that name (or its only
// one, for no name) and its fragments by name.
func operationOf(doc *ast.Document, name string) (*ast.OperationDefinition, map[string]*ast.FragmentDefinition) {
	var op *ast.OperationDefinition
	var frags map[string]*ast.FragmentDefinition
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			switch {
			case name == "" && op != nil:
				return nil, nil // several operations and none named
			case name == "" || d.Name != nil && d.Name.Value == name:
				op = d
			}
		case *ast.FragmentDefinition:
			if d.Name != nil {
				if frags == nil {
					frags = map[string]*ast.FragmentDefinition{}
				}
				frags[d.Name.Value] = d
			}
		}
	}
	return op, frags
}

// execution is the state of one Execute.
type execution struct {
	ctx    context.Context
	schema graphql.Schema
	frags  map[string]*ast.FragmentDefinition
	vars   map[string]any // the variables' values, coerced to their types
	out    *bytes.Buffer
}

// variables coerces the values given for an operation's variables to their
// types, as graphql-go does, or fails where graphql-go would report an error.
func variables(s graphql.Schema, defs []*ast.VariableDefinition, given map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		t := inputType(s, d.Type)
		if t == nil {
			return nil, errFallback
		}
		name := d.Variable.Name.Value
		v := given[name]
		switch {
		case !nullish(v):
			cv, err := coerce(t, v)
			if err != nil {
				return nil, err
			}
			out[name] = cv
		case isNonNull(t):
			return nil, errFallback // graphql-go: not provided
		case d.DefaultValue != nil:
			dv, err := literal(d.DefaultValue, t, nil)
			if err != nil {
				return nil, err
			}
			out[name] = dv
		default:
			out[name] = nil
		}
	}
	return out, nil
}

func isNonNull(t graphql.Input) bool {
	_, ok := t.(*graphql.NonNull)
	return ok
}

// inputType is the input type a variable definition names, or nil.
func inputType(s graphql.Schema, t ast.Type) graphql.Input {
	switch t := t.(type) {
	case *ast.NonNull:
		if of := inputType(s, t.Type); of != nil {
			return graphql.NewNonNull(of)
		}
	case *ast.List:
		if of := inputType(s, t.Type); of != nil {
			return graphql.NewList(of)
		}
	case *ast.Named:
		if in, ok := s.Type(t.Name.Value).(graphql.Input); ok {
			return in
		}
	}
	return nil
}

// coerce returns a variable's value v, as JSON gives it, as a value of
// type t, failing where graphql-go finds v invalid.
func coerce(t graphql.Input, v any) (any, error) {
	if nullish(v) {
		if isNonNull(t) {
			return nil, errFallback
		}
		return nil, nil
	}
	var parsed any
	switch t := t.(type) {
	case *graphql.NonNull:
		return coerce(t.OfType, v)
	case *graphql.List:
		items, ok := v.([]any)
		if !ok {
			items = []any{v}
		}
		out := []any{}
		for _, item := range items {
			c, err := coerce(t.OfType, item)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	case *graphql.Scalar:
		parsed = t.ParseValue(v)
	case *graphql.Enum:
		parsed = t.ParseValue(v)
	}
	if nullish(parsed) {
		return nil, errFallback // input objects (none here), or not of the type
	}
	return parsed, nil
}

// selection is the part of a query that one response key of an object
// asks for: the field nodes merged under that key (more than one when the
// query names the field twice, directly or through fragments), and the
// plans of their sub-selections by the object type they complete to, made
// once per execution however many objects share them: the first type's in
// typed and plan, those of others (of an interface's types) in plans.
type selection struct {
	key    string
	fields []*ast.Field
	def    *graphql.FieldDefinition
	args   map[string]any
	typed  *graphql.Object
	plan   []*selection
	plans  map[*graphql.Object][]*selection
}

// plan returns the selections, sorted by response key, that sel asks of an
// object of type t.
func (x *execution) plan(t *graphql.Object, sel *selection) ([]*selection, error) {
	if sel.typed == t {
		return sel.plan, nil
	}
	if p, ok := sel.plans[t]; ok {
		return p, nil
	}
	var out []*selection
	var byKey map[string]*selection // out by key, once it is long enough for a map to pay
	find := func(key string) *selection {
		if byKey != nil {
			return byKey[key]
		}
		if i := slices.IndexFunc(out, func(k *selection) bool { return k.key == key }); i >= 0 {
			return out[i]
		}
		return nil
	}
	var visited map[string]bool // the fragments spread
	var collect func(set *ast.SelectionSet) error
	collect = func(set *ast.SelectionSet) error {
		if set == nil {
			return nil
		}
		for _, s := range set.Selections {
			switch s := s.(type) {
			case *ast.Field:
				if !x.included(s.Directives) {
					continue
				}
				key := s.Name.Value
				if s.Alias != nil && s.Alias.Value != "" {
					key = s.Alias.Value
				}
				if k := find(key); k != nil {
					k.fields = append(k.fields, s)
					continue
				}
				k := &selection{key: key, fields: []*ast.Field{s}}
				switch name := s.Name.Value; name {
				case "__typename":
				case "__schema", "__type":
					return errFallback
				default:
					k.def = t.Fields()[name]
					if k.def == nil {
						return errFallback
					}
					args, err := argumentValues(k.def.Args, s.Arguments, x.vars)
					if err != nil {
						return err
					}
					k.args = args
				}
				out = append(out, k)
				switch {
				case byKey != nil:
					byKey[key] = k
				case len(out) == 16:
					byKey = make(map[string]*selection, 32)
					for _, k := range out {
						byKey[k.key] = k
					}
				}
			case *ast.InlineFragment:
				if x.included(s.Directives) && x.matches(s.TypeCondition, t) {
					if err := collect(s.SelectionSet); err != nil {
						return err
					}
				}
			case *ast.FragmentSpread:
				name := s.Name.Value
				f := x.frags[name]
				if visited[name] || !x.included(s.Directives) || f == nil {
					continue
				}
				if visited == nil {
					visited = map[string]bool{}
				}
				visited[name] = true
				if x.matches(f.TypeCondition, t) {
					if err := collect(f.SelectionSet); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for _, f := range sel.fields {
		if err := collect(f.SelectionSet); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b *selection) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	switch {
	case sel.typed == nil:
		sel.typed, sel.plan = t, out
	case sel.plans == nil:
		sel.plans = map[*graphql.Object][]*selection{t: out}
	default:
		sel.plans[t] = out
	}
	return out, nil
}

// included reports whether @skip and @include keep a selection.
func (x *execution) included(ds []*ast.Directive) bool {
	for _, d := range ds {
		if d.Name == nil || len(d.Arguments) == 0 {
			continue
		}
		v, _ := literal(d.Arguments[0].Value, graphql.Boolean, x.vars)
		switch b, ok := v.(bool); {
		case !ok:
		case d.Name.Value == graphql.SkipDirective.Name && b:
			return false
		case d.Name.Value == graphql.IncludeDirective.Name && !b:
			return false
		}
	}
	return true
}

// matches reports whether a fragment on the named type applies to an
// object of type t, as graphql-go decides it.
func (x *execution) matches(cond *ast.Named, t *graphql.Object) bool {
	if cond == nil {
		return true
	}
	switch c := x.schema.Type(cond.Name.Value).(type) {
	case *graphql.Object:
		return c.Name() == t.Name()
	case *graphql.Interface:
		return x.schema.IsPossibleType(c, t)
	case *graphql.Union:
		return x.schema.IsPossibleType(c, t)
	}
	return false
}

// argumentValues returns the arguments a field's values, its variables and
// its defaults give, as graphql-go passes them to the resolver.
func argumentValues(defs []*graphql.Argument, given []*ast.Argument, vars map[string]any) (map[string]any, error) {
	if len(defs) == 0 {
		return map[string]any{}, nil
	}
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		var v any
		for _, a := range given {
			if a.Name != nil && a.Name.Value == d.PrivateName {
				var err error
				if v, err = literal(a.Value, d.Type, vars); err != nil {
					return nil, err
				}
			}
		}
		if nullish(v) {
			v = d.DefaultValue
		}
		if !nullish(v) {
			out[d.PrivateName] = v
		}
	}
	return out, nil
}

// literal is the value of a literal of input type t, or of a variable, as
// graphql-go reads it.
func literal(v ast.Value, t graphql.Input, vars map[string]any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if v, ok := v.(*ast.Variable); ok {
		return vars[v.Name.Value], nil
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return literal(v, t.OfType, vars)
	case *graphql.List:
		var items []ast.Value
		if l, ok := v.(*ast.ListValue); ok {
			items = l.Values
		} else {
			items = []ast.Value{v}
		}
		out := []any{}
		for _, item := range items {
			iv, err := literal(item, t.OfType, vars)
			if err != nil {
				return nil, err
			}
			out = append(out, iv)
		}
		return out, nil
	case *graphql.Scalar:
		return t.ParseLiteral(v), nil
	case *graphql.Enum:
		return t.ParseLiteral(v), nil
	}
	return nil, errFallback // input objects: none in this schema
}

// nullish is graphql-go's test of a value that stands for null.
func nullish(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	if r.Kind() == reflect.Pointer {
		if r.IsNil() {
			return true
		}
		r = r.Elem()
	}
	switch r.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.IsNaN(r.Float())
	}
	return false
}

// object writes the fields sel asks of src, an object of type t.
func (x *execution) object(t *graphql.Object, sel *selection, src any) error {
	if t.IsTypeOf != nil && !t.IsTypeOf(graphql.IsTypeOfParams{Value: src, Context: x.ctx}) {
		return errFallback
	}
	plan, err := x.plan(t, sel)
	if err != nil {
		return err
	}
	x.out.WriteByte('{')
	for i, k := range plan {
		if i > 0 {
			x.out.WriteByte(',')
		}
		x.out.WriteByte('"')
		x.out.WriteString(k.key)
		x.out.WriteString(`":`)
		if k.def == nil { // __typename
			writeString(x.out, t.Name())
			continue
		}
		resolve := k.def.Resolve
		if resolve == nil {
			resolve = graphql.DefaultResolveFn
		}
		v, err := resolve(graphql.ResolveParams{Source: src, Args: k.args, Context: x.ctx,
			Info: graphql.ResolveInfo{FieldName: k.def.Name, FieldASTs: k.fields, ReturnType: k.def.Type,
				ParentType: t, Schema: x.schema}})
		if err != nil {
			return errFallback
		}
		if err := x.value(k.def.Type, k, v); err != nil {
			return err
		}
	}
	x.out.WriteByte('}')
	return nil
}

// value writes v, completed as a value of type t.
func (x *execution) value(t graphql.Type, sel *selection, v any) error {
	if v != nil && reflect.TypeOf(v).Kind() == reflect.Func {
		return errFallback // a thunk
	}
	nn, nonNull := t.(*graphql.NonNull)
	if nonNull {
		t = nn.OfType
	}
	if nullish(v) {
		if nonNull {
			return errFallback // graphql-go reports the null
		}
		x.out.WriteString("null")
		return nil
	}
	switch t := t.(type) {
	case *graphql.List:
		return x.list(t, sel, v)
	case *graphql.Scalar:
		if t == graphql.String || t == graphql.ID {
			// What Serialize gives, without its fmt.Sprintf and copy.
			switch s := v.(type) {
			case string:
				writeString(x.out, s)
				return nil
			case *string:
				writeString(x.out, *s)
				return nil
			}
		}
		return x.leaf(t.Serialize(v), nonNull)
	case *graphql.Enum:
		return x.leaf(t.Serialize(v), nonNull)
	case *graphql.Object:
		return x.object(t, sel, v)
	case *graphql.Interface:
		return x.abstract(t, t.ResolveType, sel, v)
	case *graphql.Union:
		return x.abstract(t, t.ResolveType, sel, v)
	}
	return errFallback
}

// list writes v, a slice or array, as a list of t.OfType.
func (x *execution) list(t *graphql.List, sel *selection, v any) error {
	if ss, ok := v.([]string); ok && textual(t.OfType) {
		x.out.WriteByte('[')
		for i, s := range ss {
			if i > 0 {
				x.out.WriteByte(',')
			}
			writeString(x.out, s)
		}
		x.out.WriteByte(']')
		return nil
	}
	r := reflect.ValueOf(v)
	if r.Kind() == reflect.Pointer {
		r = r.Elem()
	}
	if r.Kind() != reflect.Slice && r.Kind() != reflect.Array {
		return errFallback
	}
	pointers := r.Kind() == reflect.Slice && byPointer[r.Type().Elem()]
	x.out.WriteByte('[')
	for i := range r.Len() {
		if i > 0 {
			x.out.WriteByte(',')
		}
		item := r.Index(i)
		if pointers {
			item = item.Addr()
		}
		if err := x.value(t.OfType, sel, item.Interface()); err != nil {
			return err
		}
	}
	x.out.WriteByte(']')
	return nil
}

// byPointer are the Go types whose resolvers take their source through
// source: Execute passes an item of a slice of one of them as a pointer to
// it, where boxing a copy in an interface would allocate one per item.
var byPointer = map[reflect.Type]bool{
	reflect.TypeFor[graph.Node]():        true,
	reflect.TypeFor[graph.Provenance]():  true,
	reflect.TypeFor[graph.EffectEdge]():  true,
	reflect.TypeFor[graph.Indication]():  true,
	reflect.TypeFor[graph.Interaction](): true,
	reflect.TypeFor[graph.AddedEffect](): true,
	reflect.TypeFor[graph.Link]():        true,
}

// source returns the object of Go type T whose field p resolves: a pointer
// to it from Execute (see byPointer) or from a resolver that returns one,
// a copy from graphql-go. The caller must not change it.
func source[T any](p graphql.ResolveParams) *T { return sourceOf[T](p.Source) }

// sourceOf is source for a value v.
func sourceOf[T any](v any) *T {
	if ptr, ok := v.(*T); ok {
		return ptr
	}
	t := v.(T)
	return &t
}

// textual reports whether t is String or ID, non-null: a Go string is
// then written as it is.
func textual(t graphql.Type) bool {
	nn, ok := t.(*graphql.NonNull)
	return ok && (nn.OfType == graphql.String || nn.OfType == graphql.ID)
}

// abstract writes v as the object type that resolve, or else the possible
// types' IsTypeOf, gives it.
func (x *execution) abstract(t graphql.Abstract, resolve graphql.ResolveTypeFn, sel *selection, v any) error {
	p := graphql.ResolveTypeParams{Value: v, Context: x.ctx}
	var o *graphql.Object
	if resolve != nil {
		o = resolve(p)
	} else {
		for _, pt := range x.schema.PossibleTypes(t) {
			if pt.IsTypeOf != nil && pt.IsTypeOf(graphql.IsTypeOfParams{Value: v, Context: x.ctx}) {
				o = pt
				break
			}
		}
	}
	if o == nil || !x.schema.IsPossibleType(t, o) {
		return errFallback
	}
	return x.object(o, sel, v)
}

// leaf writes a serialized scalar or enum value as encoding/json does.
func (x *execution) leaf(v any, nonNull bool) error {
	if nullish(v) {
		if nonNull {
			return errFallback
		}
		x.out.WriteString("null")
		return nil
	}
	switch v := v.(type) {
	case string:
		writeString(x.out, v)
	case bool:
		x.out.WriteString(strconv.FormatBool(v))
	case int:
		x.out.Write(strconv.AppendInt(x.out.AvailableBuffer(), int64(v), 10))
	case float64:
		if math.IsInf(v, 0) {
			return errFallback // encoding/json refuses it
		}
		x.out.Write(appendFloat(x.out.AvailableBuffer(), v))
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return errFallback
		}
		x.out.Write(b)
	}
	return nil
}

// appendFloat appends f as encoding/json writes a float64.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 to e-9, as encoding/json does
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// escaped marks the ASCII bytes that encoding/json escapes in a string.
var escaped = func() (t [utf8.RuneSelf]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = true
	}
	return t
}()

// writeString writes s as encoding/json does, HTML characters escaped:
// as it is when nothing in it needs escaping, through encoding/json when
// something does.
func writeString(out *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if escaped[c] {
				b, _ := json.Marshal(s)
				out.Write(b)
				return
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			b, _ := json.Marshal(s)
			out.Write(b)
			return
		}
		i += n
	}
	out.WriteByte('"')
	out.WriteString(s)
	out.WriteByte('"')
}
