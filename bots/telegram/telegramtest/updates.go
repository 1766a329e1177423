package telegramtest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// The fake bot's identity, as getMe reports it and as builders use it.
const (
	BotID       int64 = 7000000001
	BotUsername       = "frontdesk_test_bot"
)

// The types below are the wire shapes of https://core.telegram.org/bots/api#available-types,
// reduced to the fields the builders and the server fill in. They are local rather than
// go-telegram/bot/models so that absent fields stay absent, as in real updates.

type user struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
}

type entity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type photoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type sticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Emoji        string `json:"emoji,omitempty"`
}

type contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	UserID      int64  `json:"user_id,omitempty"`
}

type location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type message struct {
	MessageID    int64           `json:"message_id"`
	From         *user           `json:"from,omitempty"`
	Date         int64           `json:"date"`
	Chat         chat            `json:"chat"`
	EditDate     int64           `json:"edit_date,omitempty"`
	MediaGroupID string          `json:"media_group_id,omitempty"`
	Text         string          `json:"text,omitempty"`
	Entities     []entity        `json:"entities,omitempty"`
	Photo        []photoSize     `json:"photo,omitempty"`
	Document     *document       `json:"document,omitempty"`
	Sticker      *sticker        `json:"sticker,omitempty"`
	Caption      string          `json:"caption,omitempty"`
	Contact      *contact        `json:"contact,omitempty"`
	Location     *location       `json:"location,omitempty"`
	ReplyMarkup  json.RawMessage `json:"reply_markup,omitempty"`
}

type callbackQuery struct {
	ID           string   `json:"id"`
	From         user     `json:"from"`
	Message      *message `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data,omitempty"`
}

type chatMember struct {
	Status    string `json:"status"`
	User      user   `json:"user"`
	UntilDate *int64 `json:"until_date,omitempty"`
}

type chatMemberUpdated struct {
	Chat          chat       `json:"chat"`
	From          user       `json:"from"`
	Date          int64      `json:"date"`
	OldChatMember chatMember `json:"old_chat_member"`
	NewChatMember chatMember `json:"new_chat_member"`
}

type update struct {
	UpdateID      int64              `json:"update_id"`
	Message       *message           `json:"message,omitempty"`
	EditedMessage *message           `json:"edited_message,omitempty"`
	CallbackQuery *callbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *chatMemberUpdated `json:"my_chat_member,omitempty"`
}

// Text returns a message update with text from a user in their private chat chatID.
// The message_id equals updateID.
func Text(updateID, chatID int64, text string) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	m.Text = text
	return encode(update{UpdateID: updateID, Message: m})
}

// TextFrom returns a message update with text from userID in chatID of chatType
// ("private", "group" or "supergroup"; groups get a title).
func TextFrom(updateID, chatID, userID int64, chatType, text string) []byte {
	m := userMessage(updateID, chatID, userID, chatType)
	m.Text = text
	return encode(update{UpdateID: updateID, Message: m})
}

// Command returns a private message update with a bot command such as "/start" (the slash
// may be left off), marked with a bot_command entity as Telegram does.
func Command(updateID, chatID int64, cmd string) []byte {
	if !strings.HasPrefix(cmd, "/") {
		cmd = "/" + cmd
	}
	name, _, _ := strings.Cut(cmd, " ")
	m := userMessage(updateID, chatID, chatID, "private")
	m.Text = cmd
	// Entity offsets and lengths count UTF-16 code units.
	m.Entities = []entity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(name)))}}
	return encode(update{UpdateID: updateID, Message: m})
}

// Callback returns a callback_query update: the user of private chat chatID pressed an
// inline button with data under the bot's message messageID.
func Callback(updateID, chatID int64, data string, messageID int64) []byte {
	return encode(update{UpdateID: updateID, CallbackQuery: &callbackQuery{
		ID:   strconv.FormatInt(updateID, 10),
		From: testUser(chatID),
		Message: &message{
			MessageID: messageID,
			From:      botUser(),
			Date:      time.Now().Unix(),
			Chat:      privateChat(chatID),
		},
		ChatInstance: strconv.FormatInt(-chatID, 10),
		Data:         data,
	}})
}

// Contact returns a private message update sharing a contact with phone; contactUserID is
// the contact's Telegram user (the sender's own id when they share their own number).
func Contact(updateID, chatID, contactUserID int64, phone string) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	m.Contact = &contact{PhoneNumber: phone, FirstName: "Test", UserID: contactUserID}
	return encode(update{UpdateID: updateID, Message: m})
}

// Location returns a private message update sharing a location.
func Location(updateID, chatID int64, lat, lon float64) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	m.Location = &location{Latitude: lat, Longitude: lon}
	return encode(update{UpdateID: updateID, Message: m})
}

// Photo returns a private message update with a photo in two sizes, the largest (fileID,
// size bytes) last; mediaGroupID and caption are set only when non-empty.
func Photo(updateID, chatID int64, fileID string, size int, mediaGroupID, caption string) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	m.Photo = photoSizes(fileID, size)
	m.MediaGroupID = mediaGroupID
	m.Caption = caption
	return encode(update{UpdateID: updateID, Message: m})
}

// Document returns a private message update with a file.
func Document(updateID, chatID int64, fileID, fileName, mime string, size int) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	m.Document = &document{FileID: fileID, FileUniqueID: "u" + fileID, FileName: fileName, MimeType: mime, FileSize: size}
	return encode(update{UpdateID: updateID, Message: m})
}

// Edited returns an edited_message update: the user changed messageID's text a minute
// after sending it.
func Edited(updateID, chatID, messageID int64, text string) []byte {
	m := userMessage(messageID, chatID, chatID, "private")
	m.EditDate = m.Date
	m.Date -= 60
	m.Text = text
	return encode(update{UpdateID: updateID, EditedMessage: m})
}

// Sticker returns a private message update with a sticker, a kind the bot does not handle.
func Sticker(updateID, chatID int64) []byte {
	m := userMessage(updateID, chatID, chatID, "private")
	id := fmt.Sprintf("sticker%d", updateID)
	m.Sticker = &sticker{FileID: id, FileUniqueID: "u" + id, Type: "regular", Width: 512, Height: 512, Emoji: "👍"}
	return encode(update{UpdateID: updateID, Message: m})
}

// MyChatMember returns a my_chat_member update with no message: the user of private
// chat chatID blocked the bot.
func MyChatMember(updateID, chatID int64) []byte {
	forever := int64(0)
	return encode(update{UpdateID: updateID, MyChatMember: &chatMemberUpdated{
		Chat:          privateChat(chatID),
		From:          testUser(chatID),
		Date:          time.Now().Unix(),
		OldChatMember: chatMember{Status: "member", User: *botUser()},
		NewChatMember: chatMember{Status: "kicked", User: *botUser(), UntilDate: &forever},
	}})
}

func userMessage(messageID, chatID, userID int64, chatType string) *message {
	c := chat{ID: chatID, Type: chatType}
	if chatType == "private" {
		c.FirstName = "Test"
	} else {
		c.Title = "Test " + chatType
	}
	u := testUser(userID)
	return &message{MessageID: messageID, From: &u, Date: time.Now().Unix(), Chat: c}
}

func testUser(id int64) user {
	return user{ID: id, FirstName: "Test", LanguageCode: "zh-hans"}
}

func botUser() *user {
	return &user{ID: BotID, IsBot: true, FirstName: "Frontdesk", Username: BotUsername}
}

func privateChat(id int64) chat {
	return chat{ID: id, Type: "private", FirstName: "Test"}
}

func photoSizes(fileID string, size int) []photoSize {
	return []photoSize{
		{FileID: fileID + "-s", FileUniqueID: "u" + fileID + "-s", Width: 90, Height: 68, FileSize: size / 20},
		{FileID: fileID, FileUniqueID: "u" + fileID, Width: 1280, Height: 960, FileSize: size},
	}
}

// encode marshals an update; it fails only for values JSON cannot hold (a NaN
// coordinate), which is a mistake in the test, so it panics.
func encode(u update) []byte {
	b, err := json.Marshal(u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: encode update %d: %v", u.UpdateID, err))
	}
	return b
}
