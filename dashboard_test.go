package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/prompts"
	"go.yaml.in/yaml/v3"
)

// TestDashboardAsksForWhatTheDeskExports: every series the Grafana
// dashboard (deploy/monitoring) plots is one the desk exports, scraped
// from a desk that has answered a Telegram customer (the language model's
// from the names its metrics are registered under, as the model is off
// here); Prometheus scrapes both compose replicas, and Grafana's data
// source is the one the panels name.
func TestDashboardAsksForWhatTheDeskExports(t *testing.T) {
	raw, err := os.ReadFile("deploy/monitoring/grafana/frontdesk.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title      string `json:"title"`
			Datasource struct {
				UID string `json:"uid"`
			} `json:"datasource"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	// a customer reports a fault over Telegram: a ticket, its timers, its jobs
	script, err := prompts.LoadScript()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range script {
		body := telegramtest.Text(int64(i+1), 91, strings.ReplaceAll(s.Text, "{phone}", "139-0000-0091"))
		if s.Payload != "" {
			body = telegramtest.Callback(int64(i+1), 91, s.Payload, 1)
		}
		if code := post(t, srv.URL, body, tgSecret); code != 200 {
			t.Fatalf("step %d: status %d", i, code)
		}
		waitSent(t, fake, 91, i+1)
	}
	var text string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if text = scrape(t, srv.URL); strings.Contains(text, "frontdesk_jobs{") || time.Now().After(deadline) {
			break // the scheduler has made the ticket's jobs
		}
	}
	exported := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "#" && f[1] == "HELP" {
			exported[f[2]] = true
		}
	}
	model, err := os.ReadFile("metrics/model.go")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`\b(frontdesk|process)_[a-z_]+\b`)
	var ds struct {
		Datasources []struct {
			UID string `yaml:"uid"`
		} `yaml:"datasources"`
	}
	rawDS, err := os.ReadFile("deploy/monitoring/grafana/datasource.yaml")
	if err != nil || yaml.Unmarshal(rawDS, &ds) != nil || len(ds.Datasources) != 1 {
		t.Fatalf("datasource.yaml: %v", err)
	}
	if len(dash.Panels) < 10 {
		t.Fatalf("%d panels", len(dash.Panels))
	}
	for _, p := range dash.Panels {
		if p.Datasource.UID != ds.Datasources[0].UID {
			t.Errorf("panel %q reads data source %q, provisioned is %q", p.Title, p.Datasource.UID, ds.Datasources[0].UID)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q plots nothing", p.Title)
		}
		for _, tg := range p.Targets {
			for _, n := range names.FindAllString(tg.Expr, -1) {
				base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(n, "_bucket"), "_count"), "_sum")
				if !exported[base] && !(strings.HasPrefix(n, "frontdesk_model_") && strings.Contains(string(model), `"`+n+`"`)) {
					t.Errorf("panel %q asks for %s, which the desk does not export", p.Title, n)
				}
			}
		}
	}
	prom, err := os.ReadFile("deploy/monitoring/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"frontdesk-1:8080", "frontdesk-2:8080"} {
		if !strings.Contains(string(prom), target) {
			t.Errorf("Prometheus does not scrape %s", target)
		}
	}
}
