package understand

import "testing"

func TestFindAddress(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in, want string }{
		{"full chinese", "北京市朝阳区建国路88号3单元502", "北京市朝阳区建国路88号3单元502"},
		{"lane", "上海浦东张江路100弄5号", "上海浦东张江路100弄5号"},
		{"district and road", "广州天河区体育西路101号", "广州天河区体育西路101号"},
		{"estate and tower", "朝阳区望京SOHO T1 1203", "朝阳区望京SOHO T1 1203"},
		{"province to room", "广东省深圳市南山区科技园南区深南大道10000号A座1801室", "广东省深圳市南山区科技园南区深南大道10000号A座1801室"},
		{"estate building unit room", "杭州市西湖区翠苑小区3栋2单元301", "杭州市西湖区翠苑小区3栋2单元301"},
		{"marker and phone after", "地址:北京市朝阳区建国路88号 电话13800138000", "北京市朝阳区建国路88号"},
		{"marker with full-width colon", "住址：浦东新区张江镇", "浦东新区张江镇"},
		{"marker with glue", "地址是朝阳区望京", "朝阳区望京"},
		{"after 住在, before a time", "我住在上海浦东张江路100弄5号,明天上午来", "上海浦东张江路100弄5号"},
		{"run on after a fault", "你好我的洗衣机坏了上海浦东张江路100弄5号", "上海浦东张江路100弄5号"},
		{"run on into a time", "北京市朝阳区建国路88号明天下午上门", "北京市朝阳区建国路88号"},
		{"phone right after", "北京市朝阳区建国路88号3单元502 13800138000", "北京市朝阳区建国路88号3单元502"},
		// facts typed one after another with spaces, no punctuation
		{"spaces: after a model and a time", "电视机突然黑屏 有声音没图像 海信65E3F 去年双十一买的 周日全天在家 浦东新区张杨路1588弄8号1203 18817263549 孙女士", "浦东新区张杨路1588弄8号1203"},
		{"spaces: after the phone", "麻烦周二来一下 13520981126 西城区德胜门外大街83号", "西城区德胜门外大街83号"},
		{"spaces: a time before, a name after", "周六早上 鼓楼区中山路321号金鹰小区2栋 吴女士 13951708864", "鼓楼区中山路321号金鹰小区2栋"},
		{"spaces: a time after", "电话13816450927 闵行区七宝镇漕宝路3366号 明天下午两点以后来", "闵行区七宝镇漕宝路3366号"},
		{"district alone after 在", "我在北京市朝阳区", "北京市朝阳区"},
		{"whole message", "我家海尔洗衣机漏水,去年5月买的,地址北京市朝阳区建国路88号,电话13800138000,我姓王,明天下午上门", "北京市朝阳区建国路88号"},
		{"traditional", "地址:臺北市大安區復興南路一段390號", "台北市大安区复兴南路一段390号"},
		{"english street and city", "12 Baker Street, London", "12 Baker Street, London"},
		{"english flat first", "Flat 3, 12 Baker St", "Flat 3, 12 Baker St"},
		{"english room tower avenue", "Room 1203, Tower B, 88 Century Ave, Pudong, Shanghai", "Room 1203, Tower B, 88 Century Ave, Pudong, Shanghai"},
		{"english apartment after", "45 Elm Road Apt 2", "45 Elm Road Apt 2"},
		{"english marker, phone after", "my address is 12 Baker Street, London, my phone is +44 7700 900123", "12 Baker Street, London"},
		{"english in a sentence", "please come to 88 Century Ave tomorrow", "88 Century Ave"},
		{"english postcode", "221B Baker Street, London, NW1 6XE", "221B Baker Street, London, NW1 6XE"},
		{"english city without a comma", "12 Park Road Shanghai, please come friday", "12 Park Road Shanghai"},
		{"english district and city without commas", "my address is 88 Century Ave Pudong Shanghai", "88 Century Ave Pudong Shanghai"},
		{"english request after the street", "12 Park Road Please come on Friday", "12 Park Road"},
		{"english city then a request, no comma", "12 Park Road Shanghai please come friday", "12 Park Road Shanghai"},
		{"english district and city then a time", "88 Century Ave Pudong Shanghai tomorrow afternoon is fine", "88 Century Ave Pudong Shanghai"},
		{"english city then a day", "12 Park Road Shanghai Friday works", "12 Park Road Shanghai"},
		{"english name after the street", "45 Elm Road Ms Chen", "45 Elm Road"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			f, ok := lx.FindAddress(in)
			if !ok || f.Value != c.want || f.Slot != SlotAddress || in[f.Start:f.End] != c.want {
				t.Fatalf("FindAddress(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
		})
	}
}

func TestFindAddressRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"a district of origin", "我是朝阳区的"},
		{"a city alone", "我住北京"},
		{"a circuit board and a floor", "电路板坏了,我在办公室3楼"},
		{"a model code", "型号KFR-35GW"},
		{"a purchase", "去年5月在国美电器城买的"},
		{"a marker and no address", "地址我稍后发给你"},
		{"a supermarket", "在超市买的,用了3年"},
		{"english words around a number", "I have 2 kids who walk"},
		{"lower-case street words", "it has 3 speeds and a way to lock"},
		{"a phone", "13800138000"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if f, ok := lx.FindAddress(in); ok {
				t.Fatalf("FindAddress(%q) = %+v, want none", in, f)
			}
		})
	}
}

func TestParseAddress(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"full", "北京市朝阳区建国路88号3单元502", "北京市朝阳区建国路88号3单元502", true},
		{"areas without a street or number are not a door", "北京市朝阳区望京", "", false},
		{"a district and a road with a number", "北京市朝阳区建国路88号", "北京市朝阳区建国路88号", true},
		{"estate and tower", "朝阳区望京SOHO T1 1203", "朝阳区望京SOHO T1 1203", true},
		{"commas and a phone", "北京市朝阳区建国路88号，3单元502，电话13800138000", "北京市朝阳区建国路88号,3单元502", true},
		{"marker left out", "地址:上海浦东张江路100弄5号", "上海浦东张江路100弄5号", true},
		{"english lower case", "12 baker street london", "12 baker street london", true},
		{"english flat", "Flat 5, Riverside Court, Leeds", "Flat 5, Riverside Court, Leeds", true},
		{"bare city", "北京", "", false},
		{"city with suffix", "北京市", "", false},
		{"phone", "13800138000", "", false},
		{"request", "不用了", "", false},
		{"question", "地址在哪", "", false},
		{"english question", "what address?", "", false},
		{"no shape", "就是上次那个地址", "", false},
		{"home", "我家", "", false},
		{"short", "3楼", "", false},
		{"empty", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			got, ok := lx.ParseAddress(in)
			if got != c.want || ok != c.ok {
				t.Fatalf("ParseAddress(%q) = %q, %v; want %q, %v", in, got, ok, c.want, c.ok)
			}
		})
	}
}
