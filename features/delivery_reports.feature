@dlr
Feature: Delivery reports
  Every outcome reaches the delivery report URL in Infobip's exact body, or
  waits to be pulled; a callback endpoint that is down gets its reports later.

  @GL-DLR-1 @rcs @numberplan
  Scenario Outline: The <outcome> outcome reaches the delivery report URL
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Outcome check" from agent "DemoAgent" to "<number>"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "<status>" and error "<error>"
    And the report's status group is "<group>"

    Examples:
      | outcome       | number       | status                          | error               | group         |
      | delivered     | 919999000301 | DELIVERED_TO_HANDSET            | NO_ERROR            | DELIVERED     |
      | undeliverable | 919999100301 | UNDELIVERABLE_REJECTED_OPERATOR | EC_UNKNOWN_USER     | UNDELIVERABLE |
      | carrier block | 919999300301 | UNDELIVERABLE_REJECTED_OPERATOR | EC_FORBIDDEN_ACCESS | UNDELIVERABLE |
      | blocked agent | 919999400301 | UNDELIVERABLE_REJECTED_OPERATOR | EC_BLOCKED_USER     | UNDELIVERABLE |

  @GL-DLR-1 @sms @numberplan
  Scenario Outline: The SMS <outcome> outcome reaches the delivery report URL
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    When the integration sends the SMS "Outcome check" from "DEMOSMS" to "<number>" through the v3 API
    Then a delivery report arrives at "dlr" with status "<status>" and error "<error>"
    And the report's status group is "<group>"

    Examples:
      | outcome            | number       | status                      | error                       | group         |
      | delivered          | 919999000302 | DELIVERED_TO_HANDSET        | NO_ERROR                    | DELIVERED     |
      | handset absent     | 919999010302 | UNDELIVERABLE_NOT_DELIVERED | EC_ABSENT_SUBSCRIBER        | UNDELIVERABLE |
      | rejected (DND)     | 919999020302 | REJECTED_DND                | EC_DEST_ADDRESS_BLACKLISTED | REJECTED      |
      | unknown subscriber | 919999050302 | UNDELIVERABLE_NOT_DELIVERED | EC_UNKNOWN_SUBSCRIBER       | UNDELIVERABLE |

  @GL-DLR-1 @rcs @clock @numberplan
  Scenario: An offline handset's message expires when its validity period ends
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Offline" from agent "DemoAgent" to "919999200303"
    And a validity period of 2 hours
    When the integration sends it through the v2 API
    And 1 hour passes
    Then no delivery report has arrived at "dlr"
    When 1 hour passes
    Then a delivery report arrives at "dlr" with status "EXPIRED_EXPIRED" and error "EC_VALIDITY_EXPIRED"

  @GL-DLR-1 @sms @numberplan
  Scenario: A slow SMS reports the pending step first when intermediate reports are asked for
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And intermediate reports are requested
    When the integration sends the SMS "Slow" from "DEMOSMS" to "919999040304" through the v3 API
    Then the delivery reports for the message arrive at "dlr" in this order:
      | channel | status                | error    |
      |         | DELIVERED_TO_OPERATOR | NO_ERROR |
      |         | DELIVERED_TO_HANDSET  | NO_ERROR |

  @GL-DLR-1 @rcs @numberplan
  Scenario: The RCS delivery report has Infobip's exact shape
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Shape" from agent "DemoAgent" to "919999000305"
    And callback data "shape-check"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report body is:
      """
      {"results":[{
        "bulkId": "<any>",
        "messageId": "<messageId>",
        "to": "919999000305",
        "sender": "DemoAgent",
        "sentAt": "<timestamp>",
        "doneAt": "<timestamp>",
        "messageCount": 1,
        "mccMnc": "<any>",
        "callbackData": "shape-check",
        "interactionType": "BASIC_MESSAGE",
        "price": {"trafficType": "BASIC", "pricePerMessage": "<any>", "currency": "<any>"},
        "status": {"groupId": 3, "groupName": "DELIVERED", "id": 5, "name": "DELIVERED_TO_HANDSET", "description": "Message delivered to handset"},
        "error": {"groupId": 0, "groupName": "OK", "id": 0, "name": "NO_ERROR", "description": "No error", "permanent": false}
      }]}
      """

  @GL-DLR-2 @rcs @control @numberplan
  Scenario: A per-message URL overrides the account's default
    Given an integration with its own API key
    And the account's default delivery report URL is the callback endpoint "default"
    And its delivery report URL is the callback endpoint "own"
    And an RCS text "Override" from agent "DemoAgent" to "919999000306"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "own" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And no delivery report has arrived at "default"

  @GL-DLR-2 @rcs @control @numberplan
  Scenario: Without a URL of its own a message reports to the account's default
    Given an integration with its own API key
    And the account's default delivery report URL is the callback endpoint "default"
    And an RCS text "Default" from agent "DemoAgent" to "919999000307"
    When the integration sends it through the v2 API
    Then a delivery report arrives at "default" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"

  @GL-DLR-2 @rcs @control @numberplan
  Scenario: notify=false suppresses the report
    Given an integration with its own API key
    And the account's default delivery report URL is the callback endpoint "default"
    And an RCS text "Quiet" from agent "DemoAgent" to "919999000308"
    And delivery reports are not wanted
    When the integration sends it through the v2 API
    And the message is delivered
    Then no delivery report has arrived at "default"

  @GL-DLR-3 @rcs @sms @numberplan
  Scenario Outline: The <api> pull endpoint returns each report once
    Given an integration with its own API key
    And <message> to "<number>"
    When the integration sends it through the <api> API
    And the message is final
    Then the integration pulls 1 <kind> delivery report for the message
    And the integration pulls no <kind> delivery report

    Examples:
      | api    | message                                   | number       | kind   |
      | v2     | an RCS text "Pull me" from agent "DemoAgent" | 919999000309 | RCS    |
      | SMS v2 | an SMS "Pull me" from "DEMOSMS"           | 919999000310 | SMS v2 |
      | SMS v3 | an SMS "Pull me" from "DEMOSMS"           | 919999000311 | SMS v3 |

  @GL-DLR-4 @rcs @clock @numberplan
  Scenario: An unavailable callback endpoint gets the report on the retry schedule
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "flaky"
    And the callback endpoint "flaky" refuses the first 2 requests with HTTP 503
    And an RCS text "Retry me" from agent "DemoAgent" to "919999000312"
    When the integration sends it through the v2 API
    And 1 second passes
    Then the callback endpoint "flaky" has been called 1 time
    When 2 minutes pass
    Then the callback endpoint "flaky" has been called 2 times
    When 5 minutes pass
    Then a delivery report arrives at "flaky" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the callback endpoint "flaky" accepted exactly 1 report

  @GL-DLR-5 @rcs @sms @fallback @numberplan
  Scenario Outline: callbackData and the client's messageId come back unchanged (<api> API)
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Echo" from agent "DemoAgent" to "919999100313"
    And an SMS fallback "Echo (SMS)" from "DEMOSMS"
    And callback data "crm:contact=42;campaign=spring"
    And the client message id "client-<api>-313"
    When the integration sends it through the <api> API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's messageId is "client-<api>-313" and its callbackData is "crm:contact=42;campaign=spring"

    Examples:
      | api |
      | v1  |
      | v2  |
