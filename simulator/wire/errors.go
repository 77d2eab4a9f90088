package wire

// Error group ids of the error object.
const (
	ErrorGroupOK       = 0
	ErrorGroupHandset  = 1
	ErrorGroupUser     = 2
	ErrorGroupOperator = 3
)

var errorGroupNames = [...]string{0: "OK", 1: "HANDSET_ERRORS", 2: "USER_ERRORS", 3: "OPERATOR_ERRORS"}

// Error ids used by the simulator: GSM errors, RCS ("Chat") errors and India DLT errors.
const (
	ErrNoError                  = 0
	ErrUnknownSubscriber        = 1
	ErrAbsentSubscriber         = 27
	ErrInvalidDestinationAddr   = 351
	ErrMsgTextTooLong           = 355
	ErrDestAddressBlacklisted   = 2050
	ErrValidityExpired          = 4101
	ErrVPExpired                = 4098
	ErrBlockedByDLT             = 4106
	ErrEntityBlockedByDLT       = 4110
	ErrEntityNotFound           = 4112
	ErrTelemarketerNotReg       = 4118
	ErrTelemarketerInactive     = 4119
	ErrTelemarketerBlacklisted  = 4120
	ErrEntityNotRegistered      = 4113
	ErrEntityInactive           = 4114
	ErrEntityBlacklisted        = 4115
	ErrInvalidEntityID          = 4116
	ErrHeaderNotFound           = 4121
	ErrHeaderInactive           = 4122
	ErrHeaderBlacklisted        = 4123
	ErrPEIDNotMatchedWithHeader = 4124
	ErrTemplateNotFound         = 4126
	ErrTemplateInactive         = 4127
	ErrTemplateBlacklisted      = 4128
	ErrTemplateNotMatched       = 4129
	ErrHeaderNotRegForTemplate  = 4130
	ErrTemplateVarTooLong       = 4131
	ErrInvalidTemplateID        = 4133
	ErrTemplateNotRegToEntity   = 4134
	ErrUnknownApplication       = 7001
	ErrUnknownUser              = 7002
	ErrBlockedUser              = 7003
	ErrForbiddenAccess          = 7005
	ErrRCSBadRequest            = 7006
	ErrIllegalTrafficType       = 7007
	ErrInvalidTemplate          = 7009
	ErrInternalBadMapping       = 7018
)

type errorDef struct {
	group       int
	name        string
	description string
	permanent   bool
}

// errorCatalogue is read-only after init.
var errorCatalogue = map[int]errorDef{
	ErrNoError:                  {ErrorGroupOK, "NO_ERROR", "No Error", false},
	ErrUnknownSubscriber:        {ErrorGroupHandset, "EC_UNKNOWN_SUBSCRIBER", "Unknown Subscriber", true},
	ErrAbsentSubscriber:         {ErrorGroupHandset, "EC_ABSENT_SUBSCRIBER", "Absent Subscriber", false},
	ErrInvalidDestinationAddr:   {ErrorGroupUser, "EC_INVALID_DESTINATION_ADDRESS", "Invalid Destination Address", false},
	ErrMsgTextTooLong:           {ErrorGroupUser, "EC_MSG_TEXT_TOO_LONG", "Message text too long", true},
	ErrDestAddressBlacklisted:   {ErrorGroupOperator, "EC_DEST_ADDRESS_BLACKLISTED", "Destination address on the DND register", true},
	ErrVPExpired:                {ErrorGroupOperator, "EC_VP_EXPIRED", "Validity period expired", false},
	ErrValidityExpired:          {ErrorGroupUser, "EC_VALIDITY_EXPIRED", "Validity expired", true},
	ErrBlockedByDLT:             {ErrorGroupOperator, "EC_BLOCKED_BY_DLT", "Blocked by DLT", true},
	ErrEntityBlockedByDLT:       {ErrorGroupOperator, "EC_ENTITY_BLOCKED_BY_DLT", "Entity blocked by DLT", true},
	ErrEntityNotFound:           {ErrorGroupOperator, "EC_ENTITY_NOT_FOUND", "Entity not found", true},
	ErrTelemarketerNotReg:       {ErrorGroupOperator, "EC_TELEMARKETER_NOT_REGISTERED", "Telemarketer not registered", true},
	ErrTelemarketerInactive:     {ErrorGroupOperator, "EC_TELEMARKETER_INACTIVE", "Telemarketer inactive", true},
	ErrTelemarketerBlacklisted:  {ErrorGroupOperator, "EC_TELEMARKETER_BLACKLISTED", "Telemarketer blacklisted", true},
	ErrEntityNotRegistered:      {ErrorGroupOperator, "EC_ENTITY_NOT_REGISTERED", "Entity not registered", true},
	ErrEntityInactive:           {ErrorGroupOperator, "EC_ENTITY_INACTIVE", "Entity inactive", true},
	ErrEntityBlacklisted:        {ErrorGroupOperator, "EC_ENTITY_BLACKLISTED", "Entity blacklisted", true},
	ErrInvalidEntityID:          {ErrorGroupOperator, "EC_INVALID_ENTITY_ID", "Invalid entity id", true},
	ErrHeaderNotFound:           {ErrorGroupOperator, "EC_HEADER_NOT_FOUND", "Header not found", true},
	ErrHeaderInactive:           {ErrorGroupOperator, "EC_HEADER_INACTIVE", "Header inactive", true},
	ErrHeaderBlacklisted:        {ErrorGroupOperator, "EC_HEADER_BLACKLISTED", "Header blacklisted", true},
	ErrPEIDNotMatchedWithHeader: {ErrorGroupOperator, "EC_PEID_NOT_MATCHED_WITH_HEADER", "Principal entity id not matched with header", true},
	ErrTemplateNotFound:         {ErrorGroupOperator, "EC_TEMPLATE_NOT_FOUND", "Template not found", true},
	ErrTemplateInactive:         {ErrorGroupOperator, "EC_TEMPLATE_INACTIVE", "Template inactive", true},
	ErrTemplateBlacklisted:      {ErrorGroupOperator, "EC_TEMPLATE_BLACKLISTED", "Template blacklisted", true},
	ErrTemplateNotMatched:       {ErrorGroupOperator, "EC_TEMPLATE_NOT_MATCHED", "Template not matched", true},
	ErrHeaderNotRegForTemplate:  {ErrorGroupOperator, "EC_HEADER_NOT_REGISTERED_FOR_TEMPLATE", "Header not registered for template", true},
	ErrTemplateVarTooLong:       {ErrorGroupOperator, "EC_TEMPLATE_VARIABLE_EXCEEDED_MAX_LENGTH", "Template variable exceeded max length", true},
	ErrInvalidTemplateID:        {ErrorGroupOperator, "EC_INVALID_TEMPLATE_ID", "Invalid template id", true},
	ErrTemplateNotRegToEntity:   {ErrorGroupOperator, "EC_TEMPLATE_NOT_REGISTERED_TO_ENTITY", "Template not registered to entity", true},
	ErrUnknownApplication:       {ErrorGroupHandset, "EC_UNKNOWN_APPLICATION", "Unknown application", true},
	ErrUnknownUser:              {ErrorGroupHandset, "EC_UNKNOWN_USER", "No matching user found (on platform or on provider)", true},
	ErrBlockedUser:              {ErrorGroupHandset, "EC_BLOCKED_USER", "User has blocked the sender", true},
	ErrForbiddenAccess:          {ErrorGroupHandset, "EC_FORBIDDEN_ACCESS", "Forbidden access", true},
	ErrRCSBadRequest:            {ErrorGroupHandset, "EC_BAD_REQUEST", "Bad request, unsupported content or feature", true},
	ErrIllegalTrafficType:       {ErrorGroupHandset, "EC_ILLEGAL_TRAFFIC_TYPE", "Illegal traffic type", true},
	ErrInvalidTemplate:          {ErrorGroupHandset, "EC_INVALID_TEMPLATE", "Invalid template", true},
	ErrInternalBadMapping:       {ErrorGroupHandset, "EC_INTERNAL_BAD_MAPPING", "Internal bad mapping", true},
}

// ErrorFor returns the catalogue entry for an error id. It panics on an id
// outside the catalogue: ids are program constants, never user input.
func ErrorFor(id int) Error {
	d, ok := errorCatalogue[id]
	if !ok {
		panic("wire: unknown error id")
	}
	return Error{GroupID: d.group, GroupName: errorGroupNames[d.group], ID: id, Name: d.name, Description: d.description, Permanent: d.permanent}
}

// NoError is the error object of every successful report.
func NoError() Error { return ErrorFor(ErrNoError) }

// RCSNoErrorDescription is how the RCS document words the OK error in every
// report and log example ("No error"), where the SMS document says "No Error".
const RCSNoErrorDescription = "No error"

// InRCSDocument returns e as the RCS API renders it: the OK error's
// description in the RCS document's wording.
func InRCSDocument(e Error) Error {
	if e.ID == ErrNoError && e.GroupID == ErrorGroupOK {
		e.Description = RCSNoErrorDescription
	}
	return e
}
