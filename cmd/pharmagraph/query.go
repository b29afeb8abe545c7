package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"

	"github.com/graphql-go/graphql"

	"pharmagraph/schema"
)

func query(ctx context.Context, sf storeFlags, args []string, stdout io.Writer) error {
	fs := newFlags("query", "pharmagraph query [flags] QUERY")
	sf.register(fs)
	vars := fs.String("vars", "", "the query's variables as a JSON object")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("query: give one GraphQL query, e.g. pharmagraph query '{ drug(name: \"baclofen\") { id } }'")
	}
	var variables map[string]any
	if *vars != "" {
		if err := json.Unmarshal([]byte(*vars), &variables); err != nil {
			return usagef("query: --vars: %v", err)
		}
	}
	s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := schema.New(s, slog.Default())
	if err != nil {
		return err
	}
	res := graphql.Do(graphql.Params{Schema: sc, RequestString: rest[0], VariableValues: variables, Context: ctx})
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		return err
	}
	if res.HasErrors() {
		return errors.New("query: the response has errors")
	}
	return nil
}
