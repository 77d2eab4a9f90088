package oaschema

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWebhookExamplesValidate checks the loader on the documents' own
// examples: every example of every webhook must pass its schema (with the
// Errata), so a failure in a simulator test is about the simulator's body.
func TestWebhookExamplesValidate(t *testing.T) {
	for _, name := range Documents {
		d, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		hooks, _ := d.raw["webhooks"].(map[string]any)
		for hook := range hooks {
			s, err := d.Webhook(hook)
			if err != nil {
				t.Errorf("%s %s: %v", name, hook, err)
				continue
			}
			media := d.lookup("/webhooks/" + escape(hook) + "/post/requestBody/content/application~1json")
			examples, _ := media["examples"].(map[string]any)
			for ex, v := range examples {
				val := v.(map[string]any)["value"]
				b, _ := json.Marshal(val)
				if err := Validate(s, b); err != nil {
					t.Errorf("%s %s example %q: %v", name, hook, ex, err)
				}
			}
		}
	}
}

// TestValidateRejects proves the validator fails what the schema forbids:
// the body the simulator used to send (the user in "from", no sender,
// interactionType, rcsCount, conversation or platform), a TEXT without text
// (only the expanded discriminator catches it) and a wrong type.
func TestValidateRejects(t *testing.T) {
	d, err := Load("rcs")
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Webhook("receive-inbound-rcs-messages")
	if err != nil {
		t.Fatal(err)
	}
	good := `{"sender":"91","to":"A","integrationType":"RCS","receivedAt":"2026-01-02T10:00:00.000+0000","interactionType":"BASIC_MESSAGE","rcsCount":1,"messageId":"m","message":{"type":"TEXT","text":"hi"},"price":{"trafficType":"BASIC","pricePerMessage":0,"currency":"INR"},"conversation":{"canInitiate":true,"id":null},"platform":{}}`
	wrap := func(r string) []byte {
		return []byte(`{"results":[` + r + `],"messageCount":1,"pendingMessageCount":0}`)
	}
	if err := Validate(s, wrap(good)); err != nil {
		t.Fatalf("a schema-conformant body fails: %v", err)
	}
	for name, c := range map[string]struct{ body, want string }{
		"old shape":       {`{"from":"91","to":"A","integrationType":"RCS","receivedAt":"2026-01-02T10:00:00.000+0000","messageId":"m","message":{"type":"TEXT","text":"hi"},"price":{"pricePerMessage":0,"currency":"INR"}}`, "sender"},
		"TEXT no text":    {strings.Replace(good, `"text":"hi"`, `"txt":"hi"`, 1), "text"},
		"rcsCount string": {strings.Replace(good, `"rcsCount":1`, `"rcsCount":"1"`, 1), "rcsCount"},
		"unknown enum":    {strings.Replace(good, `"BASIC_MESSAGE"`, `"EVENT"`, 1), "interactionType"},
	} {
		err := Validate(s, wrap(c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want an error naming %s, got %v", name, c.want, err)
		}
	}
}

// TestResponseLookup resolves concrete paths to their templates and status.
func TestResponseLookup(t *testing.T) {
	d, err := Load("rcs")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := d.Operation("GET", "/rcs/1/senders/DemoAgent/templates/welcome")
	if err != nil || tmpl != "/rcs/1/senders/{sender}/templates/{templateName}" {
		t.Fatalf("template %q %v", tmpl, err)
	}
	if _, err := d.Response("POST", "/rcs/2/messages", 200); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Response("POST", "/rcs/2/messages", 400); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Operation("GET", "/rcs/9/nothing"); err == nil {
		t.Fatal("an undocumented path resolved")
	}
}
