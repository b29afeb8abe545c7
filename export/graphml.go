package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"strconv"
	"strings"

	"pharmagraph/graph"
)

// textCategory is the category of the nodes that the graph formats make for
// the text objects of mechanism, starting_dose and warning facts: a GraphML
// or Cytoscape edge needs a node at each end.
const textCategory = "pg:Text"

// textNodeID names the node made for the text of the fact whose edge id is
// edgeID: one node a fact, so that it is written once, beside its edge.
func textNodeID(edgeID string) string {
	return "pgtext:" + strings.TrimPrefix(edgeID, "pgedge:")
}

// graphKey is one GraphML attribute declaration.
type graphKey struct{ id, domain, name, typ string }

// graphKeys declares every node and edge property, typed, so that readers
// give back ints and booleans rather than strings. Lists are |-separated.
var graphKeys = []graphKey{
	{"n_category", "node", "category", "string"},
	{"n_name", "node", "name", "string"},
	{"n_synonym", "node", "synonym", "string"},
	{"n_xref", "node", "xref", "string"},
	{"n_description", "node", "description", "string"},
	{"n_provided_by", "node", "provided_by", "string"},
	{"n_source_count", "node", "source_count", "int"},
	{"e_predicate", "edge", "predicate", "string"},
	{"e_primary_knowledge_source", "edge", "primary_knowledge_source", "string"},
	{"e_aggregator_knowledge_source", "edge", "aggregator_knowledge_source", "string"},
	{"e_knowledge_level", "edge", "knowledge_level", "string"},
	{"e_agent_type", "edge", "agent_type", "string"},
	{"e_section", "edge", "section", "string"},
	{"e_context", "edge", "context", "string"},
	{"e_status", "edge", "status", "string"},
	{"e_frequency", "edge", "frequency", "string"},
	{"e_severity", "edge", "severity", "string"},
	{"e_mechanism", "edge", "mechanism", "string"},
	{"e_description", "edge", "description", "string"},
	{"e_storage", "edge", "storage", "string"},
	{"e_action", "edge", "action", "string"},
	{"e_symmetric", "edge", "symmetric", "boolean"},
}

// xmlWriter writes GraphML to a buffer; errors stick in the buffer.
type xmlWriter struct{ w *bufio.Writer }

func (x xmlWriter) escaped(s string) { xml.EscapeText(x.w, []byte(s)) }

// data writes one property, unless its value is empty.
func (x xmlWriter) data(key, value string) {
	if value == "" {
		return
	}
	x.w.WriteString(`      <data key="`)
	x.w.WriteString(key)
	x.w.WriteString(`">`)
	x.escaped(value)
	x.w.WriteString("</data>\n")
}

func (x xmlWriter) open(element, id string, attrs ...string) {
	x.w.WriteString("    <" + element + ` id="`)
	x.escaped(id)
	x.w.WriteString(`"`)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.w.WriteString(" " + attrs[i] + `="`)
		x.escaped(attrs[i+1])
		x.w.WriteString(`"`)
	}
	x.w.WriteString(">\n")
}

func (x xmlWriter) close(element string) error {
	_, err := x.w.WriteString("    </" + element + ">\n")
	return err
}

func writeGraphML(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	x := xmlWriter{w}
	w.WriteString(xml.Header)
	w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphKeys {
		w.WriteString(`  <key id="` + k.id + `" for="` + k.domain + `" attr.name="` + k.name + `" attr.type="` + k.typ + `"/>` + "\n")
	}
	w.WriteString(`  <graph id="pharmagraph" edgedefault="directed">` + "\n")
	n := 0
	err := r.EachNode(ctx, f, func(node graph.Node, provs []graph.Provenance) error {
		rec := newNodeRecord(node, provs)
		x.open("node", string(rec.ID))
		x.data("n_category", string(node.Category))
		x.data("n_name", rec.Name)
		x.data("n_synonym", strings.Join(rec.Synonym, "|"))
		x.data("n_xref", strings.Join(ids(rec.Xref), "|"))
		x.data("n_description", rec.Description)
		x.data("n_provided_by", strings.Join(ids(rec.ProvidedBy), "|"))
		x.data("n_source_count", strconv.Itoa(len(rec.ProvidedBy)))
		n++
		return x.close("node")
	})
	if err != nil {
		return n, err
	}
	err = r.EachFact(ctx, f, func(fact graph.Fact) error {
		rec, err := newEdgeRecord(fact)
		if err != nil {
			return err
		}
		target := string(rec.Object)
		if fact.Predicate.Literal() {
			target = textNodeID(rec.ID)
			x.open("node", target)
			x.data("n_category", textCategory)
			x.data("n_name", rec.ObjectText)
			x.close("node")
			n++
		}
		x.open("edge", rec.ID, "source", string(rec.Subject), "target", target)
		for _, d := range [][2]string{
			{"e_predicate", string(rec.Predicate)},
			{"e_primary_knowledge_source", string(rec.PrimaryKnowledgeSource)},
			{"e_aggregator_knowledge_source", strings.Join(ids(rec.AggregatorKnowledgeSource), "|")},
			{"e_knowledge_level", string(rec.KnowledgeLevel)},
			{"e_agent_type", string(rec.AgentType)},
			{"e_section", rec.Section},
			{"e_context", rec.Context},
			{"e_status", rec.Status},
			{"e_frequency", rec.Frequency},
			{"e_severity", rec.Severity},
			{"e_mechanism", rec.Mechanism},
			{"e_description", rec.Description},
			{"e_storage", rec.Storage},
			{"e_action", rec.Action},
			{"e_symmetric", strconv.FormatBool(fact.Predicate.Symmetric())},
		} {
			x.data(d[0], d[1])
		}
		n++
		return x.close("edge")
	})
	w.WriteString("  </graph>\n</graphml>\n")
	return n, err
}
