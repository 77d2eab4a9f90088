package steps

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

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
		ep, err := target.Open(ctx)
		if err != nil {
			return ctx, err
		}
		w.ep = ep
		for _, t := range s.Tags {
			switch {
			case t.Name == "@control" && ep.Control == nil:
				return ctx, fmt.Errorf("needs the control plane, which %s does not have: %w", target.Name(), godog.ErrSkip)
			case t.Name == "@clock" && !ep.FakeClock:
				return ctx, fmt.Errorf("needs a fake clock, which %s does not have: %w", target.Name(), godog.ErrSkip)
			case t.Name == "@known-accounts" && !ep.KnownAccounts:
				return ctx, fmt.Errorf("needs a target that accepts only known keys (a real account, or a simulator started with --api-key): %w", godog.ErrSkip)
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

	// Set-up.
	sc.Step(`^an integration with its own API key$`, w.anIntegrationWithItsOwnAPIKey)
	sc.Step(`^an integration that signs in with (Basic|IBSSO|Bearer) credentials$`, w.anIntegrationThatSignsIn)
	sc.Step(`^its delivery report URL is the callback endpoint "([^"]*)"$`, w.deliveryReportURLIs)
	sc.Step(`^the account's default delivery report URL is the callback endpoint "([^"]*)"$`, w.accountDefaultURLIs)
	sc.Step(`^the callback endpoint "([^"]*)" refuses the first (\d+) requests? with HTTP (\d+)$`, w.endpointRefuses)
	sc.Step(`^the next (\d+) requests to "([^"]*)" are rate limited$`, w.nextRequestsRateLimited)

	// Drafting a message.
	sc.Step(`^an RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.anRCSText)
	sc.Step(`^an RCS text of (\d+) characters from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextOfLength)
	sc.Step(`^an RCS text with a (\d+)-character suggestion from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextWithLongSuggestion)
	sc.Step(`^an RCS text with (\d+) suggestions from agent "([^"]*)" to "([^"]*)"$`, w.anRCSTextWithSuggestions)
	sc.Step(`^an RCS carousel of (\d+) cards from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCarousel)
	sc.Step(`^an RCS card titled "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCard)
	sc.Step(`^an RCS card without title or media from agent "([^"]*)" to "([^"]*)"$`, w.anRCSCardWithoutTitleOrMedia)
	sc.Step(`^an SMS "([^"]*)" from "([^"]*)" to "([^"]*)"$`, w.anSMS)
	sc.Step(`^each card offers (\d+) suggestions$`, w.eachCardOffers)
	sc.Step(`^the message offers (\d+) suggestions$`, w.messageOffersN)
	sc.Step(`^the message offers the suggestions:$`, w.messageOffersTable)
	sc.Step(`^an SMS fallback "([^"]*)" from "([^"]*)"$`, w.anSMSFallback)
	sc.Step(`^callback data "([^"]*)"$`, w.callbackData)
	sc.Step(`^the client message id "([^"]*)"$`, w.clientMessageID)
	sc.Step(`^a validity period of (\d+) (hours?|minutes?|seconds?)$`, w.validityPeriod)
	sc.Step(`^triggered failover reports are requested$`, w.triggeredFailoverReports)
	sc.Step(`^intermediate reports are requested$`, w.intermediateReports)
	sc.Step(`^delivery reports are not wanted$`, w.reportsNotWanted)

	// Sending.
	sc.Step(`^the integration sends it through the (v1|v2|SMS v2|SMS v3) API$`, w.sendIt)
	sc.Step(`^the integration sends it through the (v1|v2) API with the Authorization header "([^"]*)"$`, w.sendItWithAuthorization)
	sc.Step(`^the integration sends the SMS "([^"]*)" from "([^"]*)" to "([^"]*)" through the (v2|v3) API$`, w.sendsSMS)
	sc.Step(`^the integration retries the SMS$`, w.retriesTheSMS)
	sc.Step(`^the integration sends another RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)"$`, w.sendsAnother)
	sc.Step(`^the integration sends another RCS text "([^"]*)" from agent "([^"]*)" to "([^"]*)" with an SMS fallback from "([^"]*)"$`, w.sendsAnotherWithFallback)
	sc.Step(`^the integration posts to "([^"]*)" the body:$`, w.postsBody)
	sc.Step(`^the integration posts a body of (\d+) MB to "([^"]*)"$`, w.postsHugeBody)

	// Time.
	sc.Step(`^(\d+) (seconds?|minutes?|hours?) pass(?:es)?$`, w.timePasses)
	sc.Step(`^the message is delivered$`, w.messageIsDelivered)
	sc.Step(`^the message is final$`, w.messageIsFinal)

	// Answers and reports.
	sc.Step(`^the send is accepted with status "([^"]*)"$`, w.sendIsAccepted)
	sc.Step(`^the request is refused with HTTP (\d+) in the (legacy|new) envelope as "([^"]*)"$`, w.requestRefused)
	sc.Step(`^the violation of "([^"]*)" is "([^"]*)"$`, w.violationIs)
	sc.Step(`^a delivery report (?:for that message )?arrives at "([^"]*)" with status "([^"]*)" and error "([^"]*)"$`, w.reportArrives)
	sc.Step(`^the report has no channel$`, w.reportHasNoChannel)
	sc.Step(`^the report's channel is "([^"]*)" and its sender is "([^"]*)"$`, w.reportChannelAndSender)
	sc.Step(`^the report's status group is "([^"]*)"$`, w.reportGroup)
	sc.Step(`^the report's messageId is "([^"]*)" and its callbackData is "([^"]*)"$`, w.reportIDs)
	sc.Step(`^the report body is:$`, w.reportBodyIs)
	sc.Step(`^no delivery report has arrived at "([^"]*)"$`, w.noReportArrived)
	sc.Step(`^exactly (\d+) delivery reports? arrived at "([^"]*)"$`, w.exactlyNReports)
	sc.Step(`^the delivery reports for the message arrive at "([^"]*)" in this order:$`, w.reportsInOrder)
	sc.Step(`^the callback endpoint "([^"]*)" has been called (\d+) times?$`, w.endpointCalled)
	sc.Step(`^the callback endpoint "([^"]*)" accepted exactly (\d+) reports?$`, w.endpointAccepted)
	sc.Step(`^the integration pulls (\d+|no) (RCS|SMS v2|SMS v3) delivery reports?(?: for the message)?$`, w.pullsN)

	// Accounts.
	sc.Step(`^the account has sent no message to "([^"]*)"$`, w.accountSentNothingTo)
	sc.Step(`^a second integration with its own API key sees no message to "([^"]*)"$`, w.secondIntegrationSeesNothing)
	sc.Step(`^the second integration pulls no RCS delivery report$`, w.secondIntegrationPullsNothing)

	// Inbound and subscribers.
	sc.Step(`^the sender "([^"]*)" forwards replies to the callback endpoint "([^"]*)" as (MO_OTT_MSISDN|MO_RCS_JSON)$`, w.forwardsReplies)
	sc.Step(`^the number "([^"]*)" forwards inbound SMS to the callback endpoint "([^"]*)"$`, w.forwardsInboundSMS)
	sc.Step(`^the user replies "([^"]*)"$`, w.userReplies)
	sc.Step(`^the user taps the suggestion with postback data "([^"]*)"$`, w.userTaps)
	sc.Step(`^the user cannot tap the suggestion with postback data "([^"]*)"$`, w.userCannotTap)
	sc.Step(`^the user shares the location ([-\d.]+), ([-\d.]+)$`, w.userSharesLocation)
	sc.Step(`^the user sends the file "([^"]*)" as "([^"]*)"$`, w.userSendsFile)
	sc.Step(`^the user "([^"]*)" texts "([^"]*)" to "([^"]*)"$`, w.userTexts)
	sc.Step(`^a reply arrives at "([^"]*)" paired with the message$`, w.replyArrives)
	sc.Step(`^the reply body is:$`, w.replyBodyIs)
	sc.Step(`^the reply's message is:$`, w.replyMessageIs)
	sc.Step(`^an inbound SMS arrives at "([^"]*)" with text "([^"]*)" from "([^"]*)"$`, w.inboundSMSArrives)
	sc.Step(`^the integration pulls (\d+) inbound SMS from the inbox$`, w.pullsInbox)
	sc.Step(`^the integration checks the RCS capability of these numbers for agent "([^"]*)":$`, w.checksCapability)
	sc.Step(`^each number has the capability listed$`, w.eachCapabilityAsListed)
	return w
}
