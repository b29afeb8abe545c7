package schema

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"
)

// SDLFile is schema.graphql: the SDL print of the schema New builds, checked
// in so that a reader sees the API at a glance and a diff shows each change
// to it. TestSDL fails when it differs from SDL of the built schema.
//
//go:embed schema.graphql
var SDLFile string

// SDL prints s in the GraphQL schema definition language: every named type
// s holds except the introspection types and the built-in scalars, ordered
// by name, each with its fields, arguments and enum values ordered by name.
// graphql-go keeps fields, arguments and enum values in maps, so sorting is
// what makes the print the same on every run.
func SDL(s graphql.Schema) string {
	var names []string
	for name := range s.TypeMap() {
		if !strings.HasPrefix(name, "__") && !builtinScalars[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for i, name := range names {
		if i > 0 {
			b.WriteString("\n")
		}
		printType(&b, s.TypeMap()[name])
	}
	return b.String()
}

var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

func printType(b *strings.Builder, t graphql.Type) {
	printDescription(b, "", t.Description())
	switch t := t.(type) {
	case *graphql.Object:
		fmt.Fprintf(b, "type %s", t.Name())
		var ifaces []string
		for _, i := range t.Interfaces() {
			ifaces = append(ifaces, i.Name())
		}
		sort.Strings(ifaces)
		if len(ifaces) > 0 {
			fmt.Fprintf(b, " implements %s", strings.Join(ifaces, " & "))
		}
		printFields(b, t.Fields())
	case *graphql.Interface:
		fmt.Fprintf(b, "interface %s", t.Name())
		printFields(b, t.Fields())
	case *graphql.Union:
		var members []string
		for _, o := range t.Types() {
			members = append(members, o.Name())
		}
		sort.Strings(members)
		fmt.Fprintf(b, "union %s = %s\n", t.Name(), strings.Join(members, " | "))
	case *graphql.Enum:
		values := append([]*graphql.EnumValueDefinition(nil), t.Values()...)
		sort.Slice(values, func(i, j int) bool { return values[i].Name < values[j].Name })
		fmt.Fprintf(b, "enum %s {\n", t.Name())
		for _, v := range values {
			printDescription(b, "  ", v.Description)
			fmt.Fprintf(b, "  %s%s\n", v.Name, deprecated(v.DeprecationReason))
		}
		b.WriteString("}\n")
	case *graphql.InputObject:
		fields := t.Fields()
		fmt.Fprintf(b, "input %s {\n", t.Name())
		for _, name := range sortedKeys(fields) {
			f := fields[name]
			printDescription(b, "  ", f.Description())
			fmt.Fprintf(b, "  %s: %s%s\n", name, f.Type, defaultValue(f.DefaultValue, f.Type))
		}
		b.WriteString("}\n")
	case *graphql.Scalar:
		fmt.Fprintf(b, "scalar %s\n", t.Name())
	}
}

func printFields(b *strings.Builder, fields graphql.FieldDefinitionMap) {
	b.WriteString(" {\n")
	for _, name := range sortedKeys(fields) {
		f := fields[name]
		printDescription(b, "  ", f.Description)
		fmt.Fprintf(b, "  %s%s: %s%s\n", name, printArgs(f.Args), f.Type, deprecated(f.DeprecationReason))
	}
	b.WriteString("}\n")
}

// printArgs prints arguments on one line, or one a line when any of them
// has a description.
func printArgs(args []*graphql.Argument) string {
	if len(args) == 0 {
		return ""
	}
	args = append([]*graphql.Argument(nil), args...)
	sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
	described := false
	for _, a := range args {
		described = described || a.Description() != ""
	}
	var b strings.Builder
	for i, a := range args {
		arg := fmt.Sprintf("%s: %s%s", a.Name(), a.Type, defaultValue(a.DefaultValue, a.Type))
		switch {
		case !described && i > 0:
			b.WriteString(", " + arg)
		case !described:
			b.WriteString(arg)
		default:
			b.WriteString("\n")
			printDescription(&b, "    ", a.Description())
			b.WriteString("    " + arg)
		}
	}
	if described {
		return "(" + b.String() + "\n  )"
	}
	return "(" + b.String() + ")"
}

// printDescription prints desc above a definition: as a "string" when it is
// one short line, as a """block string""" otherwise.
func printDescription(b *strings.Builder, indent, desc string) {
	switch {
	case desc == "":
	case len(desc) <= 70 && !strings.ContainsAny(desc, "\n\"\\"):
		fmt.Fprintf(b, "%s\"%s\"\n", indent, desc)
	default:
		desc = strings.ReplaceAll(desc, `"""`, `\"""`)
		fmt.Fprintf(b, "%s\"\"\"\n", indent)
		for _, line := range strings.Split(desc, "\n") {
			fmt.Fprintf(b, "%s%s\n", indent, line)
		}
		fmt.Fprintf(b, "%s\"\"\"\n", indent)
	}
}

// defaultValue prints " = v" for an argument or input field with a default;
// an enum's default is the internal value of one of its values.
func defaultValue(v any, t graphql.Type) string {
	if v == nil {
		return ""
	}
	if e, ok := graphql.GetNamed(t).(*graphql.Enum); ok {
		for _, ev := range e.Values() {
			if ev.Value == v {
				return " = " + ev.Name
			}
		}
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf(" = %q", s)
	}
	return fmt.Sprintf(" = %v", v)
}

func deprecated(reason string) string {
	if reason == "" {
		return ""
	}
	return fmt.Sprintf(" @deprecated(reason: %q)", reason)
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
