package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checkKeys walks the file's mapping keys against the keys typ knows (its
// fields' yaml tags, nested) and names the first unknown one in the user's
// terms: the file, the line, the whole dotted key and the nearest known key,
// never a Go type.
func checkKeys(path string, n *yaml.Node, typ reflect.Type, prefix string) error {
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := checkKeys(path, c, typ, prefix); err != nil {
				return err
			}
		}
		return nil
	}
	if n.Kind != yaml.MappingNode || typ.Kind() != reflect.Struct {
		return nil
	}
	known := map[string]reflect.Type{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		if tag := strings.Split(f.Tag.Get("yaml"), ",")[0]; tag != "" && tag != "-" {
			known[tag] = f.Type
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, ok := known[k.Value]
		if !ok {
			names := make([]string, 0, len(known))
			for name := range known {
				names = append(names, name)
			}
			sort.Strings(names)
			hint := "known keys here: " + strings.Join(names, ", ")
			if near := nearest(k.Value, names); near != "" {
				hint = fmt.Sprintf("did you mean %q?", prefix+near)
			}
			return fmt.Errorf("%s: line %d: unknown key %q (%s)", path, k.Line, prefix+k.Value, hint)
		}
		if err := checkKeys(path, v, ft, prefix+k.Value+"."); err != nil {
			return err
		}
	}
	return nil
}

// nearest is the name closest to s by edit distance, when it is close
// enough to be a typo (at most a third of its length, at least 2).
func nearest(s string, names []string) string {
	best, bestD := "", max(2, len(s)/3)+1
	for _, n := range names {
		if d := editDistance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes (keys
// are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
