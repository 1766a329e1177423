package prompts

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Table lays rows out in columns by display width: a Chinese character
// takes two cells of a terminal, so counting characters (as text/tabwriter
// does) breaks the columns as soon as a name or a fault is in Chinese.
type Table struct{ rows [][]string }

// Add adds a row.
func (t *Table) Add(cells ...string) { t.rows = append(t.rows, cells) }

// Write writes the rows, columns two spaces apart, the last column unpadded.
func (t *Table) Write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	var b, line strings.Builder
	for _, r := range t.rows {
		line.Reset()
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Truncate cuts s to n terminal cells, ending it with … when cut.
func Truncate(s string, n int) string {
	return runewidth.Truncate(s, n, "…")
}
