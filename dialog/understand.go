package dialog

import (
	"context"
	"strings"
)

// Intent kinds: what a customer's message asks for.
const (
	IntentNone       = ""
	IntentReport     = "report"
	IntentStatus     = "status"
	IntentMyTickets  = "my_tickets"
	IntentQuote      = "quote"
	IntentAccept     = "accept"
	IntentDecline    = "decline"
	IntentComplaint  = "complaint"
	IntentPraise     = "praise"
	IntentSuggestion = "suggestion"
	IntentConsult    = "consult"
	IntentHuman      = "human"
	IntentManager    = "manager"
	IntentAbuse      = "abuse"
	IntentCancel     = "cancel"
	IntentHelp       = "help"
	IntentGreeting   = "greeting"
	IntentYes        = "yes"
	IntentNo         = "no"
)

// Intent is what the desk understood of a free-text message.
type Intent struct {
	Kind   string
	Ticket string // a ticket number found in the text, FD-1042
	Phone  string // a phone number found in the text, normalised
}

// Understander reads free text. The rule-based Rules is the default; an LLM
// can stand behind the same interface later, and the flows will not change.
type Understander interface {
	Understand(ctx context.Context, text string) Intent
}

// Rules understands zh-CN and English by keywords and patterns.
type Rules struct{}

// keywordRules are checked in order; the first match wins. Order matters:
// "不满意" must be a complaint before "满意" can be praise, and a request to
// cancel or for a person beats everything else in the message.
var keywordRules = []struct {
	kind string
	zh   []string
	en   []string
}{
	{IntentCancel, []string{"取消", "重新开始", "重来", "不报了"}, []string{"cancel", "start over", "restart", "/cancel"}},
	{IntentHelp, []string{"帮助", "菜单", "你能做什么", "有什么功能"}, []string{"help", "menu", "/help", "what can you do", "options"}},
	{IntentHuman, []string{"人工", "客服", "真人", "找人", "工作人员"}, []string{"human", "agent", "real person", "operator", "staff", "talk to someone", "a person"}},
	{IntentManager, []string{"经理", "主管", "领导", "负责人"}, []string{"manager", "supervisor", "boss"}},
	{IntentAbuse, []string{"傻逼", "傻X", "滚蛋", "滚开", "垃圾服务", "什么垃圾", "他妈", "妈的", "白痴", "废物"}, []string{"stupid", "idiot", "fuck", "shit", "moron"}},
	{IntentComplaint, []string{"投诉", "不满意", "太差", "差劲", "态度不好", "太慢", "举报"}, []string{"complain", "complaint", "terrible", "unacceptable", "awful", "disappointed"}},
	{IntentMyTickets, []string{"我的工单", "我的维修", "我的报修", "我的单"}, []string{"my tickets", "my ticket", "my repairs", "my orders"}},
	{IntentDecline, []string{"不同意", "拒绝", "不修", "不接受", "太贵"}, []string{"decline", "reject", "don't repair", "do not repair", "too expensive", "no thanks"}},
	{IntentAccept, []string{"同意维修", "同意报价", "接受报价", "同意", "可以修"}, []string{"accept", "approve", "go ahead"}},
	{IntentQuote, []string{"报价", "多少钱", "价格", "费用"}, []string{"quote", "price", "cost", "how much"}},
	{IntentStatus, []string{"进度", "查询", "状态", "到哪", "修好了吗", "查一下", "怎么样了", "工单"}, []string{"status", "progress", "where is", "track", "check", "/status"}},
	{IntentReport, []string{"报修", "维修", "坏了", "故障", "修理", "不能用", "无法", "报单", "不工作", "没反应", "卡纸", "不亮", "漏水", "异响", "修一下", "帮我修"}, []string{"repair", "broken", "fault", "not working", "doesn't work", "does not work", "report", "fix", "problem", "issue", "stopped working"}},
	{IntentSuggestion, []string{"建议", "意见"}, []string{"suggest", "suggestion", "feedback", "idea"}},
	{IntentPraise, []string{"表扬", "感谢", "谢谢", "满意", "点赞", "很好", "辛苦"}, []string{"thank", "thanks", "great", "excellent", "praise", "well done", "good job"}},
	{IntentConsult, []string{"咨询", "请问", "怎么", "如何", "能不能", "是否", "保修期", "多久"}, []string{"how", "can i", "question", "ask", "what is", "warranty", "when"}},
	{IntentGreeting, []string{"你好", "您好", "在吗", "早上好", "下午好", "晚上好", "哈喽"}, []string{"hi", "hello", "hey", "good morning", "good afternoon", "good evening", "/start"}},
}

var yesWords = map[string]bool{"是": true, "是的": true, "对": true, "对的": true, "确认": true, "好": true, "好的": true,
	"没错": true, "可以": true, "嗯": true, "行": true, "yes": true, "y": true, "ok": true, "okay": true,
	"correct": true, "right": true, "confirm": true, "sure": true, "yes please": true}

var noWords = map[string]bool{"不是": true, "不对": true, "否": true, "不": true, "不要": true, "no": true, "n": true,
	"wrong": true, "nope": true, "not right": true, "没有了": true, "没了": true, "就这些": true, "没有": true,
	"that's all": true, "nothing else": true}

// Understand classifies text by keyword, after picking out a ticket number
// and a phone number. A bare ticket number asks for its status.
func (Rules) Understand(_ context.Context, text string) Intent {
	in := Intent{}
	in.Ticket, _ = FindTicketNumber(text)
	in.Phone, _ = FindPhone(text)
	norm := strings.ToLower(strings.Trim(strings.TrimSpace(text), "。.!！?？~ "))
	if yesWords[norm] {
		in.Kind = IntentYes
		return in
	}
	if noWords[norm] {
		in.Kind = IntentNo
		return in
	}
	padded := " " + wordsOnly(norm) + " "
	for _, r := range keywordRules {
		for _, k := range r.zh {
			if strings.Contains(norm, k) {
				in.Kind = r.kind
				return in
			}
		}
		for _, k := range r.en {
			if strings.HasPrefix(k, "/") && strings.HasPrefix(norm, k) || strings.Contains(padded, " "+k+" ") {
				in.Kind = r.kind
				return in
			}
		}
	}
	if in.Ticket != "" {
		in.Kind = IntentStatus
	}
	return in
}

// wordsOnly lowercases English text into words separated by single spaces,
// so that keywords match whole words ("no" never matches "note").
func wordsOnly(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r == '/' || r >= 0x80)
	})
	return strings.Join(f, " ")
}
