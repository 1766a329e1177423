package understand

import "testing"

func TestFindTicket(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want string
		marker         bool // found only by the method, through a ticket word
	}{
		{"canonical", "FD-1042", "FD-1042", false},
		{"lower, run together", "fd1042", "FD-1042", false},
		{"space", "查一下 FD 1042 谢谢", "FD-1042", false},
		{"underscore", "fd_1042", "FD-1042", false},
		{"hash", "FD#20001", "FD-20001", false},
		{"nine digits", "FD-123456789", "FD-123456789", false},
		{"after a ticket word", "工单号FD-1042", "FD-1042", false},
		{"in a sentence", "where is my repair FD-1042?", "FD-1042", false},
		{"full-width", "ＦＤ－１０４２", "FD-1042", false},
		{"ticket word and digits", "工单号1042", "FD-1042", true},
		{"ticket word, glue, space", "单号是 20001", "FD-20001", true},
		{"english ticket", "ticket #1042", "FD-1042", true},
		{"english ticket number", "my ticket number is 1042", "FD-1042", true},
		{"repair ticket", "报修单号:10423", "FD-10423", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			f, ok := FindTicket(in)
			if c.marker {
				if ok {
					t.Fatalf("FindTicket(%q) = %+v, want none without the lexicon", in, f)
				}
			} else if !ok || f.Value != c.want || f.Slot != SlotTicket {
				t.Fatalf("FindTicket(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
			f, ok = lx.FindTicket(in)
			if !ok || f.Value != c.want || f.Start < 0 || f.End > len(in) {
				t.Fatalf("Lexicon.FindTicket(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
		})
	}
}

func TestFindTicketRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"too short", "FD-12"},
		{"too long", "FD-1234567890"},
		{"digits alone", "1042"},
		{"letter between", "FDX1042"},
		{"glued to letters", "FD1042abc"},
		{"inside a word", "SFD1042"},
		{"order number", "订单号 12345678"},
		{"express number", "快递单号1234567"},
		{"ticket word, short number", "工单号12"},
		{"phone", "13800138000"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if f, ok := FindTicket(in); ok {
				t.Fatalf("FindTicket(%q) = %+v, want none", in, f)
			}
			if f, ok := lx.FindTicket(in); ok {
				t.Fatalf("Lexicon.FindTicket(%q) = %+v, want none", in, f)
			}
		})
	}
}
