package steps

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
)

// code is a status or error as Infobip defines it. The harness keeps its own
// table, independent of the simulator's, so that a target reporting the
// right name with the wrong id or group fails the checklist.
type code struct {
	GroupID   int
	GroupName string
	ID        int
}

var knownStatuses = map[string]code{
	"PENDING_ACCEPTED":                {1, "PENDING", 26},
	"PENDING_ENROUTE":                 {1, "PENDING", 7},
	"PENDING_WAITING_DELIVERY":        {1, "PENDING", 3},
	"DELIVERED_TO_HANDSET":            {3, "DELIVERED", 5},
	"DELIVERED_TO_OPERATOR":           {3, "DELIVERED", 2},
	"UNDELIVERABLE_REJECTED_OPERATOR": {2, "UNDELIVERABLE", 4},
	"UNDELIVERABLE_NOT_DELIVERED":     {2, "UNDELIVERABLE", 9},
	"UNDELIVERABLE_REJECTED_PLATFORM": {2, "UNDELIVERABLE", 100},
	"EXPIRED_EXPIRED":                 {4, "EXPIRED", 15},
	"REJECTED_DND":                    {5, "REJECTED", 10},
}

var knownErrors = map[string]code{
	"NO_ERROR":                              {0, "OK", 0},
	"EC_UNKNOWN_SUBSCRIBER":                 {1, "HANDSET_ERRORS", 1},
	"EC_ABSENT_SUBSCRIBER":                  {1, "HANDSET_ERRORS", 27},
	"EC_UNKNOWN_USER":                       {1, "HANDSET_ERRORS", 7002},
	"EC_BLOCKED_USER":                       {1, "HANDSET_ERRORS", 7003},
	"EC_FORBIDDEN_ACCESS":                   {1, "HANDSET_ERRORS", 7005},
	"EC_BAD_REQUEST":                        {1, "HANDSET_ERRORS", 7006},
	"EC_VALIDITY_EXPIRED":                   {2, "USER_ERRORS", 4101},
	"EC_DEST_ADDRESS_BLACKLISTED":           {3, "OPERATOR_ERRORS", 2050},
	"EC_ENTITY_NOT_FOUND":                   {3, "OPERATOR_ERRORS", 4112},
	"EC_INVALID_ENTITY_ID":                  {3, "OPERATOR_ERRORS", 4116},
	"EC_TEMPLATE_NOT_MATCHED":               {3, "OPERATOR_ERRORS", 4129},
	"EC_HEADER_NOT_REGISTERED_FOR_TEMPLATE": {3, "OPERATOR_ERRORS", 4130},
	"EC_INVALID_TEMPLATE_ID":                {3, "OPERATOR_ERRORS", 4133},
}

// checkCode compares the id and group of a status or error object in a
// report with the catalogue, by its name.
func checkCode(kind string, table map[string]code, obj any) error {
	m, ok := obj.(map[string]any)
	if !ok {
		return fmt.Errorf("the report has no %s object", kind)
	}
	name, _ := m["name"].(string)
	want, known := table[name]
	if !known {
		return nil
	}
	num := func(k string) int {
		f, _ := m[k].(float64)
		return int(f)
	}
	groupName, _ := m["groupName"].(string)
	got := code{num("groupId"), groupName, num("id")}
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("%s %s has the wrong id or group (-want +got):\n%s", kind, name, diff)
	}
	return nil
}
