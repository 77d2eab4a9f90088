@rcs
Feature: Subscriber management
  A user who blocks the agent gets no further RCS; a user who opts back in is
  reachable again; a capability check tells which numbers have RCS.

  @GL-SUB-1 @inbound @dlr @control @numberplan
  Scenario: After STOP, later sends report the block and fall back where configured
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Weekly offers" from agent "DemoAgent" to "919999000601"
    When the integration sends it through the v2 API
    And the message is delivered
    And the user replies "STOP"
    And the integration sends another RCS text "More offers" from agent "DemoAgent" to "919999000601"
    Then a delivery report for that message arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_BLOCKED_USER"
    When the integration sends another RCS text "Offers by SMS" from agent "DemoAgent" to "919999000601" with an SMS fallback from "DEMOSMS"
    Then a delivery report for that message arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

  @GL-SUB-2 @inbound @dlr @control @numberplan
  Scenario: After START the user is reachable again
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Hello" from agent "DemoAgent" to "919999000602"
    When the integration sends it through the v2 API
    And the user replies "STOP"
    And the user replies "START"
    And the integration sends another RCS text "Welcome back" from agent "DemoAgent" to "919999000602"
    Then a delivery report for that message arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-SUB-3 @numberplan
  Scenario: A capability check reports which numbers can receive RCS
    Given an integration with its own API key
    When the integration checks the RCS capability of these numbers for agent "DemoAgent":
      | number       | capability                  |
      | 919999000603 | ENABLED                     |
      | 919999100603 | UNREACHABLE                 |
      | 919999300603 | REJECTED_NETWORK            |
      | 919999400603 | ENABLED                     |
      | 12345        | INVALID_DESTINATION_ADDRESS |
    Then each number has the capability listed
