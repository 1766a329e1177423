package dialog_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
)

func TestStaffExec(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	n := d.report("x", "打印机", "卡纸")
	run := func(line string) string {
		t.Helper()
		c, err := staff.ParseCommandLine(line)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := d.staff.Exec(ctx, "staff:cli", c, &b); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return b.String()
	}
	if out := run("list"); !strings.Contains(out, n) || !strings.Contains(out, "卡纸") {
		t.Fatalf("list:\n%s", out)
	}
	run(`quote ` + n + ` 350 "更换定影组件" 3d`)
	if out := run(`assign ` + n + ` @wang`); !strings.Contains(out, "已指派给 wang") || strings.Contains(out, "now") {
		t.Errorf("assign says %q", out)
	}
	if out := run("find 13800138000"); !strings.Contains(out, n) {
		t.Fatalf("find:\n%s", out)
	}
	out := run("show " + n)
	for _, want := range []string{"已报价", "350.00 元", "更换定影组件", "工程师：  wang", "created", "assigned", "staff:cli",
		"预约时间：不限"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	tk, _ := d.db.TicketByNumber(ctx, n)
	if tk.State != domain.StateQuoted || tk.Engineer != "wang" || tk.QuoteCents != 35000 {
		t.Fatalf("ticket %+v", tk)
	}
	got := d.deliver("x")
	expect(t, got, "quote.show", "notice.assigned")
}

// TestStaffTablesAlignByDisplayWidth: with Chinese names, products and
// faults in the list, every column starts at the same terminal column on
// every line (a Chinese character takes two cells), and a customer who gave
// a title is shown with it, as the desk addresses them.
func TestStaffTablesAlignByDisplayWidth(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	d.report("a", "激光打印机", "卡纸")
	d.report("b", "printer", " jams")
	d.report("c", "针式打印机", "打出来的字缺了一半，换了色带也一样，还是缺字")
	c, err := staff.ParseCommandLine("list")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.staff.Exec(ctx, "staff:cli", c, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("list:\n%s", b.String())
	}
	// The created time ends every line: it must start at the same cell.
	var at []int
	for _, l := range lines[1:] {
		i := strings.LastIndex(l, "  ") + 2
		at = append(at, runewidth.StringWidth(l[:i]))
	}
	for _, a := range at[1:] {
		if a != at[0] {
			t.Fatalf("the last column starts at cells %v:\n%s", at, b.String())
		}
	}
	if !strings.Contains(b.String(), "王先生") || !strings.Contains(b.String(), "…") {
		t.Errorf("list lacks the titled name or a cut fault:\n%s", b.String())
	}
}
