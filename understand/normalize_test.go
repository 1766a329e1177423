package understand

import "testing"

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"traditional", "投訴，我的洗衣機壞了，發票還在", "投诉,我的洗衣机坏了,发票还在"},
		{"taiwan words keep their words", "印表機卡紙", "印表机卡纸"},
		{"simplified stays", "怎么收费,什么时候,序列号在哪,程序报错", "怎么收费,什么时候,序列号在哪,程序报错"},
		{"full-width digits and letters", "電話：１３８００１３８０００，ＨＰ", "电话:13800138000,HP"},
		{"invisible characters", "打印\u200b机坏\ufeff了", "打印机坏了"},
		{"phone read out", "电话一三八零零一三八零零零", "电话13800138000"},
		{"number words stay", "一台空调三天了", "一台空调三天了"},
		{"spaces collapse", "  my   printer\n\nis broken ", "my printer is broken"},
		{"english untouched", "It's packed in", "It's packed in"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Normalize(c.in); got != c.want {
				t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
