package understand

import (
	"strings"
	"testing"
)

func TestFindName(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in, want, sal string }{
		{"surname", "我姓王", "王", ""},
		{"surname with a courtesy", "免贵姓张,电话13800138000", "张", ""},
		{"full name", "我叫张伟", "张伟", ""},
		{"full name then phone, no comma", "我叫张伟电话13800138000", "张伟", ""},
		{"self with a title", "我是李女士", "李", "ms"},
		{"compound surname with a title", "我是欧阳女士", "欧阳", "ms"},
		{"self with a full name", "你好,我是张伟,洗衣机坏了", "张伟", ""},
		{"title at the start", "王先生,我的冰箱坏了", "王", "mr"},
		{"title after a break", "冰箱坏了,王女士,电话13800138000", "王", "ms"},
		{"full name and title", "张伟先生您好", "张伟", "mr"},
		{"contact with a job title", "联系人刘经理", "刘经理", ""},
		{"contact with colon and title", "联系人:王先生,电话13800138000", "王", "mr"},
		{"ask for", "到了找王先生", "王", "mr"},
		{"familiar form", "叫我老王就行", "王", ""},
		{"spelled out", "我姓李,木子李", "李", ""},
		{"denied, then spelled out", "等一下,我不姓张,是立早章", "章", ""},
		{"whole message", "我家海尔洗衣机漏水,去年5月买的,地址北京市朝阳区建国路88号,电话13800138000,我姓王,明天下午上门", "王", ""},
		{"mr", "Mr Chen", "Chen", "mr"},
		{"mrs with a dot", "Mrs. Wang here", "Wang", "ms"},
		{"ms", "Ms Lee, my printer jams", "Lee", "ms"},
		{"this is", "this is Sarah Lee", "Sarah Lee", ""},
		{"this is, then more", "Hi, this is Sarah from Acme, my washer is leaking", "Sarah", ""},
		{"my name is", "my name is John Smith", "John Smith", ""},
		{"my name is, lower case", "my name is john and my washer broke", "john", ""},
		{"i'm", "I'm Tom", "Tom", ""},
		{"call me with a title", "call me Mr Chen", "Chen", "mr"},
		{"doctor keeps the title", "Dr Smith, fridge not cooling", "Dr Smith", ""},
		{"pinyin title", "my name is Wang xiansheng", "Wang", "mr"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			got := lx.FindName(in)
			if len(got) == 0 || got[0].Slot != SlotName || got[0].Value != c.want || !strings.Contains(in[got[0].Start:got[0].End], c.want) {
				t.Fatalf("FindName(%q) = %+v; want name %q", in, got, c.want)
			}
			sal := ""
			if len(got) > 1 {
				if got[1].Slot != SlotSalutation {
					t.Fatalf("FindName(%q) = %+v; second is not a salutation", in, got)
				}
				sal = got[1].Value
			}
			if sal != c.sal || len(got) > 2 {
				t.Fatalf("FindName(%q) = %+v; want salutation %q", in, got, c.sal)
			}
		})
	}
}

func TestFindNameRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"a brand's user", "我是海尔的用户"},
		{"a place", "我是朝阳区的"},
		{"a customer", "我是老客户了"},
		{"surname alone after 我是", "我是王"},
		{"denied", "我不姓张"},
		{"a time, not a name", "我是周末才有空"},
		{"a job title, not a customer", "找师傅修一下"},
		{"a thank-you", "我叫谢谢"},
		{"no name", "我的冰箱坏了"},
		{"name without a title and no marker", "欧阳娜娜"},
		{"i'm having", "I'm having trouble with my printer"},
		{"i'm not sure", "I'm not sure"},
		{"this is broken", "This is broken"},
		{"i'm calling", "I'm calling about my fridge"},
		{"it's monday", "It's Monday already"},
		{"title without a name", "Mr. please help"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if got := lx.FindName(in); len(got) != 0 {
				t.Fatalf("FindName(%q) = %+v, want none", in, got)
			}
		})
	}
}

func TestParseName(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want, sal string
		ok                  bool
	}{
		{"surname", "王", "王", "", true},
		{"surname and title", "王先生", "王", "mr", true},
		{"full name", "张伟", "张伟", "", true},
		{"four characters", "欧阳娜娜", "欧阳娜娜", "", true},
		{"job title kept", "张经理", "张经理", "", true},
		{"familiar form says no gender", "叫我老王就行", "王", "", true},
		{"surname, then gender", "我姓李,女的", "李", "ms", true},
		{"full-width comma", "我姓李，女的", "李", "ms", true},
		{"spelled out", "木子李", "李", "", true},
		{"title, then spelled out", "李女士，木子李", "李", "ms", true},
		{"as it should be written", "联系人写刘经理就行", "刘经理", "", true},
		{"courtesy and compound surname", "免贵姓欧阳", "欧阳", "", true},
		{"it's", "it's Sarah Lee", "Sarah Lee", "", true},
		{"ms", "李女士", "李", "ms", true},
		{"latin surname", "Smith", "Smith", "", true},
		{"latin with title", "Mr. Smith", "Smith", "mr", true},
		{"first name", "Sarah", "Sarah", "", true},
		{"lower case", "sarah lee", "sarah lee", "", true},
		{"with a marker", "my name is John Smith", "John Smith", "", true},
		{"pinyin title", "Wang xiansheng", "Wang", "mr", true},
		{"doctor", "Dr Lee", "Dr Lee", "", true},
		{"thanks after", "Tom, thanks", "Tom", "", true},
		{"second part neither gender nor thanks", "王,明天来", "", "", false},
		{"request", "yes, I want to report a fault", "", "", false},
		{"cancel", "不用了,这个报修取消吧", "", "", false},
		{"a sentence", "我的打印机坏了", "", "", false},
		{"digits", "12345", "", "", false},
		{"question", "你们是机器人吗", "", "", false},
		{"english question", "who are you", "", "", false},
		{"keyboard run", "asdfgh", "", "", false},
		{"thank you", "谢谢", "", "", false},
		{"ok", "好的", "", "", false},
		{"title alone", "先生", "", "", false},
		{"greeting", "hello", "", "", false},
		{"yes", "ok", "", "", false},
		{"too long", "王王王王王王王王王王王王王王王王王王王王王", "", "", false},
		{"empty", "", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			name, sal, ok := lx.ParseName(in)
			if name != c.want || sal != c.sal || ok != c.ok {
				t.Fatalf("ParseName(%q) = %q, %q, %v; want %q, %q, %v", in, name, sal, ok, c.want, c.sal, c.ok)
			}
		})
	}
}

func TestParseSalutation(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"先生", "先生", "mr", true},
		{"男", "男", "mr", true},
		{"男的", "男的", "mr", true},
		{"男士", "男士", "mr", true},
		{"我是男生", "我是男生", "mr", true},
		{"a name with a title", "叫我王先生", "mr", true},
		{"女", "女", "ms", true},
		{"女士", "女士", "ms", true},
		{"小姐", "小姐", "ms", true},
		{"女的", "女的", "ms", true},
		{"Mr", "Mr", "mr", true},
		{"Sir", "Sir", "mr", true},
		{"male", "male", "mr", true},
		{"a man", "a man", "mr", true},
		{"Ms", "Ms", "ms", true},
		{"Mrs", "Mrs.", "ms", true},
		{"Miss", "Miss", "ms", true},
		{"madam", "madam", "ms", true},
		{"female", "female", "ms", true},
		{"woman", "I'm a woman", "ms", true},
		{"name only", "just use my name", "none", true},
		{"直接叫名字", "直接叫名字", "none", true},
		{"都行", "都行", "none", true},
		{"either", "男的女的都行", "none", true},
		{"familiar form", "叫我老王就行", "", false},
		{"both", "先生还是女士", "", false},
		{"manager is no man", "manager", "", false},
		{"nothing", "嗯", "", false},
		{"empty", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			got, ok := lx.ParseSalutation(in)
			if got != c.want || ok != c.ok {
				t.Fatalf("ParseSalutation(%q) = %q, %v; want %q, %v", in, got, ok, c.want, c.ok)
			}
		})
	}
}
