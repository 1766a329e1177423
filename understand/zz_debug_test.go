package understand

import (
	"os"
	"strings"
	"testing"
)

func TestDebugMsgs(t *testing.T) {
	r := testRules(t)
	for _, m := range strings.Split(os.Getenv("MSGS"), "|") {
		rd := r.read(Normalize(m))
		var hs []string
		for _, h := range rd.hits {
			hs = append(hs, rd.low[h.start:h.end])
		}
		res := r.Understand(Context{}, m, corpusNow)
		t.Logf("%q\n  hits %q\n  score %v strong %v topics %v\n  cmds %+v", m, hs, rd.score, rd.strong, rd.topics, res.Commands)
	}
}
