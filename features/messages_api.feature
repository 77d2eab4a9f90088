@messagesapi
Feature: Messages API
  The same go-live checks through Infobip's Messages API (/messages-api/1/...):
  RCS and SMS sends, RCS failing over to SMS as the failover list says, reports
  in the Messages API's shape, and inbound messages as MO_MESSAGES_API_JSON.

  @GL-MA-1 @rcs
  Scenario: An RCS text with buttons is accepted through the Messages API
    Given an integration with its own API key
    And an RCS text "Track your order" from agent "DemoAgent" to "919999000801"
    And the message offers 3 suggestions
    When the integration sends it through the Messages API
    Then the send is accepted with status "PENDING_ACCEPTED"

  @GL-MA-1 @sms
  Scenario: An SMS is accepted through the Messages API
    Given an integration with its own API key
    And an SMS "Your OTP is 4821" from "DEMOSMS" to "919999000802"
    When the integration sends it through the Messages API
    Then the send is accepted with status "PENDING_ACCEPTED"

  @GL-MA-1 @rcs
  Scenario: A Messages API send with too many buttons is refused, the property named
    Given an integration with its own API key
    And an RCS text with 12 suggestions from agent "DemoAgent" to "919999000803"
    When the integration sends it through the Messages API
    Then the request is refused with HTTP 400 in the new envelope as "E400"
    And the violation of "messages[0].content.buttons" is "size must be between 0 and 11"

  @GL-MA-1 @rcs
  Scenario: The Messages API validates a request without sending it
    Given an integration with its own API key
    And an RCS text "Hello" from agent "DemoAgent" to "919999000804"
    When the integration validates it with the Messages API
    Then the validation answers HTTP 200 with 0 violations
    Given an RCS text with a 26-character suggestion from agent "DemoAgent" to "919999000804"
    When the integration validates it with the Messages API
    Then the validation answers HTTP 400 with 1 violation
    And the violation of "messages[0].content.buttons[0].text" is "size must be between 1 and 25"

  @GL-MA-2 @GL-MA-3 @rcs @sms @fallback @dlr @numberplan
  Scenario: A number without RCS gets the SMS failover through the Messages API
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Your order shipped" from agent "DemoAgent" to "919999100805"
    And an SMS fallback "Your order shipped (SMS)" from "DEMOSMS"
    And callback data "order-42"
    And the client message id "ma-order-42"
    When the integration sends it through the Messages API
    Then the send is accepted with status "PENDING_ACCEPTED"
    And a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's event is "DELIVERY"
    And the report's channel is "SMS" and its sender is "DEMOSMS"
    And the report's messageId is "ma-order-42" and its callbackData is "order-42"

  @GL-MA-2 @rcs @sms @fallback @dlr @numberplan
  Scenario: Triggered-failover reports arrive RCS step first through the Messages API
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Hi" from agent "DemoAgent" to "919999100806"
    And an SMS fallback "Hi by SMS" from "DEMOSMS"
    And triggered failover reports are requested
    When the integration sends it through the Messages API
    Then the delivery reports for the message arrive at "dlr" in this order:
      | channel | status               | error           |
      | RCS     | PENDING_ENROUTE      | EC_UNKNOWN_USER |
      | SMS     | DELIVERED_TO_HANDSET | NO_ERROR        |

  @GL-MA-2 @dlt @dlr @control @numberplan
  Scenario Outline: The SMS leg of a Messages API failover is scrubbed with the message's DLT ids (<case>)
    Given an integration with its own API key
    And the account's DLT scrubbing is strict
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "<text>" from agent "DemoAgent" to "<number>"
    And an SMS fallback "<text>" from "DEMOSMS"
    And the fallback is enabled for India with principal entity "1101234567890123456" and template "1107161234567890123"
    When the integration sends it through the Messages API
    Then a delivery report arrives at "dlr" with status "<status>" and error "<error>"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

    Examples:
      | case                   | number       | text                                            | status                          | error                   |
      | the template matches   | 919999100807 | Your OTP is 4821. Do not share it with anyone. | DELIVERED_TO_HANDSET            | NO_ERROR                |
      | the text does not match | 919999100808 | Your OTP: 4821                                 | UNDELIVERABLE_REJECTED_OPERATOR | EC_TEMPLATE_NOT_MATCHED |

  @GL-MA-3 @sms @dlr @numberplan
  Scenario: Without a report URL the report waits for GET /messages-api/1/reports, once
    Given an integration with its own API key
    And an SMS "Pull me" from "DEMOSMS" to "919999000809"
    When the integration sends it through the Messages API
    And the message is final
    Then the integration pulls 1 Messages API delivery report for the message
    And the report's event is "DELIVERY"
    And the report's channel is "SMS" and its sender is "DEMOSMS"
    And the integration pulls no Messages API delivery reports for the message

  @GL-MA-4 @inbound @rcs @control @numberplan
  Scenario: An RCS reply arrives as MO_MESSAGES_API_JSON, paired, and a button tap with its payload
    Given an integration with its own API key
    And the sender "DemoAgent" forwards RCS messages to the callback endpoint "mo" as MO_MESSAGES_API_JSON
    And an RCS text "Shall we confirm?" from agent "DemoAgent" to "919999000810"
    And the message offers the suggestions:
      | type  | text | postbackData |
      | REPLY | Yes  | confirm-yes  |
    When the integration sends it through the Messages API
    And the user replies "Sounds good"
    Then an MO event arrives at "mo" from "919999000810" to "DemoAgent"
    And the MO event's content is:
      """
      [{"type": "TEXT", "text": "Sounds good", "cleanText": "Sounds good"}]
      """
    When the user taps the suggestion with postback data "confirm-yes"
    Then an MO event arrives at "mo" from "919999000810" to "DemoAgent"
    And the MO event's content is:
      """
      [{"type": "BUTTON_REPLY", "text": "Yes", "payload": "confirm-yes"}]
      """

  @GL-MA-4 @inbound @sms @control
  Scenario: An inbound SMS arrives as MO_MESSAGES_API_JSON
    Given an integration with its own API key
    And the number "919800000811" forwards SMS messages to the callback endpoint "mo-sms" as MO_MESSAGES_API_JSON
    When the user "919999000811" texts "Hello" to "919800000811"
    Then an MO event arrives at "mo-sms" from "919999000811" to "919800000811"
    And the MO event's content is:
      """
      [{"type": "TEXT", "text": "Hello", "cleanText": "Hello"}]
      """

  @GL-MA-4 @inbound @rcs @sms @fallback @dlr @control @numberplan
  Scenario: After a STOP through MO_MESSAGES_API_JSON, the next Messages API send falls over to SMS
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And the sender "DemoAgent" forwards RCS messages to the callback endpoint "mo" as MO_MESSAGES_API_JSON
    And an RCS text "Weekly offers" from agent "DemoAgent" to "919999000812"
    When the integration sends it through the Messages API
    And the user replies "STOP"
    Then an MO event arrives at "mo" from "919999000812" to "DemoAgent"
    Given an RCS text "More offers" from agent "DemoAgent" to "919999000812"
    And an SMS fallback "More offers by SMS" from "DEMOSMS"
    When the integration sends it through the Messages API
    Then a delivery report for that message arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"
