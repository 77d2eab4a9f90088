@fallback @rcs @sms
Feature: SMS fallback
  An RCS message with an SMS failover falls back for every RCS failure
  reason, and only then.

  @GL-FB-1 @dlr @numberplan
  Scenario Outline: The fallback happens when <reason>
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And <content> from agent "DemoAgent" to "<number>"
    And a validity period of 1 hour
    And an SMS fallback "Fallback for <reason>" from "DEMOSMS"
    When the integration sends it through the v2 API
    And <time> pass
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

    Examples:
      | reason                               | content                   | number       | time      |
      | the device has no RCS                | an RCS text "Hi"          | 919999100401 | 0 seconds |
      | the carrier does not carry the agent | an RCS text "Hi"          | 919999300403 | 0 seconds |
      | the user blocked the agent           | an RCS text "Hi"          | 919999400404 | 0 seconds |
      | the device cannot show a card        | an RCS card titled "Sale" | 919999600405 | 0 seconds |

    @clock
    Examples:
      | reason                               | content                   | number       | time      |
      | the handset is offline past validity | an RCS text "Hi"          | 919999200402 | 1 hour    |

  @GL-FB-2 @dlr @numberplan
  Scenario: No fallback when the RCS message is delivered
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Delivered" from agent "DemoAgent" to "919999000406"
    And an SMS fallback "Not needed" from "DEMOSMS"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "RCS" and its sender is "DemoAgent"
    And exactly 1 delivery report arrived at "dlr"

  @GL-FB-2 @dlr @numberplan
  Scenario: No fallback exists when none was requested
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "No fallback" from agent "DemoAgent" to "919999100407"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_UNKNOWN_USER"
    And the report has no channel
    And exactly 1 delivery report arrived at "dlr"

  @GL-FB-1 @dlr @numberplan
  Scenario: A card falls back but a plain text is delivered on a device without rich support
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Plain" from agent "DemoAgent" to "919999600408"
    And an SMS fallback "Not needed" from "DEMOSMS"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "RCS" and its sender is "DemoAgent"

  @GL-FB-3 @dlr @numberplan
  Scenario: With triggered-failover reports the RCS step is reported before the SMS step
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Two steps" from agent "DemoAgent" to "919999100409"
    And an SMS fallback "Two steps (SMS)" from "DEMOSMS"
    And triggered failover reports are requested
    When the integration sends it through the v2 API
    Then the delivery reports for the message arrive at "dlr" in this order:
      | channel | status               | error           |
      | RCS     | PENDING_ENROUTE      | EC_UNKNOWN_USER |
      | SMS     | DELIVERED_TO_HANDSET | NO_ERROR        |

  @GL-FB-1 @dlr @numberplan
  Scenario Outline: The fallback SMS meets its own fate (S=<s>)
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Hi" from agent "DemoAgent" to "<number>"
    And an SMS fallback "Hi (SMS)" from "DEMOSMS"
    When the integration sends it through the v1 API
    Then a delivery report arrives at "dlr" with status "<status>" and error "<error>"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

    Examples:
      | s | number       | status                      | error                       |
      | 1 | 919999110410 | UNDELIVERABLE_NOT_DELIVERED | EC_ABSENT_SUBSCRIBER        |
      | 2 | 919999120411 | REJECTED_DND                | EC_DEST_ADDRESS_BLACKLISTED |
      | 5 | 919999150412 | UNDELIVERABLE_NOT_DELIVERED | EC_UNKNOWN_SUBSCRIBER       |
