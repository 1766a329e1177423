package main

import (
	"bytes"
	"context"
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
	known := knownSettings(t)
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

// TestKubernetesManifestsHangTogether: the manifests (rendered from the
// Helm chart, not applied here) parse; the Deployment runs two replicas
// with liveness on /healthz and readiness on /readyz, resource requests,
// every secret from the Secret; a Job migrates the schema once, before the
// Deployment changes (a Helm hook); a PodDisruptionBudget keeps one up; and
// every variable set is one Frontdesk reads.
func TestKubernetesManifestsHangTogether(t *testing.T) {
	known := knownSettings(t)
	kinds := map[string]map[string]any{}
	for _, file := range []string{"deploy/kubernetes/frontdesk.yaml", "deploy/kubernetes/secret.example.yaml"} {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		for {
			var doc map[string]any
			if err := dec.Decode(&doc); err != nil {
				break
			}
			kinds[doc["kind"].(string)] = doc
		}
	}
	for _, k := range []string{"ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "Secret", "Job"} {
		if kinds[k] == nil {
			t.Fatalf("no %s", k)
		}
	}
	for _, k := range []string{"ConfigMap", "Secret"} {
		data := kinds[k]["data"]
		if data == nil {
			data = kinds[k]["stringData"]
		}
		for key := range data.(map[string]any) {
			if !known[key] {
				t.Errorf("%s sets %s, which Frontdesk does not read", k, key)
			}
		}
	}
	dep := kinds["Deployment"]["spec"].(map[string]any)
	if dep["replicas"] != 2 {
		t.Errorf("replicas = %v", dep["replicas"])
	}
	pod := dep["template"].(map[string]any)["spec"].(map[string]any)
	c := pod["containers"].([]any)[0].(map[string]any)
	path := func(probe string) any {
		return c[probe].(map[string]any)["httpGet"].(map[string]any)["path"]
	}
	if path("livenessProbe") != "/healthz" || path("readinessProbe") != "/readyz" {
		t.Errorf("probes: liveness %v, readiness %v", path("livenessProbe"), path("readinessProbe"))
	}
	if c["resources"].(map[string]any)["requests"] == nil {
		t.Error("no resource requests")
	}
	job := kinds["Job"]
	if hook := job["metadata"].(map[string]any)["annotations"].(map[string]any)["helm.sh/hook"]; hook != "pre-install,pre-upgrade" {
		t.Errorf("the migration Job runs at %v, not before an install or upgrade", hook)
	}
	jobPod := job["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
	migrate := jobPod["containers"].([]any)[0].(map[string]any)
	if args := migrate["args"].([]any); len(args) != 1 || args[0] != "migrate" {
		t.Errorf("migration Job args %v", args)
	}
	for _, e := range migrate["env"].([]any) {
		if name := e.(map[string]any)["name"].(string); !known[name] {
			t.Errorf("the migration Job sets %s, which Frontdesk does not read", name)
		}
	}
	if migrate["image"] != c["image"] {
		t.Errorf("the migration runs %v, the desk %v", migrate["image"], c["image"])
	}
	var fromSecret bool
	for _, e := range c["envFrom"].([]any) {
		fromSecret = fromSecret || e.(map[string]any)["secretRef"] != nil
	}
	if !fromSecret {
		t.Error("the container does not read the Secret")
	}
	if kinds["PodDisruptionBudget"]["spec"].(map[string]any)["minAvailable"] != 1 {
		t.Error("the PodDisruptionBudget does not keep a replica")
	}
}

// TestMigrateCommandPreparesTheDatabase: `frontdesk migrate` (the init
// container) makes the schema, after which the staff command line finds a
// database; running it again changes nothing.
func TestMigrateCommandPreparesTheDatabase(t *testing.T) {
	env := testEnv(t)
	for range 2 {
		var out, errs bytes.Buffer
		if err := run(context.Background(), []string{"migrate"}, env, &out, &errs); err != nil || !strings.Contains(out.String(), "schema up to date") {
			t.Fatalf("migrate: %v %q", err, out.String())
		}
	}
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"ticket", "list"}, env, &out, &errs); err != nil {
		t.Fatalf("ticket list after migrate: %v", err)
	}
}

// knownSettings is every variable Frontdesk reads.
func knownSettings(t *testing.T) map[string]bool {
	t.Helper()
	cfg, err := loadConfig(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range cfg.Settings {
		known[s.Key] = true
	}
	return known
}
