package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeFileHangsTogether: the compose file (not run here: these
// machines have no container engine) parses, persists Redis append-only,
// runs two replicas with the image's health check, and sets only settings
// Frontdesk knows (a typo would pass silently at run time).
func TestComposeFileHangsTogether(t *testing.T) {
	raw, err := os.ReadFile("deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(f.Services["redis"].Command, " "), "--appendonly yes") {
		t.Error("redis runs without append-only persistence")
	}
	cfg, err := loadConfig(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range cfg.Settings {
		known[s.Key] = true
	}
	for _, name := range []string{"frontdesk-1", "frontdesk-2"} {
		svc, ok := f.Services[name]
		if !ok {
			t.Fatalf("no service %s", name)
		}
		if strings.Join(svc.Healthcheck.Test, " ") != "CMD /frontdesk healthcheck" {
			t.Errorf("%s health check = %v", name, svc.Healthcheck.Test)
		}
		for k := range svc.Environment {
			if !known[k] {
				t.Errorf("%s sets %s, which Frontdesk does not read", name, k)
			}
		}
		if !strings.HasPrefix(svc.Environment["DATABASE_URL"], "postgres://") || !strings.HasPrefix(svc.Environment["REDIS_URL"], "redis://") {
			t.Errorf("%s is not on PostgreSQL and Redis: %v", name, svc.Environment)
		}
	}
	docker, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(docker), `HEALTHCHECK`) || !strings.Contains(string(docker), `"/frontdesk", "healthcheck"`) {
		t.Error("the Dockerfile has no health check through the binary")
	}
}
