package auth

// keyGroups are the lengths of the dash-separated hex groups of an Infobip
// API key: 32 hex digits, then a UUID (8-4-4-4-12).
var keyGroups = [...]int{32, 8, 4, 4, 4, 12}

// keyLen is the length of a well-formed key: the groups and five dashes.
const keyLen = 32 + 1 + 8 + 1 + 4 + 1 + 4 + 1 + 4 + 1 + 12

// wellFormedKey checks the shape by hand: it runs on every API request, and
// a regular expression cost about 5% of the handler.
func wellFormedKey(key string) bool {
	if len(key) != keyLen {
		return false
	}
	i := 0
	for g, n := range keyGroups {
		if g > 0 {
			if key[i] != '-' {
				return false
			}
			i++
		}
		for end := i + n; i < end; i++ {
			if !isHex(key[i]) {
				return false
			}
		}
	}
	return true
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}
