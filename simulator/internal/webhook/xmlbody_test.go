package webhook

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRenderXML(t *testing.T) {
	items := []Item{{Result: json.RawMessage(`{"messageId":"m<1>","count":2,"ok":false,"price":{"pricePerMessage":0.1},"id":null,"tags":[{"a":"x"}]}`)}}
	b, err := renderXML("DeliveryReports", items)
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<DeliveryReports><results><result><messageId>m&lt;1&gt;</messageId><count>2</count><ok>false</ok>` +
		`<price><pricePerMessage>0.1</pricePerMessage></price><id/><tags><tag><a>x</a></tag></tags></result></results></DeliveryReports>`
	if got := string(b); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := renderXML("R", []Item{{Result: json.RawMessage(`{"a":`)}}); err == nil || !strings.Contains(err.Error(), "xml report") {
		t.Fatalf("truncated JSON: %v", err)
	}
}
