package understand

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"unicode/utf8"
)

// slotSets are the lists of SlotWords made into matchers by compile.
type slotSets struct {
	dateStart, marks, units, yearParts *wordSet
	ago, last, guards, guarded         *wordSet
	purchase, owned, approx            *wordSet
	incident, since, notIncident       *wordSet
	hanDigit                           map[rune]int

	nameMark, surnames, namePrefix, honAfter, honBefore *wordSet
	nameStops, nameTails, notNames, salutations         *wordSet

	addrMark, addr, addrBefore, addrAfter, street *wordSet

	time, timePrefix, anyAnswer, timeRefused *wordSet
	negators, spellings                      *wordSet
	things                                   *thingSet
	spelled                                  []string // the surname of each spelling, by val

	phoneMark, otherNum, ticketMark, glue *wordSet
	requests, questions                   *wordSet
}

// thingSet matches the brands and products of the whole lexicon, which
// are never names. It is built on first use: compile sees only the slot
// words, and LoadLexicon merges brands and products alongside them.
type thingSet struct {
	once sync.Once
	set  *wordSet
}

// Roles within the shared matchers.
const (
	dNumber = iota + 1 // dateStart
	dHalf
	dYears
	dMonths
	dWeeks
	dDays
	dHoliday
	dMonthName

	uYear // units and marks
	uMonth
	uWeek
	uDay

	nSurname // name markers
	nName
	nSelf
	nContact

	sMr // salutations
	sMs
	sNone
	sKeep // a title kept as part of the name

	tAny // time words
	tDay
	tPart
	tClock
	tOpener
	tLink
	tCloser
	tHour   // read from digits: a bare hour after an opener (after 5)
	tDayNum // read from digits: a day of the month (5号), only with a part of the day

	aAdmin // address words
	aRoad
	aUnit
	aEstate
	aNot
	aStreet
	aFlat
	aBuilding
)

var (
	unitRoles = map[string]int{"year": uYear, "month": uMonth, "week": uWeek, "day": uDay}
	markRoles = map[string]int{"surname": nSurname, "name": nName, "self": nSelf, "contact": nContact}
	salRoles  = map[string]int{"mr": sMr, "ms": sMs, "none": sNone}
	salCodes  = map[int]string{sMr: "mr", sMs: "ms", sNone: "none"}
)

// compile builds the matchers from the lists; called once by LoadLexicon
// after every file is merged. Unknown codes are an error naming the list.
func (w *SlotWords) compile() error {
	c := &w.sets
	set := func(lists ...[]string) *wordSet {
		p := &wordSet{}
		for _, l := range lists {
			p.add(0, 0, l...)
		}
		return p.index()
	}
	coded := func(name string, m map[string][]string, roles map[string]int, p *wordSet) error {
		for _, code := range slices.Sorted(maps.Keys(m)) { // in order: equal words tie the same way every run
			r, ok := roles[code]
			if !ok {
				return fmt.Errorf("understand: slots.%s: unknown code %q", name, code)
			}
			p.add(r, 0, m[code]...)
		}
		return nil
	}

	ds := &wordSet{}
	ds.addMap(dNumber, w.Numbers)
	ds.add(dHalf, 0, w.Half...)
	ds.addMap(dYears, w.YearsAgo)
	ds.addMap(dMonths, w.MonthsAgo)
	ds.addMap(dWeeks, w.WeeksAgo)
	ds.addMap(dDays, w.DaysAgo)
	ds.addMap(dMonthName, w.Months)
	for _, md := range slices.Sorted(maps.Keys(w.Holidays)) {
		var m, d int
		if _, err := fmt.Sscanf(md, "%d-%d", &m, &d); err != nil || m < 1 || m > 12 || d < 1 || d > 31 {
			return fmt.Errorf("understand: slots.holidays: %q is not MM-DD", md)
		}
		ds.add(dHoliday, m*100+d, w.Holidays[md]...)
	}
	c.dateStart = ds.index()
	c.hanDigit = map[rune]int{}
	for v, ws := range w.Numbers {
		for _, s := range ws {
			if r, n := utf8.DecodeRuneInString(s); n == len(s) && r >= utf8.RuneSelf && v <= 10 {
				c.hanDigit[r] = v
			}
		}
	}
	c.marks, c.units = &wordSet{}, &wordSet{}
	if err := coded("date_marks", w.DateMarks, unitRoles, c.marks); err != nil {
		return err
	}
	if err := coded("durations", w.Durations, unitRoles, c.units); err != nil {
		return err
	}
	c.marks.index()
	c.units.index()
	c.yearParts = &wordSet{}
	c.yearParts.addMap(0, w.YearParts)
	c.yearParts.index()
	c.ago, c.last, c.guards, c.guarded = set(w.Ago), set(w.Last), set(w.MonthGuards), set(w.MonthsGuarded)
	c.purchase, c.owned, c.approx = set(w.Purchase), set(w.Owned), set(w.Approx)
	c.incident, c.since, c.notIncident = set(w.Incident), set(w.Since), set(w.NotIncident)

	c.nameMark, c.honAfter, c.honBefore, c.salutations = &wordSet{}, &wordSet{}, &wordSet{}, &wordSet{}
	if err := coded("name_markers", w.NameMarkers, markRoles, c.nameMark); err != nil {
		return err
	}
	if err := coded("honorifics", w.Honorifics, salRoles, c.honAfter); err != nil {
		return err
	}
	c.honAfter.add(sKeep, 0, w.Titles...)
	if err := coded("honorifics_before", w.HonorificsBefore, salRoles, c.honBefore); err != nil {
		return err
	}
	c.honBefore.add(sKeep, 0, w.TitlesBefore...)
	if err := coded("salutations", w.Salutations, salRoles, c.salutations); err != nil {
		return err
	}
	c.nameMark.index()
	c.honAfter.index()
	c.honBefore.index()
	c.salutations.index()
	c.surnames, c.namePrefix = set(w.Surnames), set(w.NamePrefixes)
	c.nameStops, c.nameTails, c.notNames = set(w.NameStops), set(w.NameTails), set(w.NotNames)

	c.addrMark, c.addrBefore, c.addrAfter = set(w.AddressMarkers), set(w.AddressBefore), set(w.AddressAfter)
	c.addr, c.street = &wordSet{}, &wordSet{}
	c.addr.add(aNot, 0, w.NotAddress...) // first: of two equal words, the first added wins
	c.addr.add(aAdmin, 0, w.AdminSuffixes...)
	c.addr.add(aRoad, 0, w.RoadSuffixes...)
	c.addr.add(aUnit, 0, w.UnitSuffixes...)
	c.addr.add(aEstate, 0, w.Estates...)
	c.addr.index()
	c.street.add(aStreet, 0, w.Streets...)
	c.street.add(aFlat, 0, w.AddressUnits...)
	c.street.add(aBuilding, 0, w.Buildings...)
	c.street.index()

	c.time = &wordSet{}
	for _, l := range []struct {
		role  int
		words []string
	}{
		{tAny, w.TimeAny}, {tDay, w.TimeDays}, {tPart, w.TimeParts},
		{tClock, w.ClockUnits}, {tOpener, w.TimeOpeners}, {tLink, w.TimeLinks}, {tCloser, w.TimeClosers},
	} {
		c.time.add(l.role, 0, l.words...)
	}
	c.time.index()
	c.timePrefix, c.anyAnswer, c.timeRefused = set(w.TimeDayPrefixes), set(w.TimeAny, w.TimeAnyAnswer), set(w.TimeRefused)
	c.negators, c.spellings, c.spelled, c.things = set(w.Negators), &wordSet{}, nil, &thingSet{}
	for _, sur := range slices.Sorted(maps.Keys(w.SurnameSpellings)) {
		c.spellings.add(0, len(c.spelled), w.SurnameSpellings[sur]...)
		c.spelled = append(c.spelled, sur)
	}
	c.spellings.index()

	c.phoneMark, c.otherNum, c.ticketMark, c.glue = set(w.PhoneMarkers), set(w.OtherNumbers), set(w.TicketMarkers), set(w.NumberGlue)
	c.requests, c.questions = set(w.Requests), set(w.Questions)
	return nil
}

// incidentIn returns where the first incident cue in s[from:to] starts,
// leaving out one inside a word that is none (可以来), or -1.
func (c *slotSets) incidentIn(s string, from, to int) int {
	for from < to {
		_, st, e := c.incident.findIn(s, from, to)
		if st < 0 {
			return -1
		}
		covered := false
		for p := max(0, st-12); p <= st && !covered; p++ {
			if ph, pe := c.notIncident.at(s, p); ph != nil && pe > st {
				covered = true
			}
		}
		if !covered {
			return st
		}
		from = max(e, st+1)
	}
	return -1
}
