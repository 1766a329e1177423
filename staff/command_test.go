package staff_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/staff"
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
			got, err := staff.ParseCommandLine(c.line)
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
		if _, err := staff.ParseCommandLine(bad); !errors.Is(err, staff.ErrUsage) {
			t.Errorf("ParseCommandLine(%q) err = %v, want ErrUsage", bad, err)
		}
	}
}
