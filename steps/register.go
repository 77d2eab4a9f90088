package steps

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/cucumber/godog"
)

// Register adds the step vocabulary to a scenario, on a fresh World for that
// scenario: its own endpoint (account) from target and its own namespace on
// the sink. Scenarios tagged @control or @clock are skipped, with the reason,
// when the target has no control plane or no fake clock.
func Register(sc *godog.ScenarioContext, target Target, sink *Sink) *World {
	w := newWorld(target, sink)
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		w.ns = hex.EncodeToString(b)
		w.skipped, w.skipReason = false, ""
		ep, err := target.Open(ctx)
		if err != nil {
			return ctx, err
		}
		w.ep = ep
		for _, t := range s.Tags {
			switch {
			case t.Name == "@control" && ep.Control == nil:
				return ctx, w.skip("needs the control plane, which %s does not have", ep.BaseURL)
			case t.Name == "@clock" && !ep.FakeClock:
				return ctx, w.skip("needs a fake clock, which %s does not have", ep.BaseURL)
			case t.Name == "@numberplan" && ep.RealAccount:
				return ctx, w.skip("relies on the simulator's test number plan, which a real account does not have")
			case t.Name == "@known-accounts" && !ep.KnownAccounts:
				return ctx, w.skip("needs a target that accepts only known keys (a real account, or a simulator started with --api-key)")
			}
		}
		return ctx, nil
	})
	sc.After(func(ctx context.Context, _ *godog.Scenario, _ error) (context.Context, error) {
		if w.ep != nil {
			w.ep.Close()
		}
		return ctx, nil
	})

	for _, d := range w.definitions() {
		sc.Step(d.pattern, d.fn)
	}
	return w
}

// definition is one step of the vocabulary.
type definition struct {
	pattern string
	fn      any
}

// definitions is the step vocabulary, bound to w.
func (w *World) definitions() []definition {
	return append([]definition{
		// Set-up.
		{`^an integration with its own API key$`, w.anIntegrationWithItsOwnAPIKey},
		{`^an integration that signs in with (Basic|IBSSO|Bearer) credentials$`, w.anIntegrationThatSignsIn},
		{`^its delivery report URL is the callback endpoint "([^"]*)"$`, w.deliveryReportURLIs},
		{`^the account's default delivery report URL is the callback endpoint "([^"]*)"$`, w.accountDefaultURLIs},
		{`^the callback endpoint "([^"]*)" refuses the first (\d+) requests? with HTTP (\d+)$`, w.endpointRefuses},
		{`^the next (\d+) requests to "([^"]*)" are rate limited$`, w.nextRequestsRateLimited},

		// Drafting a message.
		{`^an RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.anRCSText},
		{`^an RCS text of (\d+) characters from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextOfLength},
		{`^an RCS text with a (\d+)-character suggestion from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextWithLongSuggestion},
		{`^an RCS text with (\d+) suggestions from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextWithSuggestions},
		{`^an RCS carousel of (\d+) cards from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCarousel},
		{`^an RCS card titled "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCard},
		{`^an RCS card without title or media from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCardWithoutTitleOrMedia},
		{`^an SMS "([^"]*)" from "([^"]*)" to "([^"]*)"$`, w.anSMS},
		{`^each card offers (\d+) suggestions$`, w.eachCardOffers},
		{`^the message offers (\d+) suggestions$`, w.messageOffersN},
		{`^the message offers the suggestions:$`, w.messageOffersTable},
		{`^an SMS fallback "([^"]*)" from "([^"]*)"$`, w.anSMSFallback},
		{`^callback data "([^"]*)"$`, w.callbackData},
		{`^the client message id "([^"]*)"$`, w.clientMessageID},
		{`^a validity period of (\d+) (hours?|minutes?|seconds?)$`, w.validityPeriod},
		{`^triggered failover reports are requested$`, w.triggeredFailoverReports},
		{`^intermediate reports are requested$`, w.intermediateReports},
		{`^delivery reports are not wanted$`, w.reportsNotWanted},

		// Sending.
		{`^the integration sends it through the (v1|v2|SMS v2|SMS v3) API$`, w.sendIt},
		{`^the integration sends it through the (v1|v2) API with the Authorization header "([^"]*)"$`, w.sendItWithAuthorization},
		{`^the integration sends the SMS "([^"]*)" from "([^"]*)" to "([^"]*)" through the (v2|v3) API$`, w.sendsSMS},
		{`^the integration retries the SMS$`, w.retriesTheSMS},
		{`^the integration sends another RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.sendsAnother},
		{`^the integration sends another RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)" with an SMS fallback from "([^"]*)"$`, w.sendsAnotherWithFallback},
		{`^the integration posts to "([^"]*)" the body:$`, w.postsBody},
		{`^the integration posts a body of (\d+) MB to "([^"]*)"$`, w.postsHugeBody},

		// Time.
		{`^(\d+) (seconds?|minutes?|hours?) pass(?:es)?$`, w.timePasses},
		{`^the message is delivered$`, w.messageIsDelivered},
		{`^the message is final$`, w.messageIsFinal},

		// Answers and reports.
		{`^the send is accepted with status "([^"]*)"$`, w.sendIsAccepted},
		{`^the request is refused with HTTP (\d+) in the (legacy|new) envelope as "([^"]*)"$`, w.requestRefused},
		{`^the violation of "([^"]*)" is "([^"]*)"$`, w.violationIs},
		{`^a delivery report (?:for that message )?arrives at "([^"]*)" with status "([^"]*)" and error "([^"]*)"$`, w.reportArrives},
		{`^the report has no channel$`, w.reportHasNoChannel},
		{`^the report's channel is "([^"]*)" and its sender is "([^"]*)"$`, w.reportChannelAndSender},
		{`^the report's status group is "([^"]*)"$`, w.reportGroup},
		{`^the report's messageId is "([^"]*)" and its callbackData is "([^"]*)"$`, w.reportIDs},
		{`^the report body is:$`, w.reportBodyIs},
		{`^no delivery report has arrived at "([^"]*)"$`, w.noReportArrived},
		{`^exactly (\d+) delivery reports? arrived at "([^"]*)"$`, w.exactlyNReports},
		{`^the delivery reports for the message arrive at "([^"]*)" in this order:$`, w.reportsInOrder},
		{`^the callback endpoint "([^"]*)" has been called (\d+) times?$`, w.endpointCalled},
		{`^the callback endpoint "([^"]*)" accepted exactly (\d+) reports?$`, w.endpointAccepted},
		{`^the integration pulls (\d+|no) (RCS|SMS v2|SMS v3) delivery reports?(?: for the message)?$`, w.pullsN},

		// Accounts.
		{`^the account has sent no message to "([^"]*)"$`, w.accountSentNothingTo},
		{`^a second integration with its own API key sees no message to "([^"]*)"$`, w.secondIntegrationSeesNothing},
		{`^the second integration pulls no RCS delivery report$`, w.secondIntegrationPullsNothing},

		// Inbound and subscribers.
		{`^the sender "([^"]*)" forwards replies to the callback endpoint "([^"]*)" as (MO_OTT_MSISDN|MO_RCS_JSON)$`, w.forwardsReplies},
		{`^the number "([^"]*)" forwards inbound SMS to the callback endpoint "([^"]*)"$`, w.forwardsInboundSMS},
		{`^the user replies "([^"]*)"$`, w.userReplies},
		{`^the user taps the suggestion with postback data "([^"]*)"$`, w.userTaps},
		{`^the user cannot tap the suggestion with postback data "([^"]*)"$`, w.userCannotTap},
		{`^the user shares the location ([-\d.]+), ([-\d.]+)$`, w.userSharesLocation},
		{`^the user sends the file "([^"]*)" as "([^"]*)"$`, w.userSendsFile},
		{`^the user "([^"]*)" texts "([^"]*)" to "([^"]*)"$`, w.userTexts},
		{`^a reply arrives at "([^"]*)" paired with the message$`, w.replyArrives},
		{`^the reply body is:$`, w.replyBodyIs},
		{`^the reply's message is:$`, w.replyMessageIs},
		{`^an inbound SMS arrives at "([^"]*)" with text "([^"]*)" from "([^"]*)"$`, w.inboundSMSArrives},
		{`^the integration pulls (\d+) inbound SMS from the inbox$`, w.pullsInbox},
		{`^the integration checks the RCS capability of these numbers for agent "([^"]*)":$`, w.checksCapability},
		{`^each number has the capability listed$`, w.eachCapabilityAsListed},

		// The Messages API (steps/messagesapi.go).
		{`^the integration sends it through the Messages API$`, w.sendMessagesAPI},
		{`^the integration validates it with the Messages API$`, w.validateMessagesAPI},
		{`^the validation answers HTTP (\d+) with (\d+) violations?$`, w.validationAnswers},
		{`^the integration pulls (\d+|no) Messages API delivery reports?(?: for the message)?$`, w.pullsMessagesAPI},
		{`^the report's event is "([^"]*)"$`, w.reportEventIs},
		{`^the (?:sender|number) "([^"]*)" forwards (RCS|SMS) messages to the callback endpoint "([^"]*)" as MO_MESSAGES_API_JSON$`, w.forwardsMessagesAPI},
		{`^an MO event arrives at "([^"]*)" from "([^"]*)" to "([^"]*)"$`, w.moEventArrives},
		{`^the MO event's content is:$`, w.moContentIs},

		// India DLT and click tracking.
		{`^the account's DLT scrubbing is (strict|lenient|off)$`, w.dltScrubbingIs},
		{`^the fallback is enabled for India with principal entity "([^"]*)" and template "([^"]*)"$`, w.fallbackForIndia},
		{`^the fallback sent carries principal entity "([^"]*)" and template "([^"]*)"$`, w.fallbackCarries},
		{`^its click tracking URL is the callback endpoint "([^"]*)"$`, w.clickTrackingURLIs},
		{`^provider click tracking is on(?: with the custom domain "([^"]*)")?$`, w.clickTrackingOn},
		{`^the account's custom domain "([^"]*)" is (verified|not verified)$`, w.customDomainIs},
		{`^the message sent has a short link(?: on "([^"]*)")? instead of "([^"]*)"$`, w.sentHasShortLink},
		{`^the user opens the short link$`, w.userOpensShortLink},
		{`^it redirects to "([^"]*)"$`, w.itRedirectsTo},
		{`^a CLICKED notification arrives at "([^"]*)" for "([^"]*)"$`, w.clickedArrives},
		{`^the message is flagged for double wrapping$`, w.flaggedForDoubleWrapping},
	}, w.goLiveDefinitions()...)
}
