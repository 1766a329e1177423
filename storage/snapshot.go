package storage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// snapshotKey is one key of the in-process Redis as saved to disk.
type snapshotKey struct {
	Type   string             `json:"type"`
	String string             `json:"string,omitempty"`
	List   []string           `json:"list,omitempty"`
	Set    []string           `json:"set,omitempty"`
	ZSet   map[string]float64 `json:"zset,omitempty"`
	Hash   map[string]string  `json:"hash,omitempty"`
	TTL    time.Duration      `json:"ttl,omitempty"` // remaining at the snapshot; 0 for none
}

// saveSnapshot writes every key of mr (conversation state, web-chat
// transcripts, queued replies) to path, through a temporary file and a
// rename, so a crash while writing leaves the last whole snapshot.
func saveSnapshot(mr *miniredis.Miniredis, path string) error {
	keys := map[string]snapshotKey{}
	for _, k := range mr.Keys() {
		s := snapshotKey{Type: mr.Type(k), TTL: mr.TTL(k)}
		var err error
		switch s.Type {
		case "string":
			s.String, err = mr.Get(k)
		case "list":
			s.List, err = mr.List(k)
		case "set":
			s.Set, err = mr.Members(k)
		case "zset":
			s.ZSet, err = mr.SortedSet(k)
		case "hash":
			var fields []string
			if fields, err = mr.HKeys(k); err == nil {
				s.Hash = map[string]string{}
				for _, f := range fields {
					s.Hash[f] = mr.HGet(k, f)
				}
			}
		default:
			continue // no other type is used
		}
		if err != nil {
			continue // the key changed type or went away meanwhile: the next snapshot has it
		}
		keys[k] = s
	}
	raw, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// loadSnapshot restores the keys saved at path into mr; no file is no
// snapshot yet.
func loadSnapshot(mr *miniredis.Miniredis, path string) (int, error) {
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var keys map[string]snapshotKey
	if err := json.Unmarshal(raw, &keys); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	for k, s := range keys {
		switch s.Type {
		case "string":
			err = mr.Set(k, s.String)
		case "list":
			_, err = mr.Push(k, s.List...)
		case "set":
			_, err = mr.SetAdd(k, s.Set...)
		case "zset":
			for m, score := range s.ZSet {
				if _, err = mr.ZAdd(k, score, m); err != nil {
					break
				}
			}
		case "hash":
			for f, v := range s.Hash {
				mr.HSet(k, f, v)
			}
		}
		if err != nil {
			return 0, fmt.Errorf("%s: key %s: %w", path, k, err)
		}
		if s.TTL > 0 {
			mr.SetTTL(k, s.TTL)
		}
	}
	return len(keys), nil
}
