package understand

import "testing"

// TestPatchAddress checks that a part of an address given as a correction
// replaces the same unit of the address, and only that.
func TestPatchAddress(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ old, part, want string }{
		{"上海市徐汇区漕溪北路88号", "90号", "上海市徐汇区漕溪北路90号"},
		{"朝阳区望京西园三区312号楼2单元501", "313号楼", "朝阳区望京西园三区313号楼2单元501"},
		{"朝阳区望京西园三区312号楼2单元501", "3单元", "朝阳区望京西园三区312号楼3单元501"},
		{"浦东新区张杨路1500弄8号601室", "602室", "浦东新区张杨路1500弄8号602室"},
		{"Flat 12B, 88 Robinson Road", "flat 12C", "flat 12C, 88 Robinson Road"},
		{"Room 1803, Tower 2, 1515 West Nanjing Road", "Room 1903", "Room 1903, Tower 2, 1515 West Nanjing Road"},
		{"上海市徐汇区漕溪北路88号", "徐汇区", ""}, // no unit to replace
	} {
		got, ok := r.PatchAddress(c.old, c.part)
		if c.want == "" {
			if ok {
				t.Errorf("PatchAddress(%q, %q) = %q; want no patch", c.old, c.part, got)
			}
			continue
		}
		if !ok || got != c.want {
			t.Errorf("PatchAddress(%q, %q) = %q, %v; want %q", c.old, c.part, got, ok, c.want)
		}
	}
}
