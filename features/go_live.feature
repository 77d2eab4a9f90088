@golive @rcs
Feature: The agent's go-live phase and RCS templates
  An agent goes live after a brief testing phase: until it is launched, only
  its test numbers receive its messages; other numbers fail with 7005
  EC_FORBIDDEN_ACCESS and get the SMS fallback when one was given. In India,
  PROVIDER_TEMPLATE messages use templates registered for the agent and
  approved by a provider; an unknown template or wrong parameters fail with
  EC7018, an unapproved template with 7009.

  Background:
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"

  @GL-LIVE-1 @control @numberplan
  Scenario: Before launch only the test numbers receive
    Given the agent "PilotBot" is in its testing phase with the test number "919999000701"
    And the launch status of agent "PilotBot" is "READY_FOR_TESTING"
    And an RCS text "Hello tester" from agent "PilotBot" to "919999000701"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-LIVE-1 @control @numberplan
  Scenario: Before launch another number fails with 7005
    Given the agent "PilotBot" is in its testing phase with the test number "919999000701"
    And an RCS text "Hello stranger" from agent "PilotBot" to "919999000702"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_FORBIDDEN_ACCESS"

  @GL-LIVE-1 @control @numberplan
  Scenario: Before launch another number gets the SMS fallback
    Given the agent "PilotBot" is in its testing phase with the test number "919999000701"
    And an RCS text "Hello stranger" from agent "PilotBot" to "919999000703"
    And an SMS fallback "Hello by SMS" from "DEMOSMS"
    When the integration sends it through the v1 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

  @GL-LIVE-1 @control @numberplan
  Scenario: A test number added through the API receives
    Given the agent "PilotBot" is in its testing phase with the test number "919999000701"
    And the integration adds the test number "+919999000704" to agent "PilotBot"
    And an RCS text "Hello new tester" from agent "PilotBot" to "919999000704"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-LIVE-2 @control @numberplan
  Scenario: Once launched every number receives
    Given the agent "PilotBot" is in its testing phase with the test number "919999000701"
    And the agent "PilotBot" is launched
    And the launch status of agent "PilotBot" is "LAUNCHED"
    And an RCS text "Hello everyone" from agent "PilotBot" to "919999000705"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-TPL-1 @control @clock @numberplan
  Scenario: A registered template is delivered once a provider approved it
    Given the integration registers the template "order_ready" for agent "DemoAgent" with the text "Order {{order}} is ready"
    And the template "order_ready" of agent "DemoAgent" is "PENDING"
    And 1 minute passes
    And the template "order_ready" of agent "DemoAgent" is "APPROVED"
    And an RCS template "order_ready" from agent "DemoAgent" to "919999000711" with the parameters:
      | name  | value |
      | order | 42    |
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-TPL-2 @control @numberplan
  Scenario: A template no provider approved fails with 7009
    Given the integration registers the template "not_yet" for agent "DemoAgent" with the text "Not reviewed yet"
    And the provider "JIO" marks the template "not_yet" of agent "DemoAgent" "REJECTED"
    And an RCS template "not_yet" from agent "DemoAgent" to "919999000712" without parameters
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_INVALID_TEMPLATE"

  @GL-TPL-2 @numberplan
  Scenario: An unknown template fails with EC7018
    Given an RCS template "never_registered" from agent "DemoAgent" to "919999000713" without parameters
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_INTERNAL_BAD_MAPPING"

  @GL-TPL-2 @numberplan
  Scenario: Wrong template parameters fail with EC7018
    Given an RCS template "welcome_1" from agent "DemoAgent" to "919999000714" with the parameters:
      | name | value |
      | city | Pune  |
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_INTERNAL_BAD_MAPPING"
