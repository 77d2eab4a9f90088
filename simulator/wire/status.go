package wire

// Status is the status object of responses, reports and logs.
type Status struct {
	GroupID     int    `json:"groupId"`
	GroupName   string `json:"groupName"`
	ID          int    `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Action      string `json:"action,omitempty"`
}

// Error is the error object of reports and logs.
type Error struct {
	GroupID     int    `json:"groupId"`
	GroupName   string `json:"groupName"`
	ID          int    `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Permanent   bool   `json:"permanent"`
}

// Status group ids.
const (
	GroupPending       = 1
	GroupUndeliverable = 2
	GroupDelivered     = 3
	GroupExpired       = 4
	GroupRejected      = 5
)

// Final reports whether a status ends a message's life (anything but PENDING
// and DELIVERED_TO_OPERATOR).
func (s Status) Final() bool {
	return s.GroupID != GroupPending && s.ID != StatusDeliveredToOperator
}

// General status ids (Infobip's message status codes).
const (
	StatusDeliveredToOperator           = 2
	StatusPendingWaitingDelivery        = 3
	StatusUndeliverableRejectedOperator = 4
	StatusDeliveredToHandset            = 5
	StatusRejectedNetwork               = 6
	StatusPendingEnroute                = 7
	StatusRejectedPrefixMissing         = 8
	StatusUndeliverableNotDelivered     = 9
	StatusRejectedDND                   = 10
	StatusRejectedSource                = 11
	StatusRejectedNotEnoughCredits      = 12
	StatusRejectedSender                = 13
	StatusRejectedDestinationBlocklist  = 14
	StatusExpiredExpired                = 15
	StatusRejectedRouteNotAvailable     = 19
	StatusRejectedFloodingFilter        = 20
	StatusRejectedSystemError           = 21
	StatusRejectedDuplicateMessageID    = 23
	StatusRejectedMessageTooLong        = 25
	StatusPendingAccepted               = 26
	StatusExpiredDLRUnknown             = 29
	StatusUndeliverableNotSent          = 31
	StatusMissingTo                     = 51
	StatusRejectedDestination           = 52
	StatusUndeliverableRejectedPlatform = 100
)

var statusGroupNames = [...]string{0: "OK", 1: "PENDING", 2: "UNDELIVERABLE", 3: "DELIVERED", 4: "EXPIRED", 5: "REJECTED"}

type statusDef struct {
	group       int
	name        string
	description string
}

// statuses is read-only after init: the catalogue of general status codes.
// Descriptions quoted in Infobip's examples are used verbatim; the rest are short
// summaries in the same style.
var statuses = map[int]statusDef{
	StatusDeliveredToOperator:           {GroupDelivered, "DELIVERED_TO_OPERATOR", "Message delivered to operator"},
	StatusPendingWaitingDelivery:        {GroupPending, "PENDING_WAITING_DELIVERY", "Message sent, waiting for delivery report"},
	StatusUndeliverableRejectedOperator: {GroupUndeliverable, "UNDELIVERABLE_REJECTED_OPERATOR", "Message rejected by operator"},
	StatusDeliveredToHandset:            {GroupDelivered, "DELIVERED_TO_HANDSET", "Message delivered to handset"},
	StatusRejectedNetwork:               {GroupRejected, "REJECTED_NETWORK", "Network is forbidden"},
	StatusPendingEnroute:                {GroupPending, "PENDING_ENROUTE", "Message sent to next instance"},
	StatusRejectedPrefixMissing:         {GroupRejected, "REJECTED_PREFIX_MISSING", "Number prefix missing"},
	StatusUndeliverableNotDelivered:     {GroupUndeliverable, "UNDELIVERABLE_NOT_DELIVERED", "Message sent not delivered"},
	StatusRejectedDND:                   {GroupRejected, "REJECTED_DND", "Destination on DND list"},
	StatusRejectedSource:                {GroupRejected, "REJECTED_SOURCE", "Invalid Source address"},
	StatusRejectedNotEnoughCredits:      {GroupRejected, "REJECTED_NOT_ENOUGH_CREDITS", "Not enough credits"},
	StatusRejectedSender:                {GroupRejected, "REJECTED_SENDER", "Sender blocklisted"},
	StatusRejectedDestinationBlocklist:  {GroupRejected, "REJECTED_DESTINATION_BLOCKLISTED", "Destination blocklisted"},
	StatusExpiredExpired:                {GroupExpired, "EXPIRED_EXPIRED", "Message expired"},
	StatusRejectedRouteNotAvailable:     {GroupRejected, "REJECTED_ROUTE_NOT_AVAILABLE", "Route not available"},
	StatusRejectedFloodingFilter:        {GroupRejected, "REJECTED_FLOODING_FILTER", "Message rejected by flooding filter"},
	StatusRejectedSystemError:           {GroupRejected, "REJECTED_SYSTEM_ERROR", "System error"},
	StatusRejectedDuplicateMessageID:    {GroupRejected, "REJECTED_DUPLICATE_MESSAGE_ID", "Duplicate message id"},
	StatusRejectedMessageTooLong:        {GroupRejected, "REJECTED_MESSAGE_TOO_LONG", "Message too long"},
	StatusPendingAccepted:               {GroupPending, "PENDING_ACCEPTED", "Message sent to next instance"},
	StatusExpiredDLRUnknown:             {GroupExpired, "EXPIRED_DLR_UNKNOWN", "Message expired, delivery status unknown"},
	StatusUndeliverableNotSent:          {GroupUndeliverable, "UNDELIVERABLE_NOT_SENT", "Message not sent"},
	StatusMissingTo:                     {GroupRejected, "MISSING_TO", "Missing destination address"},
	StatusRejectedDestination:           {GroupRejected, "REJECTED_DESTINATION", "Invalid destination address"},
	StatusUndeliverableRejectedPlatform: {GroupUndeliverable, "UNDELIVERABLE_REJECTED_PLATFORM", "Message rejected by platform"},
}

// StatusFor returns the catalogue entry for a general status id. It panics on
// an id outside the catalogue: ids are program constants, never user input.
func StatusFor(id int) Status {
	d, ok := statuses[id]
	if !ok {
		panic("wire: unknown status id")
	}
	return Status{GroupID: d.group, GroupName: statusGroupNames[d.group], ID: id, Name: d.name, Description: d.description}
}

// LookupStatus finds a status by id or by name.
func LookupStatus(id int, name string) (Status, bool) {
	for k, d := range statuses {
		if (name == "" && k == id) || (name != "" && d.name == name) {
			return StatusFor(k), true
		}
	}
	return Status{}, false
}
