package understand

// SlotWords are the words the slot extractors read, merged from every
// locale's prompts/lexicon/<locale>.slots.yaml. Maps keyed by a number or a
// code hold the ways people write that value (months: 3: [三月?, March,
// Mar]). The code reads shapes (digits, phone groupings); every word it
// needs is here.
type SlotWords struct {
	// Numbers are number words by value (一, 两, two, a couple of); runs of
	// the one-character Chinese digits compose (十一, 二〇二四).
	Numbers map[int][]string `yaml:"numbers"`
	// SpokenDigits are the one-character digits a number is read out with
	// (一三八…, 幺 for one): a run of seven or more is a phone number.
	SpokenDigits map[int][]string `yaml:"spoken_digits"`
	// Half are the words for a half in a duration (半年前, half a year ago).
	Half []string `yaml:"half"`
	// Months are month names and abbreviations by number (March, Mar).
	Months map[int][]string `yaml:"months"`
	// MonthsGuarded are month names that are also common words ("may"):
	// they count only next to a date word (in May, May 2024, last May).
	MonthsGuarded []string `yaml:"months_guarded"`
	// MonthGuards are the words that make a guarded month a month (in, last).
	MonthGuards []string `yaml:"month_guards"`
	// DateMarks are the marks after a calendar number, by unit: year (年),
	// month (月), day (日, 号).
	DateMarks map[string][]string `yaml:"date_marks"`
	// Durations are the units of a length of time, by unit: year, month,
	// week, day (个月, weeks).
	Durations map[string][]string `yaml:"durations"`
	// Ago turn a duration into a past date (前, 以前, ago).
	Ago []string `yaml:"ago"`
	// YearsAgo, MonthsAgo, WeeksAgo and DaysAgo are relative date words by
	// how many units back they point (去年 1, 上个月 1, last week 1, 前天 2).
	YearsAgo  map[int][]string `yaml:"years_ago"`
	MonthsAgo map[int][]string `yaml:"months_ago"`
	WeeksAgo  map[int][]string `yaml:"weeks_ago"`
	DaysAgo   map[int][]string `yaml:"days_ago"`
	// Last put a month name in the year before ("last May").
	Last []string `yaml:"last"`
	// YearParts are parts of a year by the month they stand for (年底 12).
	YearParts map[int][]string `yaml:"year_parts"`
	// Holidays are shopping days and holidays by month-day ("11-11": 双十一).
	Holidays map[string][]string `yaml:"holidays"`
	// Purchase cues say a date in the same clause is when it was bought.
	Purchase []string `yaml:"purchase"`
	// Owned cues say a duration right after them is how long it has been
	// owned (用了两年, had it for two years).
	Owned []string `yaml:"owned"`
	// Approx are hedges allowed between an owned cue and its duration (快, about).
	Approx []string `yaml:"approx"`
	// Incident cues right after a date say a fault began then (开始, started).
	Incident []string `yaml:"incident"`
	// Since cues right before a date say the same (自从, since).
	Since []string `yaml:"since"`
	// NotIncident are words that hold an incident cue and are none
	// (可以来 holds 以来, "since then", and asks someone to come).
	NotIncident []string `yaml:"not_incident"`

	// Surnames are family names, compound ones included (欧阳).
	Surnames []string `yaml:"surnames"`
	// SurnameSpellings are the ways a surname is spelled out so that it is
	// not taken for another of the same sound, by surname (李: 木子李).
	SurnameSpellings map[string][]string `yaml:"surname_spellings"`
	// Negators deny what follows them (我不姓张, not Tuesday).
	Negators []string `yaml:"negators"`
	// NamePrefixes are the familiar 老 and 小 written before a surname.
	NamePrefixes []string `yaml:"name_prefixes"`
	// NameMarkers introduce a name, by kind: surname (我姓), name (我叫, my
	// name is), self (我是, this is, I'm: needs a title or a clear name),
	// contact (联系人, 找, ask for: a name with a title).
	NameMarkers map[string][]string `yaml:"name_markers"`
	// Honorifics are the gendered titles written after a name, by
	// salutation (先生: mr, 女士: ms, xiansheng: mr).
	Honorifics map[string][]string `yaml:"honorifics"`
	// HonorificsBefore are the gendered titles written before one (Mr, Ms).
	HonorificsBefore map[string][]string `yaml:"honorifics_before"`
	// Titles are other titles after a name, kept as part of it (经理, 老师).
	Titles []string `yaml:"titles"`
	// TitlesBefore are other titles before a name, kept too (Dr).
	TitlesBefore []string `yaml:"titles_before"`
	// NameStops end a Chinese name run together with what follows (电话, 想).
	NameStops []string `yaml:"name_stops"`
	// NameTails may end an answer after the name (就行, 吧, please).
	NameTails []string `yaml:"name_tails"`
	// NotNames are words that are never names (用户, 谢谢, having, sure).
	NotNames []string `yaml:"not_names"`
	// Salutations are the answers to "how should we address you", by code:
	// mr, ms, none (no title wanted).
	Salutations map[string][]string `yaml:"salutations"`

	// AddressMarkers introduce an address (地址, 住址, my address is).
	AddressMarkers []string `yaml:"address_markers"`
	// AdminSuffixes end an administrative area (省, 市, 区, 街道).
	AdminSuffixes []string `yaml:"admin_suffixes"`
	// RoadSuffixes end a road name; with a number after they are an address.
	RoadSuffixes []string `yaml:"road_suffixes"`
	// UnitSuffixes follow a number inside an address (号, 弄, 栋, 单元, 室).
	UnitSuffixes []string `yaml:"unit_suffixes"`
	// Estates end a housing estate or building name (小区, 大厦, SOHO).
	Estates []string `yaml:"estates"`
	// NotAddress are words holding an address suffix that are not one (超市, 电路, 型号).
	NotAddress []string `yaml:"not_address"`
	// AddressBefore end the words before an address run on without a comma (在, 住, 到).
	AddressBefore []string `yaml:"address_before"`
	// AddressAfter end an address run on into what follows (电话, 明天, please).
	AddressAfter []string `yaml:"address_after"`
	// Streets end an English street name (Street, St, Road, Ave).
	Streets []string `yaml:"streets"`
	// AddressUnits introduce a flat or room number (Flat, Apt, Room).
	AddressUnits []string `yaml:"address_units"`
	// Buildings introduce a building letter or number (Tower, Block).
	Buildings []string `yaml:"buildings"`

	// TimeAny say any time suits (随时, anytime); TimeAnyAnswer say it only
	// as a whole answer (都行, whenever).
	TimeAny       []string `yaml:"time_any"`
	TimeAnyAnswer []string `yaml:"time_any_answer"`
	// TimeDays name a day ahead (明天, 周六, weekend, Saturday).
	TimeDays []string `yaml:"time_days"`
	// TimeDayPrefixes come before a weekday (下, 这, next, this).
	TimeDayPrefixes []string `yaml:"time_day_prefixes"`
	// DaysAhead date a preferred time: days from today ("1": 明天,
	// tomorrow) or a weekday ("mon" … "sun": 周一, Monday), the next one
	// to come unless NextWeek stands before it (下周三: next week's).
	DaysAhead map[string][]string `yaml:"days_ahead"`
	NextWeek  []string            `yaml:"next_week"`
	// TimeParts are parts of a day (下午, 晚上, morning, evenings).
	TimeParts []string `yaml:"time_parts"`
	// ClockUnits follow an hour (点, 点半, pm, o'clock).
	ClockUnits []string `yaml:"clock_units"`
	// TimeOpeners start a time with a bare hour after them (after, before).
	TimeOpeners []string `yaml:"time_openers"`
	// TimeLinks join two times (或者, 到, or, and, at).
	TimeLinks []string `yaml:"time_links"`
	// TimeRefused after a time say it does not suit (周六不行, Tuesday doesn't work).
	TimeRefused []string `yaml:"time_refused"`
	// TimeClosers may end a time (以后, 之前, 左右, 都可以, onwards).
	TimeClosers []string `yaml:"time_closers"`

	// PhoneMarkers introduce a phone number (电话, 手机, tel).
	PhoneMarkers []string `yaml:"phone_markers"`
	// OtherNumbers introduce a number that is no phone (序列号, 订单号, SN, order).
	OtherNumbers []string `yaml:"other_numbers"`
	// TicketMarkers introduce a ticket number written without FD (工单号, ticket).
	TicketMarkers []string `yaml:"ticket_markers"`
	// NumberGlue may stand between a marker and its number (是, :, #, is, no.).
	NumberGlue []string `yaml:"number_glue"`

	// Requests mark an answer as a request or sentence, not a datum
	// (我要, 取消, 报修, want to, cancel).
	Requests []string `yaml:"requests"`
	// Questions mark an answer as a question (吗, 什么, what, are you).
	Questions []string `yaml:"questions"`

	sets slotSets
}

// merge appends the lists of another locale's file to w.
func (w *SlotWords) merge(p *SlotWords) {
	mergeInt(&w.Numbers, p.Numbers)
	mergeInt(&w.SpokenDigits, p.SpokenDigits)
	mergeInt(&w.Months, p.Months)
	mergeInt(&w.YearsAgo, p.YearsAgo)
	mergeInt(&w.MonthsAgo, p.MonthsAgo)
	mergeInt(&w.WeeksAgo, p.WeeksAgo)
	mergeInt(&w.DaysAgo, p.DaysAgo)
	mergeInt(&w.YearParts, p.YearParts)
	for _, m := range []struct {
		to   *map[string][]string
		from map[string][]string
	}{
		{&w.DateMarks, p.DateMarks}, {&w.Durations, p.Durations}, {&w.Holidays, p.Holidays}, {&w.DaysAhead, p.DaysAhead},
		{&w.NameMarkers, p.NameMarkers}, {&w.Honorifics, p.Honorifics},
		{&w.HonorificsBefore, p.HonorificsBefore}, {&w.Salutations, p.Salutations},
		{&w.SurnameSpellings, p.SurnameSpellings},
	} {
		mergeCode(m.to, m.from)
	}
	for _, l := range []struct {
		to   *[]string
		from []string
	}{
		{&w.Half, p.Half}, {&w.MonthsGuarded, p.MonthsGuarded}, {&w.MonthGuards, p.MonthGuards},
		{&w.Ago, p.Ago}, {&w.Last, p.Last}, {&w.Purchase, p.Purchase}, {&w.Owned, p.Owned},
		{&w.Approx, p.Approx}, {&w.Incident, p.Incident}, {&w.Since, p.Since}, {&w.NotIncident, p.NotIncident},
		{&w.Surnames, p.Surnames}, {&w.Negators, p.Negators}, {&w.NamePrefixes, p.NamePrefixes}, {&w.Titles, p.Titles},
		{&w.TitlesBefore, p.TitlesBefore}, {&w.NameStops, p.NameStops}, {&w.NameTails, p.NameTails}, {&w.NotNames, p.NotNames},
		{&w.AddressMarkers, p.AddressMarkers}, {&w.AdminSuffixes, p.AdminSuffixes},
		{&w.RoadSuffixes, p.RoadSuffixes}, {&w.UnitSuffixes, p.UnitSuffixes}, {&w.Estates, p.Estates},
		{&w.NotAddress, p.NotAddress}, {&w.AddressBefore, p.AddressBefore}, {&w.AddressAfter, p.AddressAfter},
		{&w.Streets, p.Streets}, {&w.AddressUnits, p.AddressUnits}, {&w.Buildings, p.Buildings},
		{&w.TimeAny, p.TimeAny}, {&w.TimeAnyAnswer, p.TimeAnyAnswer}, {&w.TimeDays, p.TimeDays},
		{&w.TimeDayPrefixes, p.TimeDayPrefixes}, {&w.NextWeek, p.NextWeek}, {&w.TimeParts, p.TimeParts}, {&w.ClockUnits, p.ClockUnits},
		{&w.TimeOpeners, p.TimeOpeners}, {&w.TimeLinks, p.TimeLinks}, {&w.TimeClosers, p.TimeClosers},
		{&w.TimeRefused, p.TimeRefused},
		{&w.PhoneMarkers, p.PhoneMarkers}, {&w.OtherNumbers, p.OtherNumbers},
		{&w.TicketMarkers, p.TicketMarkers}, {&w.NumberGlue, p.NumberGlue},
		{&w.Requests, p.Requests}, {&w.Questions, p.Questions},
	} {
		*l.to = append(*l.to, l.from...)
	}
}

// mergeInt appends the lists of from to those of to, by key.
func mergeInt(to *map[int][]string, from map[int][]string) {
	if *to == nil {
		*to = map[int][]string{}
	}
	for k, ws := range from {
		(*to)[k] = append((*to)[k], ws...)
	}
}

// mergeCode appends the lists of from to those of to, by code.
func mergeCode(to *map[string][]string, from map[string][]string) {
	if *to == nil {
		*to = map[string][]string{}
	}
	for k, ws := range from {
		(*to)[k] = append((*to)[k], ws...)
	}
}
