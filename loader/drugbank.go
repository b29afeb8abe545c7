package loader

// The DrugBank open vocabulary (go.drugbank.com/releases/latest#open-data),
// drugbank vocabulary.csv: semicolon-separated, with fields quoted where
// they hold a semicolon, and the columns
//
//	DrugBank ID;Accession Numbers;Common name;CAS;UNII;Synonyms;Standard InChI Key
//
// The copy in use starts with an extra line Column1;...;Column7, which is
// skipped. Each row names a drug: its node gets the common name, the
// synonyms (separated by " | ") and the CAS, UNII and InChIKey as
// cross-references (CAS:, UNII:, INCHIKEY:), so that any of them finds it.
// A drug the store already has keeps its name; DrugBank's becomes a
// synonym. Accession numbers (older DrugBank and BioDrugBank ids) are not
// imported. The source is infores:drugbank.

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"pharmagraph/graph"
)

func init() {
	formats = append(formats, &format{family: "drugbank", name: "DrugBank vocabulary", rank: 20,
		guess: func(base, first string) bool {
			return strings.HasPrefix(first, drugbankHeader) ||
				(strings.HasPrefix(first, "Column1;") && strings.Contains(strings.ToLower(base), "vocabulary"))
		},
		read: readDrugbank})
}

// drugbankHeader is the vocabulary's header line.
const drugbankHeader = "DrugBank ID;Accession Numbers;Common name;CAS;UNII;Synonyms;Standard InChI Key"

var (
	casNumber = regexp.MustCompile(`^\d{2,7}-\d{2}-\d$`)
	unii      = regexp.MustCompile(`^[A-Z0-9]{10}$`)
	inchiKey  = regexp.MustCompile(`^[A-Z]{14}-[A-Z]{10}-[A-Z]$`)
)

func readDrugbank(ctx context.Context, r *reader, p *parsed) error {
	header := false
	var badXrefs []string // the positions of cross-references left out
	defer func() {
		if len(badXrefs) > 0 {
			p.note("drugbank", fmt.Sprintf("drugbank: cross-references that are not what their column holds, left out "+
				"(their rows kept): %d; the first: %s", len(badXrefs), badXrefs[0]))
		}
	}()
	for {
		text, ok := r.next()
		if !ok {
			return nil
		}
		at := r.at()
		switch {
		case !header && strings.HasPrefix(text, "Column1;"):
			continue
		case !header:
			if text != drugbankHeader {
				p.bad(at, "", fmt.Errorf("header %q, want %q", text, drugbankHeader))
				return nil
			}
			header = true
			continue
		}
		n, dropped, err := drugbankNode(text)
		if err != nil {
			p.bad(at, "", err)
			continue
		}
		for _, d := range dropped {
			badXrefs = append(badXrefs, fmt.Sprintf("%s:%d: %s", at.file, at.line, d))
		}
		p.useSource(ctx, at, drugbankSource)
		p.addNode(at, n)
		if r.line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// drugbankNode reads one row of the vocabulary. A CAS number, UNII or
// InChIKey that is not one (the copy in use has CAS numbers a spreadsheet
// turned into dates, such as "1.12.9001") is left out of the node and
// described in dropped.
func drugbankNode(text string) (n graph.NodeFact, dropped []string, err error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = ';'
	c, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return n, nil, fmt.Errorf("not a row of semicolon-separated fields: %w", err)
	}
	if len(c) != 7 {
		return n, nil, fmt.Errorf("%d fields, want 7 (%s)", len(c), drugbankHeader)
	}
	for i := range c {
		c[i] = strings.TrimSpace(c[i])
	}
	if !drugbankID.MatchString(c[0]) {
		return n, nil, fmt.Errorf("%q is not a DrugBank id (DB and 5 digits)", c[0])
	}
	n = graph.NodeFact{Node: graph.Node{ID: graph.ID("DRUGBANK:" + c[0]), Category: graph.Drug, Name: c[2]},
		Provenance: graph.Provenance{Source: drugbankSource}}
	for _, x := range []struct {
		value, prefix, what string
		valid               *regexp.Regexp
	}{
		{c[3], "CAS:", "CAS number", casNumber},
		{c[4], "UNII:", "UNII", unii},
		{c[6], "INCHIKEY:", "InChIKey", inchiKey},
	} {
		switch {
		case x.value == "":
		case !x.valid.MatchString(x.value):
			dropped = append(dropped, fmt.Sprintf("%s: %q is not a %s", c[0], x.value, x.what))
		default:
			n.Xrefs = append(n.Xrefs, graph.ID(x.prefix+x.value))
		}
	}
	seen := map[string]bool{graph.FoldName(n.Name): true}
	for _, s := range strings.Split(c[5], "|") {
		if s = strings.TrimSpace(s); s != "" && !seen[graph.FoldName(s)] {
			seen[graph.FoldName(s)] = true
			n.Synonyms = append(n.Synonyms, s)
		}
	}
	return n, dropped, nil
}
