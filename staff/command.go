package staff

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
)

// Command is one staff command, parsed. The same grammar serves the command
// line (`frontdesk ticket quote FD-1042 350 "更换定影组件" 3d`) and, later,
// Slack's slash command.
type Command struct {
	Verb   string   // list, show, find, diagnose, quote, status, assign, close, feedback
	Number string   // the ticket, FD-1042, for verbs that take one
	Args   []string // the rest
	Cents  int64    // quote: the price in fen
	Days   int      // quote: repair days
}

// ErrUsage marks a command that does not follow the grammar.
var ErrUsage = errors.New("usage")

func usage(format string, a ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, a...), ErrUsage)
}

// arity is the number of arguments after the ticket number, -1 for "the
// rest joined as text".
var arity = map[string]int{"show": 0, "diagnose": -1, "quote": 3, "status": 1, "assign": 1, "close": 0}

// ParseCommandLine splits a line the way a shell would (double or single
// quotes, 「」 and “” too) and parses it.
func ParseCommandLine(line string) (Command, error) {
	words, err := splitWords(line)
	if err != nil {
		return Command{}, err
	}
	return ParseCommand(words)
}

// ParseCommand parses words already split (a command line's arguments).
func ParseCommand(words []string) (Command, error) {
	if len(words) == 0 {
		return Command{}, usage("no command")
	}
	c := Command{Verb: strings.ToLower(words[0])}
	rest := words[1:]
	switch c.Verb {
	case "report":
		if _, err := reportDays(rest); err != nil {
			return c, err
		}
		c.Args = rest
		return c, nil
	case "list", "feedback":
		if len(rest) > 1 || (c.Verb == "feedback" && len(rest) > 0) {
			return c, usage("%s takes at most one state", c.Verb)
		}
		if len(rest) == 1 && !slices.Contains(domain.States, strings.ToLower(rest[0])) {
			return c, usage("%q is not a state (%s)", rest[0], strings.Join(domain.States, ", "))
		}
		c.Args = rest
		return c, nil
	case "find":
		if len(rest) != 1 {
			return c, usage("find takes one phone number")
		}
		p, ok := dialog.ParsePhone(rest[0])
		if !ok {
			return c, usage("find: %q is not a phone number", rest[0])
		}
		c.Args = []string{p}
		return c, nil
	}
	n, ok := arity[c.Verb]
	if !ok {
		return c, usage("unknown command %q", c.Verb)
	}
	if len(rest) == 0 {
		return c, usage("%s needs a ticket number", c.Verb)
	}
	if c.Number, ok = dialog.FindTicketNumber(rest[0]); !ok {
		return c, usage("%q is not a ticket number (like FD-1042)", rest[0])
	}
	c.Args = rest[1:]
	switch {
	case n == -1 && len(c.Args) == 0:
		return c, usage("%s needs text", c.Verb)
	case n == -1:
		c.Args = []string{strings.Join(c.Args, " ")}
	case len(c.Args) != n:
		return c, usage("%s takes %d argument(s) after the ticket number", c.Verb, n)
	}
	if c.Verb == "quote" {
		var err error
		if c.Cents, err = parseAmount(c.Args[0]); err != nil {
			return c, err
		}
		if c.Days, err = parseDays(c.Args[2]); err != nil {
			return c, err
		}
	}
	return c, nil
}

// grammarUnits are the staff grammar's currency signs, units and quotation
// marks, from prompts (cli.amount_signs, cli.amount_units, cli.day_units,
// cli.quote_pairs: words and marks, not code): the amount's and the repair
// time's patterns, and the quotes that keep words together.
var grammarUnits = sync.OnceValue(func() (res struct {
	amount, days *regexp.Regexp
	closing      map[rune]rune // each opening quote's closing one (cli.quote_pairs)
}) {
	alt := func(key string) string {
		text, err := embeddedTexts().Render(prompts.Locales[0], key, nil)
		if err != nil {
			panic(err) // embedded data, checked when it loads
		}
		words := strings.Split(text, "\t")
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		return strings.Join(words, "|")
	}
	res.amount = regexp.MustCompile(`^(?:` + alt("cli.amount_signs") + `)?(\d{1,7})(?:\.(\d{1,2}))?(?:` + alt("cli.amount_units") + `)?$`)
	res.days = regexp.MustCompile(`^(\d{1,3})\s*(?:` + alt("cli.day_units") + `)?$`)
	res.closing = map[rune]rune{}
	pairs, err := embeddedTexts().Render(prompts.Locales[0], "cli.quote_pairs", nil)
	if err != nil {
		panic(err)
	}
	for _, pair := range strings.Split(pairs, "\t") {
		if rs := []rune(pair); len(rs) == 2 {
			res.closing[rs[0]] = rs[1]
		}
	}
	return res
})

// parseAmount reads 350, 350.5, ¥350 or 350元 into fen.
func parseAmount(s string) (int64, error) {
	m := grammarUnits().amount.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, usage("amount %q: write it like 350 or 350.50", s)
	}
	yuan, _ := strconv.ParseInt(m[1], 10, 64)
	frac := m[2]
	if len(frac) == 1 {
		frac += "0"
	}
	fen, _ := strconv.ParseInt("0"+frac, 10, 64)
	if yuan == 0 && fen == 0 {
		return 0, usage("amount must be above zero")
	}
	return yuan*100 + fen, nil
}

// parseDays reads 3d, 3, 3天 or 3days.
func parseDays(s string) (int, error) {
	m := grammarUnits().days.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, usage("repair time %q: write it like 3d", s)
	}
	d, _ := strconv.Atoi(m[1])
	if d == 0 {
		return 0, usage("repair time must be at least one day")
	}
	return d, nil
}

// splitWords splits on spaces, keeping quoted parts together.
func splitWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	in, quoted := rune(0), false
	closing := grammarUnits().closing
	for _, r := range line {
		switch {
		case in != 0 && r == in:
			in = 0
		case in != 0:
			cur.WriteRune(r)
		case closing[r] != 0:
			in, quoted = closing[r], true
		case unicode.IsSpace(r):
			if cur.Len() > 0 || quoted {
				words = append(words, cur.String())
				cur.Reset()
				quoted = false
			}
		default:
			cur.WriteRune(r)
		}
	}
	if in != 0 {
		return nil, usage("unclosed quote")
	}
	if cur.Len() > 0 || quoted {
		words = append(words, cur.String())
	}
	return words, nil
}
