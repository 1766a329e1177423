package dialog_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
)

func TestParseCommandLine(t *testing.T) {
	cases := []struct {
		line   string
		verb   string
		number string
		args   []string
		cents  int64
		days   int
	}{
		{`quote FD-1042 350 "更换定影组件" 3d`, "quote", "FD-1042", []string{"350", "更换定影组件", "3d"}, 35000, 3},
		{`quote fd1042 ¥120.5 「更换搓纸轮」 2天`, "quote", "FD-1042", []string{"¥120.5", "更换搓纸轮", "2天"}, 12050, 2},
		{`status FD-1042 waiting_parts`, "status", "FD-1042", []string{"waiting_parts"}, 0, 0},
		{`assign FD-1042 @wang`, "assign", "FD-1042", []string{"@wang"}, 0, 0},
		{`diagnose FD-1042 定影 组件 老化`, "diagnose", "FD-1042", []string{"定影 组件 老化"}, 0, 0},
		{`close FD-1042`, "close", "FD-1042", []string{}, 0, 0},
		{`show FD-1042`, "show", "FD-1042", []string{}, 0, 0},
		{`find 138-0013-8000`, "find", "", []string{"13800138000"}, 0, 0},
		{`list repairing`, "list", "", []string{"repairing"}, 0, 0},
		{`LIST`, "list", "", []string{}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			got, err := dialog.ParseCommandLine(c.line)
			if err != nil {
				t.Fatal(err)
			}
			if got.Verb != c.verb || got.Number != c.number || strings.Join(got.Args, "|") != strings.Join(c.args, "|") ||
				got.Cents != c.cents || got.Days != c.days {
				t.Fatalf("got %+v", got)
			}
		})
	}
	for _, bad := range []string{``, `frobnicate FD-1`, `quote FD-1042 350 "x"`, `quote FD-1042 abc "x" 3d`,
		`quote FD-1042 0 "x" 3d`, `quote FD-1042 350 "x" 0d`, `status`, `status 1042x ready`, `close FD-1042 now`,
		`find hello`, `diagnose FD-1042`, `quote FD-1042 350 "unclosed 3d`} {
		if _, err := dialog.ParseCommandLine(bad); !errors.Is(err, dialog.ErrUsage) {
			t.Errorf("ParseCommandLine(%q) err = %v, want ErrUsage", bad, err)
		}
	}
}

func TestStaffExec(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	n := d.report("x", "打印机", "卡纸")
	run := func(line string) string {
		t.Helper()
		c, err := dialog.ParseCommandLine(line)
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
	c, err := dialog.ParseCommandLine("list")
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
