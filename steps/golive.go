package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// ---- the agent's go-live phase

func (w *World) agentInTesting(ctx context.Context, sender, number string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetSenderPhase(ctx, sender, "testing", []string{number})
}

func (w *World) agentLaunched(ctx context.Context, sender string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetSenderPhase(ctx, sender, "launched", nil)
}

// addsTestNumber uses the documented endpoint, which a real account has too.
func (w *World) addsTestNumber(ctx context.Context, number, sender string) error {
	body, _ := json.Marshal(map[string]any{"testNumber": number})
	if err := w.call(ctx, http.MethodPost, "/rcs/1/senders/"+sender+"/test-numbers", body, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusAccepted {
		return fmt.Errorf("adding the test number answered HTTP %d %s, want 202", w.lastStatus, w.lastResp)
	}
	return nil
}

func (w *World) agentLaunchStatusIs(ctx context.Context, sender, status string) error {
	if err := w.call(ctx, http.MethodGet, "/rcs/1/senders/"+sender+"/launch-status", nil, nil); err != nil {
		return err
	}
	var v struct {
		SenderStatus string `json:"senderStatus"`
	}
	if err := json.Unmarshal(w.lastResp, &v); err != nil || w.lastStatus != http.StatusOK {
		return fmt.Errorf("launch status answered HTTP %d %s", w.lastStatus, w.lastResp)
	}
	if v.SenderStatus != status {
		return fmt.Errorf("sender status %q, want %q", v.SenderStatus, status)
	}
	return nil
}

// ---- RCS templates

func (w *World) anRCSTemplate(name, from, to string, table *godog.Table) error {
	var params []any
	if table != nil {
		for i, row := range table.Rows {
			if i == 0 {
				continue // header: name | value
			}
			if len(row.Cells) != 2 {
				return fmt.Errorf("parameter rows have a name and a value")
			}
			params = append(params, map[string]any{"name": row.Cells[0].Value, "value": row.Cells[1].Value})
		}
	}
	c := map[string]any{"type": "PROVIDER_TEMPLATE", "templateId": name}
	if params != nil {
		c["parameters"] = params
	}
	w.rcsDraft(from, to, c)
	return nil
}

func (w *World) anRCSTemplateWithoutParameters(name, from, to string) error {
	return w.anRCSTemplate(name, from, to, nil)
}

func (w *World) registersTemplate(ctx context.Context, name, sender, text string) error {
	body, _ := json.Marshal(map[string]any{"templateName": name, "providers": []string{"JIO"},
		"content": map[string]any{"type": "TEXT", "text": text}})
	if err := w.call(ctx, http.MethodPost, "/rcs/1/senders/"+sender+"/templates", body, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("creating the template answered HTTP %d %s", w.lastStatus, w.lastResp)
	}
	return nil
}

func (w *World) templateStatusIs(ctx context.Context, name, sender, status string) error {
	if err := w.call(ctx, http.MethodGet, "/rcs/1/senders/"+sender+"/templates/"+name+"/status", nil, nil); err != nil {
		return err
	}
	var v struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(w.lastResp, &v); err != nil || w.lastStatus != http.StatusOK {
		return fmt.Errorf("template status answered HTTP %d %s", w.lastStatus, w.lastResp)
	}
	if v.Status != status {
		return fmt.Errorf("template %s is %s, want %s", name, v.Status, status)
	}
	return nil
}

func (w *World) providerDecides(ctx context.Context, provider, name, sender, status string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetTemplateStatus(ctx, sender, name, provider, status)
}

func (w *World) goLiveDefinitions() []definition {
	return []definition{
		{`^the agent "([^"]*)" is in its testing phase with the test number "([^"]*)"$`, w.agentInTesting},
		{`^the agent "([^"]*)" is launched$`, w.agentLaunched},
		{`^the integration adds the test number "([^"]*)" to agent "([^"]*)"$`, w.addsTestNumber},
		{`^the launch status of agent "([^"]*)" is "([^"]*)"$`, w.agentLaunchStatusIs},
		{`^an RCS template "([^"]*)" from agent "([^"]*)" to "([^"]*)" with the parameters:$`, w.anRCSTemplate},
		{`^an RCS template "([^"]*)" from agent "([^"]*)" to "([^"]*)" without parameters$`, w.anRCSTemplateWithoutParameters},
		{`^the integration registers the template "([^"]*)" for agent "([^"]*)" with the text "([^"]*)"$`, w.registersTemplate},
		{`^the template "([^"]*)" of agent "([^"]*)" is "([^"]*)"$`, w.templateStatusIs},
		{`^the provider "([^"]*)" marks the template "([^"]*)" of agent "([^"]*)" "([^"]*)"$`, w.providerDecides},
	}
}
