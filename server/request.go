package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The GraphQL-over-HTTP specification
// (https://graphql.github.io/graphql-over-http/draft/) fixes how a request
// carries its parameters and what status and media type answer it. The
// graphql-http package's audit suite checks a server against it; the test
// in server/testdata/audit runs that suite against this server.

// Media types of a GraphQL response.
const (
	// mediaGraphQLResponse is the specification's own type: a client that
	// accepts it gets 4xx statuses for requests that cannot execute.
	mediaGraphQLResponse = "application/graphql-response+json"
	// mediaJSON is the legacy type: a well-formed request gets a 200 even
	// when it does not parse or validate, since a client of this type may
	// not read a body with another status.
	mediaJSON = "application/json"
)

// params are the parameters of one GraphQL request.
type params struct {
	Query         string
	OperationName string
	Variables     map[string]any
	Extensions    map[string]any
}

// requestError is a request the server refuses before it reaches GraphQL:
// a body that is not JSON, parameters of the wrong type, an unsupported
// media type. Status is the HTTP status it gets whatever the client
// accepts.
type requestError struct {
	Status int
	Msg    string
}

func (e *requestError) Error() string { return e.Msg }

func badRequest(format string, args ...any) *requestError {
	return &requestError{Status: http.StatusBadRequest, Msg: fmt.Sprintf(format, args...)}
}

// responseType returns the media type to answer r with: the specification's
// application/graphql-response+json when r's Accept header lists it (with
// a nonzero quality), else application/json. A missing Accept header, */*
// and application/json all get application/json, as the specification asks
// while clients move to the new type.
func responseType(r *http.Request) string {
	for _, v := range r.Header.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			mt, ps, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil || mt != mediaGraphQLResponse {
				continue
			}
			if q, ok := ps["q"]; ok {
				if f, err := strconv.ParseFloat(q, 64); err != nil || f <= 0 {
					continue
				}
			}
			return mediaGraphQLResponse
		}
	}
	return mediaJSON
}

// parseGet reads the parameters of a GET request from its URL, where
// variables and extensions are JSON text.
func parseGet(q url.Values) (params, error) {
	p := params{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for _, f := range []struct {
		name string
		to   *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		m, err := jsonObject(f.name, json.RawMessage(v))
		if err != nil {
			return params{}, err
		}
		*f.to = m
	}
	if p.Query == "" {
		return params{}, badRequest("no query: send ?query= (or POST {\"query\": ...} as JSON)")
	}
	return p, nil
}

// parsePost reads the parameters of a POST request from its body, which
// must be a JSON object sent as application/json. Any other content type is
// refused with a 415: a form or text/plain POST is what a browser sends
// cross-site without asking first, so executing one would let any page
// spend a visitor's budget.
func parsePost(contentType string, body []byte) (params, error) {
	mt, ps, err := mediaJSON, map[string]string(nil), error(nil)
	if contentType != mediaJSON { // the type most clients send, read with no map made
		mt, ps, err = mime.ParseMediaType(contentType)
	}
	switch {
	case contentType == "":
		return params{}, &requestError{Status: http.StatusUnsupportedMediaType,
			Msg: "no Content-Type: send the request as application/json"}
	case err != nil || mt != mediaJSON:
		return params{}, &requestError{Status: http.StatusUnsupportedMediaType,
			Msg: fmt.Sprintf("unsupported Content-Type %q: send the request as application/json", contentType)}
	case ps["charset"] != "" && !strings.EqualFold(ps["charset"], "utf-8"):
		return params{}, &requestError{Status: http.StatusUnsupportedMediaType,
			Msg: fmt.Sprintf("unsupported charset %q: send the request as UTF-8", ps["charset"])}
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return params{}, badRequest("empty body: send {\"query\": ...}")
	}
	var m postMembers
	if json.Valid(trimmed) && trimmed[0] == '{' {
		m = members(trimmed)
	} else if err := json.Unmarshal(body, new(map[string]json.RawMessage)); err != nil { // encoding/json's account of what is wrong
		return params{}, badRequest("the body is not a JSON object: %v", jsonProblem(err))
	} // else the body is null, which has no members
	var p params
	if m.query == nil || isNull(m.query) {
		return params{}, badRequest("no query: send {\"query\": ...}")
	}
	var ok bool
	if p.Query, ok = jsonString(m.query); !ok {
		return params{}, badRequest("query must be a string")
	}
	if m.operationName != nil && !isNull(m.operationName) {
		if p.OperationName, ok = jsonString(m.operationName); !ok {
			return params{}, badRequest("operationName must be a string or null")
		}
	}
	if p.Variables, err = jsonObject("variables", m.variables); err != nil {
		return params{}, err
	}
	if p.Extensions, err = jsonObject("extensions", m.extensions); err != nil {
		return params{}, err
	}
	if strings.TrimSpace(p.Query) == "" {
		return params{}, badRequest("no query: send {\"query\": ...}")
	}
	return p, nil
}

// postMembers are the values of the members of a request's JSON body that
// name its parameters, each as JSON text; nil for one the body lacks.
type postMembers struct {
	query, operationName, variables, extensions json.RawMessage
}

// members finds the members of body, valid JSON text of an object, that
// name a request's parameters: what decoding body into a
// map[string]json.RawMessage would hold under those names, the last of
// repeated names included, with names compared after unescaping. It reads
// body once and copies nothing, where that decoding makes a map and a copy
// of every value.
func members(body []byte) postMembers {
	var m postMembers
	i := bytes.IndexByte(body, '{') + 1
	for {
		i = skipSpace(body, i)
		if body[i] == '}' {
			return m
		}
		start := i
		i = stringEnd(body, i)
		name := body[start:i]
		i = skipSpace(body, skipSpace(body, i)+1) // past the colon
		start = i
		i = valueEnd(body, i)
		value := body[start:i:i]
		key, _ := jsonString(name)
		switch key {
		case "query":
			m.query = value
		case "operationName":
			m.operationName = value
		case "variables":
			m.variables = value
		case "extensions":
			m.extensions = value
		}
		if i = skipSpace(body, i); body[i] == ',' {
			i++
		}
	}
}

// skipSpace returns the index of the first byte of b from i on that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the valid JSON string that starts
// at b[i].
func stringEnd(b []byte, i int) int {
	for i++; ; i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// valueEnd returns the index just past the valid JSON value that starts at
// b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
	}
	for ; i < len(b); i++ { // a number, true, false or null
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
	}
	return i
}

// jsonString decodes raw, valid JSON text, as a string; ok is false when it
// is not one. A string that is valid UTF-8 without \u escapes, as most are,
// is decoded here; encoding/json decodes the rest.
func jsonString(raw []byte) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' || !utf8.Valid(raw) {
		return s, json.Unmarshal(raw, &s) == nil
	}
	text := raw[1 : len(raw)-1]
	if bytes.IndexByte(text, '\\') < 0 {
		return string(text), true
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\\' {
			i++
			switch c = text[i]; c {
			case '"', '\\', '/':
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default: // \u, with its rules for surrogates
				return s, json.Unmarshal(raw, &s) == nil
			}
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// jsonObject decodes raw, the parameter name, as a JSON object; absent or
// null gives nil.
func jsonObject(name string, raw json.RawMessage) (map[string]any, error) {
	if len(raw) == 0 || isNull(raw) {
		return nil, nil
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, badRequest("%s must be a JSON object or null", name)
	}
	d := json.NewDecoder(bytes.NewReader(trimmed))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, badRequest("%s is not a JSON object: %v", name, jsonProblem(err))
	}
	if d.More() {
		return nil, badRequest("%s has text after its JSON object", name)
	}
	return numbersToGo(m), nil
}

// numbersToGo replaces the json.Numbers in m with int when they are whole
// and fit, else float64, as graphql-go's input coercion expects.
func numbersToGo(m map[string]any) map[string]any {
	var conv func(v any) any
	conv = func(v any) any {
		switch v := v.(type) {
		case json.Number:
			if i, err := strconv.Atoi(string(v)); err == nil {
				return i
			}
			f, _ := v.Float64()
			return f
		case map[string]any:
			for k, e := range v {
				v[k] = conv(e)
			}
		case []any:
			for i, e := range v {
				v[i] = conv(e)
			}
		}
		return v
	}
	conv(m)
	return m
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// jsonProblem describes a JSON decoding error without echoing the input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("a JSON %s where an object was expected", te.Value)
	}
	return err.Error()
}
