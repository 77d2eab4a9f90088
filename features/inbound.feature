@inbound @rcs
Feature: Inbound messages
  Users' replies reach the Inbound Message Callback URL, configured per RCS
  sender with the MO_OTT_MSISDN renderer, paired with the message they answer,
  in the body of Infobip's RCS inbound webhook (RcsInboundMessages).

  Background:
    Given an integration with its own API key
    And the sender "DemoAgent" forwards replies to the callback endpoint "mo" as MO_OTT_MSISDN

  @GL-MO-1 @control @numberplan
  Scenario: A user's reply reaches the callback URL paired with the message it answers
    Given an RCS text "Shall we confirm?" from agent "DemoAgent" to "919999000501"
    And callback data "journey-9"
    When the integration sends it through the v1 API
    And the user replies "Yes, confirm"
    Then a reply arrives at "mo" paired with the message
    And the reply body is:
      """
      {"results":[{
        "sender": "919999000501",
        "to": "DemoAgent",
        "integrationType": "RCS",
        "receivedAt": "<timestamp>",
        "interactionType": "BASIC_MESSAGE",
        "rcsCount": 1,
        "messageId": "<any>",
        "pairedMessageId": "<messageId>",
        "callbackData": "journey-9",
        "message": {"type": "TEXT", "text": "Yes, confirm"},
        "price": {"trafficType": "BASIC", "pricePerMessage": 0, "currency": "<any>"},
        "conversation": {"canInitiate": true, "id": null},
        "platform": {}
      }],
      "messageCount": 1,
      "pendingMessageCount": 0}
      """

  @GL-MO-1 @numberplan
  Scenario: A number that answers by itself replies YES after seeing the message
    Given an RCS text "Do you agree?" from agent "DemoAgent" to "919999500502"
    When the integration sends it through the v2 API
    And 5 seconds pass
    Then a reply arrives at "mo" paired with the message
    And the reply's message is:
      """
      {"type": "TEXT", "text": "YES"}
      """

  @GL-MO-2 @control @numberplan
  Scenario Outline: A <action> arrives with its fields
    Given an RCS text "Choose" from agent "DemoAgent" to "919999000503"
    And the message offers the suggestions:
      | type             | text           | postbackData |
      | REPLY            | Yes please     | opt-in       |
      | REQUEST_LOCATION | Share location | loc          |
    When the integration sends it through the v1 API
    And the user <does>
    Then a reply arrives at "mo" paired with the message
    And the reply's message is:
      """
      <message>
      """

    Examples:
      | action         | does                                                        | message                                                                                                   |
      | suggestion tap | taps the suggestion with postback data "opt-in"             | {"type": "SUGGESTION", "text": "Yes please", "postbackData": "opt-in"}                                    |
      | location       | shares the location 19.0760, 72.8777                        | {"type": "LOCATION", "latitude": 19.076, "longitude": 72.8777}                                            |
      | file           | sends the file "https://example.test/id-card.jpg" as "image/jpeg" | {"type": "FILE", "url": "https://example.test/id-card.jpg", "name": "id-card.jpg", "contentType": "image/jpeg", "size": 0} |

  @GL-MO-2 @control @numberplan
  Scenario: A tap on a suggestion the message did not offer is refused
    Given an RCS text "Choose" from agent "DemoAgent" to "919999000504"
    And the message offers the suggestions:
      | type  | text       | postbackData |
      | REPLY | Yes please | opt-in       |
    When the integration sends it through the v1 API
    Then the user cannot tap the suggestion with postback data "opt-out"

  @GL-MO-3 @sms @control
  Scenario: An inbound SMS arrives in the SMS inbound format
    Given the number "919800000505" forwards inbound SMS to the callback endpoint "sms-mo"
    When the user "919999000505" texts "QUIZ Paris" to "919800000505"
    Then an inbound SMS arrives at "sms-mo" with text "QUIZ Paris" from "919999000505"

  @GL-MO-3 @sms @control
  Scenario: Inbound SMS without forwarding wait for the inbox pull endpoint
    When the user "919999000506" texts "one" to "919800000506"
    And the user "919999000506" texts "two" to "919800000506"
    Then the integration pulls 2 inbound SMS from the inbox
    And the integration pulls 0 inbound SMS from the inbox
