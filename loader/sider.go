package loader

// SIDER 4.1 (sideeffects.embl.de), its download files as they are, gzipped
// or not:
//
//	meddra_all_se.tsv           side effects found on drug labels
//	meddra_freq.tsv             how often each occurs, as the labels say
//	meddra_all_indications.tsv  indications found on drug labels
//	drug_names.tsv              SIDER's name of each drug (optional)
//
// and a map from DrugBank to PubChem ids (drugbank-pubchem-map.tsv, with a
// drugbank_id and pubchem_id header, as Hetionet's SIDER import used).
// Load them together: the map and names must be in the same load as the
// rows they serve, and side effects and frequencies merge into one fact.
//
// Drugs. SIDER names a drug by STITCH ids: flat (CID1 + the PubChem id
// padded to 8 digits) and stereo (CID0 + ...). A side-effect or frequency
// row maps its stereo compound, the exact one, through the map, and its
// flat one when the stereo has no DrugBank id; an indication row has only
// the flat id. A compound the map gives several DrugBank ids (an ion shared
// by salts, a racemate and an enantiomer) states its facts for each, as
// Hetionet did. A compound with none keeps its PubChem id,
// PUBCHEM.COMPOUND:<flat id>, named by drug_names.tsv or else "PubChem CID
// <id>"; the report's notes count both cases. A mapped drug gets a node only
// where drug_names.tsv names it and the map gives the compound no other
// DrugBank id (SIDER's name is the compound's, not each drug's); otherwise
// the DrugBank vocabulary, Hetionet or the store must have it.
//
// Terms. SIDER gives every term found on a label as a MedDRA lowest level
// term (LLT) row and repeats it as one or more preferred terms (PT). We keep
// the LLT rows, whose concept is the term the label uses (column 3 equals
// column 5), so that an effect is the concept the label names: the UMLS ids
// of the seeds' effects and of Hetionet's side effects are mostly label
// terms (Hetionet takes both levels, so its edges include each row's PTs
// too). PT rows and the few rows of neither level (MedDRA system organ
// classes) are counted as skipped.
//
// Side effects are has_adverse_event facts in the ADVERSE context, one for
// each drug and effect. Frequencies. A label may give several frequencies
// for one effect (from several trials, or for several doses): the fact
// carries every distinct description the label rows give, ordered by their
// lower bound, upper bound and then text, joined by ", " ("5%, 21%";
// "rare, postmarketing"), so that loading the files again gives the same
// fact. Placebo rows describe the placebo arm, not the drug, and are
// skipped.
//
// Indications are treats facts with status APPROVED: they are the uses
// written in a label's indications section. NLP_precondition rows name a
// condition of the patients a label addresses ("in patients with renal
// impairment"), not a use, and are skipped; text_mention and NLP_indication
// rows are kept. A treats fact needs a Condition, so an indication whose
// concept is an effect in the graph is rejected with that reason.
//
// Every fact's source is infores:sider; its section is "side effects" or
// "indications".

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"pharmagraph/graph"
)

func init() {
	named := func(names ...string) func(base, first string) bool {
		return func(base, first string) bool { return slices.Contains(names, base) }
	}
	formats = append(formats,
		&format{family: "sider", name: "DrugBank to PubChem map", rank: 20,
			guess: func(base, first string) bool { return first == "drugbank_id\tpubchem_id" },
			read:  readSiderMap},
		&format{family: "sider", name: "sider drug names", rank: 20,
			guess: named("drug_names.tsv"), read: readSiderNames},
		&format{family: "sider", name: "sider side effects", rank: 40,
			guess: named("meddra_all_se.tsv"), read: readSiderEffects},
		&format{family: "sider", name: "sider frequencies", rank: 41,
			guess: named("meddra_freq.tsv"), read: readSiderFrequencies},
		&format{family: "sider", name: "sider indications", rank: 42,
			guess: named("meddra_all_indications.tsv"), read: readSiderIndications},
	)
}

// sider is what the SIDER files of one load share.
type sider struct {
	drugbank map[int][]graph.ID          // PubChem id -> DrugBank ids, from the map
	names    map[int]string              // flat PubChem id -> SIDER's name of the drug
	named    map[graph.ID]graph.Category // drug, effect and condition nodes added
	unmapped map[int]bool                // flat ids of compounds kept under their PubChem id
	several  map[int]bool                // ids of compounds the map gives several DrugBank ids
	effects  map[[2]graph.ID]*siderEffect
}

// siderEffect is the has_adverse_event fact of one drug and effect: its
// qualifiers, which the fact in the batch shares, and the frequencies the
// rows give it.
type siderEffect struct {
	qualifiers map[graph.Qualifier]string
	freqs      []siderFrequency
}

// siderFrequency is one frequency a label gives, with its bounds.
type siderFrequency struct {
	lower, upper float64
	text         string
}

// siderOf returns what the SIDER files of the load share, made by the first.
func siderOf(p *parsed) *sider {
	s, _ := p.state["sider"].(*sider)
	if s == nil {
		s = &sider{drugbank: map[int][]graph.ID{}, names: map[int]string{}, named: map[graph.ID]graph.Category{},
			unmapped: map[int]bool{}, several: map[int]bool{}, effects: map[[2]graph.ID]*siderEffect{}}
		p.state["sider"] = s
	}
	return s
}

var (
	stitchID   = regexp.MustCompile(`^CID[01]\d{8}$`)
	umlsID     = regexp.MustCompile(`^C\d{7}$`)
	drugbankID = regexp.MustCompile(`^DB\d{5}$`)
)

// pubchem returns the PubChem id of a STITCH id: the number after CID1 for
// a flat id, after CID0 for a stereo one.
func pubchem(stitch string, flat bool) (int, error) {
	kind, digit := "stereo", byte('0')
	if flat {
		kind, digit = "flat", '1'
	}
	if !stitchID.MatchString(stitch) || stitch[3] != digit {
		return 0, fmt.Errorf("%q is not a %s STITCH id (CID%c and 8 digits)", stitch, kind, digit)
	}
	return strconv.Atoi(stitch[4:])
}

func readSiderMap(ctx context.Context, r *reader, p *parsed) error {
	s := siderOf(p)
	return readTSV(ctx, r, p, "", []string{"drugbank_id", "pubchem_id"}, false, func(at pos, c []string) {
		cid, err := strconv.Atoi(c[1])
		switch {
		case !drugbankID.MatchString(c[0]):
			p.bad(at, "", fmt.Errorf("%q is not a DrugBank id (DB and 5 digits)", c[0]))
		case err != nil || cid <= 0:
			p.bad(at, "", fmt.Errorf("%q is not a PubChem compound id", c[1]))
		default:
			id := graph.ID("DRUGBANK:" + c[0])
			if ids := s.drugbank[cid]; !slices.Contains(ids, id) {
				s.drugbank[cid] = append(ids, id)
				slices.Sort(s.drugbank[cid])
			}
		}
	})
}

func readSiderNames(ctx context.Context, r *reader, p *parsed) error {
	s := siderOf(p)
	return readTSV(ctx, r, p, "", []string{"flat STITCH id", "name"}, true, func(at pos, c []string) {
		cid, err := pubchem(c[0], true)
		switch {
		case err != nil:
			p.bad(at, "", err)
		case strings.TrimSpace(c[1]) == "":
			p.bad(at, "", fmt.Errorf("%s has no name", c[0]))
		default:
			s.names[cid] = strings.TrimSpace(c[1])
		}
	})
}

// drugs returns the graph's ids of a SIDER compound: its DrugBank ids by
// its stereo id (0 when the row has none) or else its flat id, or its
// PubChem id when the map has neither. It adds the nodes SIDER can name.
func (s *sider) drugs(ctx context.Context, p *parsed, at pos, flat, stereo int) []graph.ID {
	ids, cid := s.drugbank[stereo], stereo
	if len(ids) == 0 {
		ids, cid = s.drugbank[flat], flat
	}
	if len(ids) > 1 && !s.several[cid] {
		s.several[cid] = true
		p.note("sider 2", fmt.Sprintf("sider: compounds with several DrugBank ids in the map: %d; their facts are stated for each", len(s.several)))
	}
	name := s.names[flat]
	if len(ids) == 0 {
		ids = []graph.ID{graph.ID("PUBCHEM.COMPOUND:" + strconv.Itoa(flat))}
		if name == "" {
			name = "PubChem CID " + strconv.Itoa(flat)
		}
		if !s.unmapped[flat] {
			s.unmapped[flat] = true
			p.note("sider 1", fmt.Sprintf("sider: compounds without a DrugBank id in the map: %d; kept as PUBCHEM.COMPOUND:<flat id>", len(s.unmapped)))
		}
	}
	if name != "" && len(ids) == 1 {
		s.node(ctx, p, at, ids[0], graph.Drug, name)
	}
	return ids
}

// node adds the node id, once a load.
func (s *sider) node(ctx context.Context, p *parsed, at pos, id graph.ID, cat graph.Category, name string) {
	if s.named[id] != "" {
		return
	}
	if have, ok := p.w.Category(ctx, id); ok && have != cat {
		// The store has the concept under the other category (pain is a
		// condition in the seeds and a side effect here): facts attach to
		// the node it has, as has_adverse_event and treats both allow.
		s.named[id] = have
		return
	}
	s.named[id] = cat
	p.useSource(ctx, at, siderSource)
	p.addNode(at, graph.NodeFact{Node: graph.Node{ID: id, Category: cat, Name: name},
		Provenance: graph.Provenance{Source: siderSource}})
}

// effect states that the drugs have the effect, with a frequency where
// freq has a text.
func (s *sider) effect(ctx context.Context, p *parsed, at pos, drugs []graph.ID, effect graph.ID, freq siderFrequency) {
	p.useSource(ctx, at, siderSource)
	for _, d := range drugs {
		e := s.effects[[2]graph.ID{d, effect}]
		if e == nil {
			e = &siderEffect{qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)}}
			s.effects[[2]graph.ID{d, effect}] = e
			p.addFact(at, graph.Fact{Subject: d, Predicate: graph.HasAdverseEvent, Object: effect, Qualifiers: e.qualifiers,
				Provenance: graph.Provenance{Source: siderSource, Section: "side effects"}})
		} else {
			p.restate(graph.HasAdverseEvent)
		}
		if freq.text == "" || slices.Contains(e.freqs, freq) {
			continue
		}
		e.freqs = append(e.freqs, freq)
		slices.SortFunc(e.freqs, func(a, b siderFrequency) int {
			return cmp.Or(cmp.Compare(a.lower, b.lower), cmp.Compare(a.upper, b.upper), strings.Compare(a.text, b.text))
		})
		texts := make([]string, len(e.freqs))
		for i, f := range e.freqs {
			texts[i] = f.text
		}
		e.qualifiers[graph.QFrequency] = strings.Join(texts, ", ")
	}
}

func readSiderEffects(ctx context.Context, r *reader, p *parsed) error {
	s := siderOf(p)
	header := []string{"flat STITCH id", "stereo STITCH id", "label UMLS id", "MedDRA type", "MedDRA UMLS id", "name"}
	return readTSV(ctx, r, p, graph.HasAdverseEvent, header, true, func(at pos, c []string) {
		flat, stereo, effect, ok := s.row(p, at, graph.HasAdverseEvent, c[0], c[1], c[3], c[4])
		if !ok {
			return
		}
		s.node(ctx, p, at, effect, graph.Effect, c[5])
		s.effect(ctx, p, at, s.drugs(ctx, p, at, flat, stereo), effect, siderFrequency{})
	})
}

// row checks the ids of a side-effect or frequency row and tells whether it
// is a lowest level term row, which states a fact; it counts the others as
// skipped.
func (s *sider) row(p *parsed, at pos, pred graph.Predicate, flatID, stereoID, level, cui string) (flat, stereo int, effect graph.ID, ok bool) {
	switch level {
	case "LLT":
	case "PT", "":
		p.skip(pred)
		return 0, 0, "", false
	default:
		p.bad(at, pred, fmt.Errorf("MedDRA type %q is not LLT, PT or empty", level))
		return 0, 0, "", false
	}
	flat, err := pubchem(flatID, true)
	if err == nil {
		stereo, err = pubchem(stereoID, false)
	}
	if err == nil && !umlsID.MatchString(cui) {
		err = fmt.Errorf("%q is not a UMLS concept id (C and 7 digits)", cui)
	}
	if err != nil {
		p.bad(at, pred, err)
		return 0, 0, "", false
	}
	return flat, stereo, graph.ID("UMLS:" + cui), true
}

func readSiderFrequencies(ctx context.Context, r *reader, p *parsed) error {
	s := siderOf(p)
	header := []string{"flat STITCH id", "stereo STITCH id", "label UMLS id", "placebo", "frequency",
		"lower bound", "upper bound", "MedDRA type", "MedDRA UMLS id", "name"}
	return readTSV(ctx, r, p, graph.HasAdverseEvent, header, true, func(at pos, c []string) {
		freq, err := siderFrequencyOf(c[4], c[5], c[6])
		if err == nil && c[3] != "" && c[3] != "placebo" {
			err = fmt.Errorf("placebo column %q is neither empty nor placebo", c[3])
		}
		if err != nil {
			p.bad(at, graph.HasAdverseEvent, err)
			return
		}
		flat, stereo, effect, ok := s.row(p, at, graph.HasAdverseEvent, c[0], c[1], c[7], c[8])
		if !ok {
			return
		}
		if c[3] == "placebo" {
			p.skip(graph.HasAdverseEvent)
			return
		}
		s.node(ctx, p, at, effect, graph.Effect, c[9])
		s.effect(ctx, p, at, s.drugs(ctx, p, at, flat, stereo), effect, freq)
	})
}

// siderFrequencyOf reads the description and bounds of a frequency row.
func siderFrequencyOf(text, lower, upper string) (siderFrequency, error) {
	f := siderFrequency{text: strings.TrimSpace(text)}
	var err error
	if f.lower, err = strconv.ParseFloat(lower, 64); err != nil {
		return f, fmt.Errorf("lower bound %q is not a number", lower)
	}
	if f.upper, err = strconv.ParseFloat(upper, 64); err != nil {
		return f, fmt.Errorf("upper bound %q is not a number", upper)
	}
	if f.text == "" {
		return f, fmt.Errorf("no frequency")
	}
	return f, nil
}

func readSiderIndications(ctx context.Context, r *reader, p *parsed) error {
	s := siderOf(p)
	header := []string{"flat STITCH id", "label UMLS id", "method", "label name", "MedDRA type", "MedDRA UMLS id", "MedDRA name"}
	return readTSV(ctx, r, p, graph.Treats, header, true, func(at pos, c []string) {
		switch {
		case c[2] != "NLP_indication" && c[2] != "NLP_precondition" && c[2] != "text_mention":
			p.bad(at, graph.Treats, fmt.Errorf("method %q is not NLP_indication, NLP_precondition or text_mention", c[2]))
			return
		case c[4] != "LLT" && c[4] != "PT" && c[4] != "":
			p.bad(at, graph.Treats, fmt.Errorf("MedDRA type %q is not LLT, PT or empty", c[4]))
			return
		case c[4] != "LLT" || c[2] == "NLP_precondition":
			p.skip(graph.Treats)
			return
		}
		flat, err := pubchem(c[0], true)
		if err == nil && !umlsID.MatchString(c[5]) {
			err = fmt.Errorf("%q is not a UMLS concept id (C and 7 digits)", c[5])
		}
		if err != nil {
			p.bad(at, graph.Treats, err)
			return
		}
		// A concept the side effects named stays an effect: treats takes one.
		cond := graph.ID("UMLS:" + c[5])
		s.node(ctx, p, at, cond, graph.Condition, c[6])
		drugs := s.drugs(ctx, p, at, flat, 0)
		p.useSource(ctx, at, siderSource)
		for _, d := range drugs {
			p.addFact(at, graph.Fact{Subject: d, Predicate: graph.Treats, Object: cond,
				Qualifiers: map[graph.Qualifier]string{graph.QStatus: string(graph.Approved)},
				Provenance: graph.Provenance{Source: siderSource, Section: "indications"}})
		}
	})
}
