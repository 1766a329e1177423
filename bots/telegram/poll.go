package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/go-telegram/bot/models"
)

// poll fetches updates with getUpdates until ctx ends, for running without
// a public URL. The offset moves past an update only once it is taken, so a
// crash re-fetches it and the desk drops what it already took.
func (b *Bot) poll(ctx context.Context) {
	var offset int64
	pause := time.Second
	for ctx.Err() == nil {
		updates, err := b.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() == nil {
				b.log.Warn("telegram: getUpdates", "err", err)
				webapi.Sleep(ctx, pause)
				pause = min(pause*2, 30*time.Second)
			}
			continue
		}
		pause = time.Second
		for _, u := range updates {
			for ctx.Err() == nil {
				if err := b.handle(ctx, &u); err == nil {
					break
				} else {
					b.log.Error("telegram: update not taken, retrying", "update", u.ID, "err", err)
					webapi.Sleep(ctx, time.Second)
				}
			}
			offset = u.ID + 1
		}
	}
}

// getUpdates is the Bot API call, made here because the library keeps its
// polling internal (and moves the offset before handling).
func (b *Bot) getUpdates(ctx context.Context, offset int64) ([]models.Update, error) {
	body, _ := json.Marshal(map[string]any{"offset": offset, "timeout": 25,
		"allowed_updates": []string{"message", "edited_message", "callback_query"}})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.cfg.APIURL+"/bot"+b.cfg.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := b.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redactToken(err, b.cfg.Token))
	}
	defer res.Body.Close()
	var out struct {
		OK          bool            `json:"ok"`
		Result      []models.Update `json:"result"`
		Description string          `json:"description"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("getUpdates: %d: %w", res.StatusCode, err)
	}
	if !out.OK {
		return nil, fmt.Errorf("getUpdates: %d %s", res.StatusCode, out.Description)
	}
	return out.Result, nil
}

// redactToken keeps the bot token out of logged errors (URLs carry it).
func redactToken(err error, token string) error {
	return fmt.Errorf("%s", bytes.ReplaceAll([]byte(err.Error()), []byte(token), []byte("***")))
}
