// Package storagetest gives tests throwaway stores: a SQLite file per test,
// a fresh PostgreSQL database per test when DATABASE_URL is set, and Redis
// (the real one at REDIS_URL, or an in-process one) under a random key prefix.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/storage"
)

// Name returns a random lower-case name with prefix, for databases and keys.
func Name(prefix string) string {
	var b [6]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// SQLite opens a migrated SQLite store in the test's temporary directory.
func SQLite(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresURL creates an empty database on the server at DATABASE_URL,
// drops it when the test ends, and returns its URL; "" when DATABASE_URL is
// not a PostgreSQL URL.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if !strings.HasPrefix(base, "postgres") {
		return ""
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := Name("fd_test_")
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a migrated store on a fresh PostgreSQL database, or returns
// nil when DATABASE_URL is not set.
func Postgres(t testing.TB) *storage.DB {
	t.Helper()
	u := PostgresURL(t)
	if u == "" {
		return nil
	}
	db, err := storage.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DBs returns the stores to run a test on: SQLite always, PostgreSQL when
// DATABASE_URL is set.
func DBs(t testing.TB) map[string]*storage.DB {
	t.Helper()
	dbs := map[string]*storage.DB{"sqlite": SQLite(t)}
	if pg := Postgres(t); pg != nil {
		dbs["postgres"] = pg
	}
	return dbs
}

// Redis returns the Redis clients to run a test on: an in-process server
// always, and the real server at REDIS_URL when set. Each test uses its own
// key prefix (returned), and the real server's keys under it are deleted at
// the end.
func Redis(t testing.TB) (map[string]redis.UniversalClient, string) {
	t.Helper()
	prefix := Name("fdtest:") + ":"
	mr := miniredis.RunT(t)
	out := map[string]redis.UniversalClient{"miniredis": redis.NewClient(&redis.Options{Addr: mr.Addr()})}
	if u := os.Getenv("REDIS_URL"); u != "" {
		opt, err := redis.ParseURL(u)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		rdb := redis.NewClient(opt)
		out["redis"] = rdb
		t.Cleanup(func() {
			ctx := context.Background()
			keys, _ := rdb.Keys(ctx, prefix+"*").Result()
			if len(keys) > 0 {
				rdb.Del(ctx, keys...)
			}
		})
	}
	for _, c := range out {
		t.Cleanup(func() { c.Close() })
	}
	return out, prefix
}

// RealRedis returns the real Redis at REDIS_URL, or the in-process one when
// it is not set, with a fresh key prefix.
func RealRedis(t testing.TB) (redis.UniversalClient, string) {
	t.Helper()
	all, prefix := Redis(t)
	if r, ok := all["redis"]; ok {
		return r, prefix
	}
	return all["miniredis"], prefix
}
