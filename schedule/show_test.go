package schedule

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/staff"
)

// TestShowListsTheServiceLevelsInColumns: `ticket show` lists the ticket's
// service levels by name, in columns (not the raw timer codes with the
// table's separators printed).
func TestShowListsTheServiceLevelsInColumns(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			tk := b.ticket("show", nil)
			b.relay()
			c, err := staff.ParseCommandLine("show " + tk.Number)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := b.staff.Exec(context.Background(), "staff:cli", c, &out); err != nil {
				t.Fatal(err)
			}
			s := out.String()
			if !strings.Contains(s, "首次答复") || strings.Contains(s, `\t`) || strings.Contains(s, "\t") {
				t.Errorf("the service levels are not shown by name in columns:\n%s", s)
			}
		})
	}
}
