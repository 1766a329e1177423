package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The business-rules file (FRONTDESK_CONFIG, YAML; see
// frontdesk.example.yaml) holds the configuration table's rows that have a
// Key, nested by its dots. Working hours are written as hours.open and
// hours.close; lists (workdays, holidays, categories) as YAML lists.

// ruleValue is one setting read from the file, with its file and key for
// errors and for frontdesk config.
type ruleValue struct{ value, key string }

// workHoursKey is the table's key of the working hours, which the file
// writes as two keys.
const workHoursKey = "hours.open/close"

// fileKeys is every key the file may hold.
func fileKeys() map[string]bool {
	keys := map[string]bool{}
	for _, s := range settings {
		switch s.Key {
		case "":
		case workHoursKey:
			keys["hours.open"], keys["hours.close"] = true, true
		default:
			keys[s.Key] = true
		}
	}
	return keys
}

// readRules reads the file at path into values by the table's keys.
// Unknown keys are errors, so a typo does not pass silently.
func readRules(path string) (map[string]ruleValue, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("FRONTDESK_CONFIG: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	known := fileKeys()
	flat := map[string]string{}
	if len(doc.Content) > 0 && doc.Content[0].ShortTag() != "!!null" { // a file of comments only is empty
		if err := flatten(path, doc.Content[0], "", known, flat); err != nil {
			return nil, err
		}
	}
	vals := map[string]ruleValue{}
	for k, v := range flat {
		if v != "" {
			vals[k] = ruleValue{v, path + ": " + k}
		}
	}
	if open, close := flat["hours.open"], flat["hours.close"]; open != "" || close != "" {
		// each checked on its own, quoted as written; the one not given
		// keeps its default
		defOpen, defClose := clockText(deskDefaults.SLA.WorkStart), clockText(deskDefaults.SLA.WorkEnd)
		for _, h := range []struct{ key, v, def string }{{"hours.open", open, defOpen}, {"hours.close", close, defClose}} {
			if hm := strings.SplitN(h.v, ":", 2); h.v != "" && (len(hm) != 2 || (clock(hm[0], hm[1]) < 0 && h.v != "24:00")) {
				return nil, fmt.Errorf("%s: %s: %q is not a time of day like %s", path, h.key, h.v, h.def)
			}
		}
		vals[workHoursKey] = ruleValue{cmpOr(open, defOpen) + "-" + cmpOr(close, defClose), path + ": " + workHoursKey}
	}
	return vals, nil
}

// flatten walks a mapping node into dotted keys: a scalar's value as
// written, a list's items joined by commas (an empty list: none). A key the
// table does not know is named with its line and the nearest known key.
func flatten(path string, n *yaml.Node, prefix string, known map[string]bool, out map[string]string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: line %d: expected keys like %s", path, n.Line, strings.Join(children(known, prefix), ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if !known[key] && len(children(known, key+".")) == 0 {
			names := children(known, prefix)
			hint := "known keys here: " + strings.Join(names, ", ")
			if near := nearest(k.Value, names); near != "" {
				hint = fmt.Sprintf("did you mean %q?", prefix+near)
			}
			return fmt.Errorf("%s: line %d: unknown key %q (%s)", path, k.Line, key, hint)
		}
		switch {
		case v.ShortTag() == "!!null":
			// "hotline: ~", or a section whose keys are all commented out:
			// not set, so the default holds
		case !known[key]:
			if err := flatten(path, v, key+".", known, out); err != nil {
				return err
			}
		case v.Kind == yaml.SequenceNode:
			var items []string
			for _, it := range v.Content {
				items = append(items, strings.TrimSpace(it.Value))
			}
			out[key] = cmpOr(strings.Join(items, ","), "none")
		case v.Kind == yaml.ScalarNode:
			out[key] = strings.TrimSpace(v.Value)
		default:
			return fmt.Errorf("%s: line %d: %s takes a value, not keys", path, v.Line, key)
		}
	}
	return nil
}

// children lists the names one level under prefix ("hours." → open, close…).
func children(known map[string]bool, prefix string) []string {
	seen := map[string]bool{}
	for k := range known {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			seen[strings.Split(rest, ".")[0]] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
