package telegram

// sentPrefix starts the key under which a sent reply is recorded in Redis
// (by the step that pops it, Outbound.Advance), followed by its id.
const sentPrefix = "sent:" + Channel + ":"

// sentKey is where a sent reply is recorded in Redis ("" for none).
func sentKey(id string) string {
	if id == "" {
		return ""
	}
	return sentPrefix + id
}

// wasSent says the reply id was sent already, by this process or, as
// Redis recorded it, by another: headSent is what the claim found of the
// queue's head (Outbound.ClaimDone). A reply after the head was never
// handed to anyone.
func (b *Bot) wasSent(id string, headSent bool) bool {
	return id != "" && (headSent || b.sent.Has(id))
}
