package sampledata

import (
	"fmt"
	"time"
)

// nipMaker issues unique NIPs. The sequence number NNN is the first unused
// one for the same leading 15 digits, as BKN numbers people sharing a birth
// date, appointment and sex.
type nipMaker struct {
	used map[string]int // first 15 digits -> last sequence issued
}

func newNIPMaker() *nipMaker { return &nipMaker{used: map[string]int{}} }

// pns returns a PNS NIP: YYYYMMDD (birth) YYYYMM (first appointment, TMT
// CPNS) S (1 male, 2 female) NNN.
func (m *nipMaker) pns(birth time.Time, appointYear int, appointMonth time.Month, female bool) string {
	return m.issue(fmt.Sprintf("%s%04d%02d%d", birth.Format("20060102"), appointYear, int(appointMonth), sexDigit(female)))
}

// pppk returns an NI PPPK: YYYYMMDD (birth) YYYY (appointment year) 2
// C (number of contracts, 1-9) S NNN. Digits 13-14 are 21..29, never a month.
func (m *nipMaker) pppk(birth time.Time, appointYear, contracts int, female bool) string {
	return m.issue(fmt.Sprintf("%s%04d2%d%d", birth.Format("20060102"), appointYear, contracts, sexDigit(female)))
}

func (m *nipMaker) issue(prefix string) string {
	m.used[prefix]++
	return fmt.Sprintf("%s%03d", prefix, m.used[prefix])
}

func sexDigit(female bool) int {
	if female {
		return 2
	}
	return 1
}

// spacedNIP formats an NIP as people often type it: PNS "19860926 201505 1
// 001", PPPK "19900412 2021 2 1 2 005".
func spacedNIP(nip string) string {
	if len(nip) != 18 {
		return nip
	}
	if nip[12] == '2' && nip[13] >= '1' {
		return nip[:8] + " " + nip[8:12] + " " + nip[12:13] + " " + nip[13:14] + " " + nip[14:15] + " " + nip[15:]
	}
	return nip[:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
}
