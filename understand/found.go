package understand

// Found is one fact found in a message: its slot, its value and where it
// was (byte offsets in the text).
type Found struct {
	Slot, Value string
	Start, End  int
}

// LooksLikeRequest reports whether answer is a request or a sentence
// rather than a datum (我要报修, 不用了, 帮我查一下, I want to cancel), so a
// name, product or model answer holding one can be refused. A fault
// description is not a request: 坏了 and "not working" do not count.
func (lx *Lexicon) LooksLikeRequest(answer string) bool {
	return lx.Words.sets.requests.has(answer)
}
