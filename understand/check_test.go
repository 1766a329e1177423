package understand

import (
	"reflect"
	"testing"
)

// TestCheck holds proposed commands (a language model's) to what the
// rules would let through: flows a message may start, the flow's own
// slots, values read again as typed answers, known topics.
func TestCheck(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		ctx  Context
		in   []Command
		want []Command
	}{
		{"a report with its facts", Context{}, []Command{
			{Kind: StartFlow, Flow: FlowReport},
			{Kind: SetSlot, Slot: SlotPhone, Value: "139 1234 5678"},
			{Kind: SetSlot, Slot: SlotFault, Value: "脱水时漏水"},
		}, []Command{
			{Kind: StartFlow, Flow: FlowReport},
			{Kind: SetSlot, Slot: SlotPhone, Value: "13912345678"},
			{Kind: SetSlot, Slot: SlotFault, Value: "脱水时漏水"},
		}},
		{"a phone that is not one", Context{}, []Command{
			{Kind: StartFlow, Flow: FlowReport}, {Kind: SetSlot, Slot: SlotPhone, Value: "call me maybe"},
		}, []Command{{Kind: StartFlow, Flow: FlowReport}}},
		{"a slot of another flow", Context{}, []Command{
			{Kind: StartFlow, Flow: FlowStatus}, {Kind: SetSlot, Slot: SlotAddress, Value: "上海市徐汇区漕溪北路88号"},
		}, []Command{{Kind: StartFlow, Flow: FlowStatus}}},
		{"a flow that cannot be started", Context{}, []Command{
			{Kind: StartFlow, Flow: "refund"}, {Kind: SetSlot, Slot: "price", Value: "1"},
		}, nil},
		{"an unknown kind and a made-up topic", Context{}, []Command{
			{Kind: "set_price", Value: "1"}, {Kind: Knowledge, Topic: "free_repairs_forever"},
		}, nil},
		{"a decision as its code", Context{}, []Command{
			{Kind: StartFlow, Flow: FlowQuote}, {Kind: SetSlot, Slot: SlotDecision, Value: "accept"},
		}, []Command{{Kind: StartFlow, Flow: FlowQuote}, {Kind: SetSlot, Slot: SlotDecision, Value: "accept"}}},
		{"the trade is the lexicon's", Context{}, []Command{
			{Kind: StartFlow, Flow: FlowReport}, {Kind: SetSlot, Slot: SlotTrade, Value: "tiles"},
		}, []Command{{Kind: StartFlow, Flow: FlowReport}}},
		{"an answer in a report, and a skip of another question", Context{Flow: FlowReport, Asked: SlotMode}, []Command{
			{Kind: SetSlot, Slot: SlotMode, Value: "我自己送过去"}, {Kind: Skip, Slot: SlotPurchase},
		}, []Command{{Kind: SetSlot, Slot: SlotMode, Value: "carry_in"}}},
		{"a name that is a sentence", Context{Flow: FlowReport, Asked: SlotName}, []Command{
			{Kind: SetSlot, Slot: SlotName, Value: "yes, I want to report a fault"},
		}, nil},
		{"a clarify between known readings", Context{}, []Command{
			{Kind: Clarify, Options: []string{"accept", "decline"}}, {Kind: Clarify, Options: []string{"accept", "lottery"}},
		}, []Command{{Kind: Clarify, Options: []string{"accept", "decline"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := r.Check(c.ctx, c.in, testNow)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Check = %+v\nwant    %+v", got, c.want)
			}
		})
	}
}
