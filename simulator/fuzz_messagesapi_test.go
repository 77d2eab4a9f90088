package simulator_test

import "strings"

// Seeds of the Messages API fuzz target (FuzzMessagesAPI in fuzz_test.go).

var fzEpMessagesAPI = fzEndpoint{path: "/messages-api/1/messages", modern: true, kind: fzKindSend, api: "messages-api/1", seeds: fzMessagesAPISeeds}

func fzMA(msg string) string { return `{"messages":[` + msg + `]}` }

const (
	fzMAText     = `{"channel":"SMS","sender":"JIOCXS","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"TEXT","text":"hi"}}}`
	fzMAFailover = `{"channel":"RCS","sender":"JioCXAgent","destinations":[{"messageId":"m-1","byChannel":[{"channel":"RCS","to":"919876543210"},{"channel":"SMS","to":"919876543210"}]}],` +
		`"content":{"body":{"type":"TEXT","text":"Your order shipped"},"buttons":[{"type":"REPLY","text":"Yes","postbackData":"yes"},{"type":"OPEN_URL","text":"Track","url":"https://t.example.com","openIn":"WEBVIEW_FULL"}]},` +
		`"options":{"platform":{"entityId":"ent","applicationId":"app"},"validityPeriod":{"amount":30,"timeUnit":"MINUTES"},"campaignReferenceId":"c",` +
		`"regional":{"indiaDlt":{"principalEntityId":"1101234567890123456","contentTemplateId":"1107161234567890125"}}},` +
		`"webhooks":{"delivery":{"url":"https://hooks.example.com/dlr","intermediateReport":true,"receiveTriggeredFailoverReports":true},"contentType":"application/json","callbackData":"cb","seen":{"url":"https://hooks.example.com/seen"}},` +
		`"failover":[{"channel":"SMS","sender":"JIOCXS","content":{"body":{"type":"TEXT","text":"Your order shipped (SMS)"}},"validityPeriod":{"amount":1,"timeUnit":"HOURS"}}]}`
)

var fzMessagesAPISeeds = []fzSeed{
	{name: "sms text", body: fzMA(fzMAText), ok: true},
	{name: "rcs with sms failover", body: fzMA(fzMAFailover), ok: true},
	{name: "rich link", ok: true, body: fzMA(`{"channel":"RCS","sender":"A","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"RICH_LINK","text":"Sale","url":"https://c.example/a.png","redirectUrl":"https://s.example","cardOptions":{"height":"TALL"}}}}`)},
	{name: "carousel", ok: true, body: fzMA(`{"channel":"RCS","sender":"A","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"CAROUSEL","cards":[{"body":{"title":"1"}},{"body":{"url":"https://c.example/2.png"},"buttons":[{"type":"DIAL_PHONE","text":"Call","phoneNumber":"+919876543210"}]}]}}}`)},
	{name: "sms image adapted", ok: true, body: fzMA(`{"channel":"SMS","sender":"S","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"IMAGE","url":"https://c.example/a.png"}}}`)},
	{name: "scheduled", ok: true, body: `{"messages":[` + fzMAText + `],"options":{"schedule":{"bulkId":"b","sendAt":"2026-01-05T00:00:00.000+0000","sendingSpeedLimit":{"amount":1,"timeUnit":"MINUTE"}}}}`},
	{name: "sms image without adaptation", body: fzMA(`{"channel":"SMS","sender":"S","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"IMAGE","url":"https://c.example/a.png"}},"options":{"adaptationMode":false}}`)},
	{name: "whatsapp", body: strings.Replace(fzMA(fzMAText), `"SMS"`, `"WHATSAPP"`, 1)},
	{name: "failover without byChannel", body: fzMA(`{"channel":"RCS","sender":"A","destinations":[{"to":"919876543210"}],"content":{"body":{"type":"TEXT","text":"x"}},"failover":[{"channel":"SMS","sender":"S"}]}`)},
	{name: "template", body: fzMA(`{"channel":"RCS","sender":"A","destinations":[{"to":"919876543210"}],"template":{"templateName":"t"}}`)},
	{name: "no messages", body: `{"messages":[]}`},
	{name: "empty object", body: `{}`},
	{name: "wrong types", body: `{"messages":[{"channel":1,"destinations":"x","content":[]}]}`},
	{name: "truncated", body: `{"messages":[{"channel":"SMS","sender":"S","destinations":[{"to":"9198`},
}
