package ingest

// answerLabels are the printed answer labels of each SKM question, score 1
// first (PermenPANRB 14/2017 questionnaire); genericLabels are accepted for
// every question.
var answerLabels = [9][4][]string{
	{{"Tidak sesuai"}, {"Kurang sesuai"}, {"Sesuai"}, {"Sangat sesuai"}},
	{{"Tidak mudah"}, {"Kurang mudah"}, {"Mudah"}, {"Sangat mudah"}},
	{{"Tidak cepat"}, {"Kurang cepat"}, {"Cepat"}, {"Sangat cepat"}},
	{{"Sangat mahal"}, {"Cukup mahal"}, {"Murah"}, {"Gratis", "Tidak dipungut biaya", "Tidak berbayar"}},
	{{"Tidak sesuai"}, {"Kurang sesuai"}, {"Sesuai"}, {"Sangat sesuai"}},
	{{"Tidak kompeten"}, {"Kurang kompeten"}, {"Kompeten"}, {"Sangat kompeten"}},
	{{"Tidak sopan dan ramah", "Tidak sopan", "Tidak ramah"}, {"Kurang sopan dan ramah", "Kurang sopan", "Kurang ramah"}, {"Sopan dan ramah", "Sopan", "Ramah"}, {"Sangat sopan dan ramah", "Sangat sopan", "Sangat ramah"}},
	{{"Buruk"}, {"Cukup"}, {"Baik"}, {"Sangat baik"}},
	{{"Tidak ada"}, {"Ada tetapi tidak berfungsi", "Ada tapi tidak berfungsi"}, {"Berfungsi kurang maksimal"}, {"Dikelola dengan baik"}},
}

var genericLabels = [4][]string{
	{"Tidak sesuai", "Tidak puas", "Sangat tidak puas", "Tidak baik"},
	{"Kurang sesuai", "Kurang puas", "Kurang baik"},
	{"Sesuai", "Puas"},
	{"Sangat sesuai", "Sangat puas"},
}

// answerKeys maps, per question, a normalised label to its score 1..4.
var answerKeys = func() [9]map[string]int8 {
	var out [9]map[string]int8
	for q := range out {
		m := map[string]int8{}
		for s, labels := range genericLabels {
			for _, l := range labels {
				m[normKey(l)] = int8(s + 1)
			}
		}
		for s, labels := range answerLabels[q] {
			for _, l := range labels {
				m[normKey(l)] = int8(s + 1)
			}
		}
		out[q] = m
	}
	return out
}()

// parseAnswer reads an SKM answer to question element (1..9): a score 1-4
// ("3", "3.0", "3 - Sesuai") or the question's answer label.
func parseAnswer(element int, s string) (int8, bool) {
	if len(s) >= 1 && s[0] >= '1' && s[0] <= '4' {
		rest := s[1:]
		if rest == "" || rest == ".0" || rest == ",0" {
			return int8(s[0] - '0'), true
		}
		if rest[0] == ' ' || rest[0] == '-' || rest[0] == ')' || rest[0] == '.' && (len(rest) == 1 || rest[1] == ' ') {
			return int8(s[0] - '0'), true // "3 - Sesuai", "3. Sesuai": the digit decides
		}
	}
	if element < 1 || element > 9 {
		return 0, false
	}
	v, ok := answerKeys[element-1][normKey(s)]
	return v, ok
}
