package understand

import "testing"

func TestFindPhone(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in, want, span string }{
		// what dialog.ParsePhone accepted, as whole messages
		{"mainland", "13800138000", "13800138000", "13800138000"},
		{"mainland with spaces", "138 0013 8000", "13800138000", "138 0013 8000"},
		{"mainland with dashes", "138-0013-8000", "13800138000", "138-0013-8000"},
		{"mainland +86", "+86 139 1234 5678", "13912345678", "+86 139 1234 5678"},
		{"mainland 0086", "0086 19912345678", "19912345678", "0086 19912345678"},
		{"full-width digits", "１３８００１３８０００", "13800138000", "13800138000"},
		{"international", "+44 7700 900123", "+447700900123", "+44 7700 900123"},
		{"international in brackets", "(+44) 7700 900123", "+447700900123", "(+44) 7700 900123"},
		{"international 00", "00852 9123 4567", "+85291234567", "00852 9123 4567"},
		{"us", "+1 415-555-0100", "+14155550100", "+1 415-555-0100"},
		{"us with area in brackets", "+1 (415) 555-0100", "+14155550100", "+1 (415) 555-0100"},
		{"landline beijing", "010-12345678", "010-12345678", "010-12345678"},
		{"landline shenzhen", "0755-1234567", "0755-1234567", "0755-1234567"},
		{"landline with space", "座机 021 87654321", "021-87654321", "021 87654321"},
		{"landline in brackets", "(010)12345678", "010-12345678", "(010)12345678"},
		{"landline run together after a marker", "电话01012345678", "010-12345678", "01012345678"},
		// in a message
		{"after a marker", "我的电话是138-0013-8000,谢谢", "13800138000", "138-0013-8000"},
		{"full-width colon", "手机号码：139-1234-5678", "13912345678", "139-1234-5678"},
		{"read out in Chinese", "电话一三八零零一三八零零零", "13800138000", "13800138000"},
		{"before a year", "电话13800138000 2024年买的", "13800138000", "13800138000"},
		{"after an order number", "order 12345 13800138000", "13800138000", "13800138000"},
		{"serial elsewhere", "我的电话是13800138000,序列号是CN12345678", "13800138000", "13800138000"},
		{"english", "call me on +44 7700 900123 thanks", "+447700900123", "+44 7700 900123"},
		{"tel and full stop", "tel: 13912345678.", "13912345678", "13912345678"},
		{"whole message", "我家海尔洗衣机漏水,去年5月买的,地址北京市朝阳区建国路88号,电话13800138000,我姓王,明天下午上门", "13800138000", "13800138000"},
		{"after the address number", "北京市朝阳区建国路88号 13800138000", "13800138000", "13800138000"},
		// numbers as a country writes them at home
		{"us after a marker", "my number is 415-555-0100", "4155550100", "415-555-0100"},
		{"british mobile", "Ms Okafor, 07400 112233", "07400112233", "07400 112233"},
		{"british landline after a marker", "number is 0161 496 0753", "01614960753", "0161 496 0753"},
		{"singapore", "Contact Ms Tan 6789 0123.", "67890123", "6789 0123"},
		{"hong kong before a name", "星期六上晝可唔可以上門 9123 4567 黃先生", "91234567", "9123 4567"},
		{"indian mobile after a marker", "Please do the needful. Mobile 9876543210", "9876543210", "9876543210"},
		{"taiwan mobile after a marker", "電話0912-345-678", "0912345678", "0912-345-678"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			f, ok := lx.FindPhone(in)
			if !ok || f.Value != c.want || f.Slot != SlotPhone {
				t.Fatalf("FindPhone(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
			if in[f.Start:f.End] != c.span {
				t.Fatalf("FindPhone(%q) span %q, want %q", in, in[f.Start:f.End], c.span)
			}
		})
	}
}

func TestFindPhoneRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"second digit 2 is no mobile", "12800138000"},
		{"too short", "1380013800"},
		{"too long", "138001380001"},
		{"plus too short", "+12345"},
		{"letters", "call me"},
		{"landline without marker or dash", "01012345678"},
		{"serial number", "序列号13800138000"},
		{"serial glued", "SN13800138000"},
		{"serial with glue word", "机身号是 13800138000"},
		{"order number", "订单号 13800138000"},
		{"english order", "order no. 13800138000"},
		{"qq", "QQ 13800138000"},
		{"imei", "IMEI 861234567890123"},
		{"ticket", "FD-1042"},
		{"ticket long", "FD-13800138000"},
		{"model code", "型号KFR-35GW"},
		{"iso date", "2024-03-05"},
		{"zh date", "2024年3月5日"},
		{"long digit run", "20261130123456"},
		{"ten digits without a marker", "9876543210"},
		{"a mainland mobile a digit short, after a marker", "电话1380013800"},
		{"a price in two fours", "报价 5000 6000 太贵"},
		{"number glued to letters", "13800138000abc"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if f, ok := lx.FindPhone(in); ok {
				t.Fatalf("FindPhone(%q) = %+v, want none", in, f)
			}
		})
	}
}

// TestPhoneAnswerAsWrittenAtHome: asked for their phone, a customer abroad
// types it as they would at home, and it is taken.
func TestPhoneAnswerAsWrittenAtHome(t *testing.T) {
	r := testRules(t)
	for in, want := range map[string]string{"9876543210": "9876543210", "98220 12345": "9822012345", "0912 345 678": "0912345678", "13800138000": "13800138000"} {
		got := r.Understand(Context{Flow: FlowReport, Asked: SlotPhone}, in, corpusNow).Slots()[SlotPhone]
		if got != want {
			t.Errorf("%q asked for the phone: %q, want %q", in, got, want)
		}
	}
}
