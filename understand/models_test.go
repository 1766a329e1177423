package understand

import "testing"

// TestModelRightAfterTheBrand: a short code or a number written right
// after the maker is its model, even where no model shape fits it; a year,
// a price or a phone there is not.
func TestModelRightAfterTheBrand(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct{ text, model string }{
		{"扫地机器人不回充了 科沃斯T20 找不到充电座", "T20"},
		{"sorter keeps rejecting all the 50s. Glory USF-100. Branch in Tampines", "USF-100"},
		{"note counter not detecting fake notes anymore. Cassida 6600.", "6600"},
		{"tumble dryer not drying, Miele T1, bought last year", "T1"},
		{"my Bosch 2019 dishwasher is leaking", ""},
		{"海尔 3000元买的冰箱不制冷了", ""},
		{"Midea 13800138000 fridge not cooling", ""},
	} {
		if got := r.Understand(Context{}, c.text, corpusNow).Slots()[SlotModel]; got != c.model {
			t.Errorf("%q: model %q, want %q", c.text, got, c.model)
		}
	}
}
