package report

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// FontPaths are where Debian, Alpine, Fedora and macOS keep a CJK font,
// tried in order when no font is configured (FRONTDESK_CHART_FONT).
var FontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/arphic/uming.ttc",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/STHeiti Light.ttc",
}

// ErrNoCJKFont means no font with Chinese glyphs was found: the chart is
// then drawn with English labels rather than boxes.
var ErrNoCJKFont = errors.New("report: no font with Chinese characters (set FRONTDESK_CHART_FONT to a .ttf/.ttc/.otf)")

// LoadFont loads a font that draws Chinese from path, or from the first of
// FontPaths that exists when path is empty.
func LoadFont(path string) (font.Font, error) {
	paths := FontPaths
	if path != "" {
		paths = []string{path}
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		f, err := pickFace(raw)
		if err != nil {
			if path != "" {
				return font.Font{}, fmt.Errorf("report: font %s: %w", p, err)
			}
			continue
		}
		ff := font.Font{Typeface: font.Typeface("frontdesk-cjk:" + p)}
		font.DefaultCache.Add(font.Collection{{Font: ff, Face: f}})
		return ff, nil
	}
	return font.Font{}, ErrNoCJKFont
}

// pickFace takes the simplified-Chinese face of a collection (Noto's .ttc
// holds JP, KR, SC, TC, HK), else its first face that draws Chinese.
func pickFace(raw []byte) (*opentype.Font, error) {
	coll, err := opentype.ParseCollection(raw)
	if err != nil {
		return nil, err
	}
	var first *opentype.Font
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if idx, err := f.GlyphIndex(nil, hanProbe); err != nil || idx == 0 {
			continue
		}
		name, _ := f.Name(nil, sfnt.NameIDFamily)
		if strings.Contains(name, " SC") || strings.Contains(name, "Hei") || strings.Contains(name, "PingFang") {
			return f, nil
		}
		if first == nil {
			first = f
		}
	}
	if first == nil {
		return nil, errors.New("no face draws Chinese")
	}
	return first, nil
}

// hanProbe is a common Han character (U+4FEE, "repair"): a face that has
// no glyph for it cannot label the chart in Chinese.
const hanProbe = '\u4fee'

// Chart sizes, in points at 96 dpi: a slide's width.
const (
	chartW = 1200
	chartH = 800
)

// WritePNG draws the measures as four charts (service levels met, the key
// rates, first-time fix by engineer, tickets by product) in one PNG, with
// the labels l gives. f is a font with Chinese glyphs (LoadFont); with the
// zero Font the labels must be in a Latin script.
func WritePNG(w io.Writer, m Measures, l Labeller, loc *time.Location, f font.Font) error {
	names := strings.Split(l("cli.chart.rate_names", nil), "\t")
	if len(names) != 5 {
		return fmt.Errorf("report: cli.chart.rate_names has %d names, want 5", len(names))
	}
	var levelNames []string
	var levelShares plotter.Values
	for _, lv := range m.Levels {
		levelNames = append(levelNames, levelName(l, lv.Kind))
		levelShares = append(levelShares, percent(lv.Share()))
	}
	rates := plotter.Values{
		percent(Rate(m.Overall.FixedFirstTime, m.Overall.Closed)),
		percent(Rate(m.Overall.Satisfied, m.Overall.Answered)),
		percent(Rate(m.Repeats, m.Registered)),
		percent(Rate(m.Overall.Answered, m.CallbacksAsked)),
		percent(Rate(m.BotHandled, m.Registered)),
	}
	var engNames, prodNames []string
	var engFix, prodCount plotter.Values
	for _, g := range m.ByEngineer {
		if g.Closed > 0 {
			engNames = append(engNames, g.Name)
			engFix = append(engFix, percent(Rate(g.FixedFirstTime, g.Closed)))
		}
	}
	for _, g := range m.ByProduct {
		if g.Registered > 0 && len(prodNames) < 8 {
			prodNames = append(prodNames, g.Name)
			prodCount = append(prodCount, float64(g.Registered))
		}
	}
	day := func(t time.Time) string { return t.In(loc).Format("01-02") }
	period := " (" + day(m.From) + "–" + day(m.To.Add(-time.Nanosecond)) + ")"
	panels := [][]*plot.Plot{
		{bars(l("cli.chart.levels", nil)+period, levelNames, levelShares, 100, color.RGBA{R: 0x1a, G: 0x66, B: 0xd6, A: 0xff}, f),
			bars(l("cli.chart.rates", nil), names, rates, 100, color.RGBA{R: 0x2e, G: 0x9e, B: 0x5b, A: 0xff}, f)},
		{bars(l("cli.chart.by_engineer", nil), engNames, engFix, 100, color.RGBA{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff}, f),
			bars(l("cli.chart.by_product", nil), prodNames, prodCount, 0, color.RGBA{R: 0x8e, G: 0x44, B: 0xad, A: 0xff}, f)},
	}
	img := vgimg.NewWith(vgimg.UseWH(vg.Length(chartW)*vg.Inch/96, vg.Length(chartH)*vg.Inch/96), vgimg.UseDPI(96))
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	tiles := draw.Tiles{Rows: 2, Cols: 2, PadTop: vg.Points(12), PadBottom: vg.Points(12), PadLeft: vg.Points(12),
		PadRight: vg.Points(12), PadX: vg.Points(24), PadY: vg.Points(24)}
	canvases := plot.Align(panels, tiles, dc)
	for r := range panels {
		for c := range panels[r] {
			panels[r][c].Draw(canvases[r][c])
		}
	}
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// percent turns a rate into percent, 0 for nothing to count (drawn as an
// empty bar, and said so in the text and CSV).
func percent(r float64) float64 {
	if r < 0 {
		return 0
	}
	return r * 100
}

// bars is one bar chart; max 100 fixes a percent axis, 0 lets it fit.
func bars(title string, names []string, vals plotter.Values, max float64, c color.Color, f font.Font) *plot.Plot {
	p := plot.New()
	style(p, f)
	p.Title.Text = title
	if len(vals) == 0 {
		names, vals = []string{"-"}, plotter.Values{0}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0 // horizontal lines only, under the bars
	p.Add(grid)
	b, err := plotter.NewBarChart(vals, vg.Points(28))
	if err == nil {
		b.Color = c
		b.LineStyle.Width = 0
		p.Add(b)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(vals))-0.4 // whole bars at both ends
	p.Y.Min = 0
	if max > 0 {
		p.Y.Max = max
	}
	return p
}

// style sets every text of p in f (when given) at readable sizes.
func style(p *plot.Plot, f font.Font) {
	if f.Typeface != "" {
		for _, ts := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
			&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
			*ts = f
		}
	}
	p.Title.TextStyle.Font.Size = vg.Points(16)
	p.X.Tick.Label.Font.Size = vg.Points(11)
	p.Y.Tick.Label.Font.Size = vg.Points(11)
}

// levelName is a service level's name for people; a kind without a label
// shows as its code.
func levelName(l Labeller, kind string) string {
	key := "cli.level." + kind
	if s := l(key, nil); s != key {
		return s
	}
	return kind
}
