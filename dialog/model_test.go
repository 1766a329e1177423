package dialog_test

import (
	"flag"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/llm"
	"github.com/frontdesk/frontdesk/llm/llmtest"
	"github.com/frontdesk/frontdesk/prompts"
)

// withModel makes every desk of these tests understand through a language
// model: a fake OpenAI-compatible server that knows no message, so the
// rules' reading stands. TestMain runs every test twice, rules only and
// then with the model, and each must end the same way both times: the
// rules suffice for every conversation these tests hold.
var withModel bool

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.bench").Value.String() == "" {
		withModel = true
		code = m.Run()
	}
	os.Exit(code)
}

// fakeModel is a model in front of the rules, backed by a fake server
// answering with answer (nil: no commands).
func fakeModel(t testing.TB, answer func(llmtest.Request) llmtest.Reply) *llm.Model {
	t.Helper()
	return fakeModelTimeout(t, answer, 200*time.Millisecond)
}

// fakeModelTimeout is fakeModel with the given call timeout.
func fakeModelTimeout(t testing.TB, answer func(llmtest.Request) llmtest.Reply, timeout time.Duration) *llm.Model {
	t.Helper()
	srv := llmtest.New(answer)
	t.Cleanup(srv.Close)
	return modelOn(t, srv, timeout)
}

// modelOn is a model in front of the rules, backed by srv.
func modelOn(t testing.TB, srv *llmtest.Server, timeout time.Duration) *llm.Model {
	t.Helper()
	return llmtest.Model(t, srv, timeout, nil)
}

// modelDesk is a desk on SQLite and in-process Redis whose model answers
// with answer.
func modelDesk(t *testing.T, answer func(llmtest.Request) llmtest.Reply) *desk {
	srv := llmtest.New(answer)
	t.Cleanup(srv.Close)
	return modelDeskOn(t, srv)
}

// modelDeskOn is modelDesk with the fake server given.
func modelDeskOn(t *testing.T, srv *llmtest.Server) *desk {
	d := sqliteDesk(t)
	texts, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	d.m = dialog.New(d.db, d.states, texts, modelOn(t, srv, 200*time.Millisecond), dialog.Config{Company: "测试售后", Location: shanghai}, nil, d.clock)
	return d
}

// TestModelUnderstandsWhatRulesCannot: a message the rules cannot place is
// understood through the model, and the report it starts goes on as any
// other; with a server that fails or is slow, the customer gets the rules'
// own answer, without a word about the failure and without waiting long.
func TestModelUnderstandsWhatRulesCannot(t *testing.T) {
	const vague = "so, about that thing from before"
	report := llmtest.Commands(map[string]any{"kind": "start_flow", "flow": "report"},
		map[string]any{"kind": "set_slot", "slot": "fault", "value": "the dishwasher leaves everything wet"},
		map[string]any{"kind": "set_slot", "slot": "product", "value": "dishwasher"})
	model := llmtest.New(func(r llmtest.Request) llmtest.Reply {
		if r.Customer == vague {
			return report
		}
		return llmtest.Reply{}
	})
	t.Cleanup(model.Close)
	d := modelDeskOn(t, model)
	got := d.say("m1", vague)
	expect(t, got, "report.start", "ask.name")
	expect(t, d.say("m1", "Mr Lee"), "ask.phone") // the product and the fault are taken: not asked again
	d.say("m1", "hmm ok so the machine thing again")
	seen := model.Seen()
	if last := seen[len(seen)-1]; !strings.Contains(last.User, `"earlier_messages":["so, about that thing from before","Mr Lee"]`) {
		t.Errorf("the model was not given the customer's earlier messages: %s", last.User)
	}

	rulesOnly := sqliteDesk(t)
	want := keys(rulesOnly.say("r1", vague))
	for name, answer := range map[string]func(llmtest.Request) llmtest.Reply{
		"failing": func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Status: http.StatusInternalServerError} },
		"slow":    func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Delay: 2 * time.Second} },
		"garbled": func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Content: "I think they want a repair!"} },
	} {
		d := modelDesk(t, answer)
		start := time.Now()
		got := keys(d.say("f1", vague))
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s server: the turn took %s", name, took)
		}
		if len(got) != len(want) || got[0] != want[0] {
			t.Errorf("%s server: replies %v, the rules alone give %v", name, got, want)
		}
	}
}
