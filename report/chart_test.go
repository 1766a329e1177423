package report

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
)

// TestChartDrawsChinese renders the seeded week's chart with Chinese labels
// and reads the PNG back: its size, each panel's bar colour, and the
// titles drawn in ink (a font without Chinese glyphs leaves them nearly
// blank). CI installs a CJK font (fonts-noto-cjk); elsewhere, without one,
// the test is skipped, as the command then labels in English.
func TestChartDrawsChinese(t *testing.T) {
	f, err := LoadFont("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	texts, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	rows, from, to := seededWeek(t)
	m := Compute(rows, from, to, domain.SLA{WorkStart: 9 * time.Hour, WorkEnd: 18*time.Hour + 30*time.Minute})
	ink := func(l Labeller, f2 bool) (int, []int) {
		t.Helper()
		var b bytes.Buffer
		use := f
		if !f2 {
			use.Typeface = "" // the library's Latin default
		}
		if err := WritePNG(&b, m, l, time.FixedZone("CST", 8*3600), use); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		if r := img.Bounds(); r.Dx() != chartW || r.Dy() != chartH {
			t.Fatalf("chart is %dx%d, want %dx%d", r.Dx(), r.Dy(), chartW, chartH)
		}
		// Dark pixels in the left panel's title band, and the bar colours.
		dark := 0
		for y := 12; y < 45; y++ {
			for x := 12; x < chartW/2; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r < 0x6000 && g < 0x6000 && b < 0x6000 {
					dark++
				}
			}
		}
		want := []color.RGBA{{R: 0x1a, G: 0x66, B: 0xd6, A: 0xff}, {R: 0x2e, G: 0x9e, B: 0x5b, A: 0xff},
			{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff}, {R: 0x8e, G: 0x44, B: 0xad, A: 0xff}}
		counts := make([]int, len(want))
		for y := 0; y < chartH; y++ {
			for x := 0; x < chartW; x++ {
				c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
				for i, w := range want {
					if c == w {
						counts[i]++
					}
				}
			}
		}
		return dark, counts
	}
	zh := Labels(texts, "zh-CN")
	dark, counts := ink(zh, true)
	for i, n := range counts {
		if n < 500 {
			t.Errorf("panel %d's bars cover %d pixels of their colour", i+1, n)
		}
	}
	// The same Chinese title without the CJK font draws far less ink.
	latinDark, _ := ink(zh, false)
	t.Logf("title ink: %d with the CJK font, %d without", dark, latinDark)
	if dark < 300 || dark < 2*latinDark {
		t.Errorf("Chinese title ink: %d pixels with the CJK font, %d without: not drawn in Chinese", dark, latinDark)
	}
}
