@send
Feature: Send Test
  The dashboard's Send Test dialog: a number, an RCS message, an SMS fallback.
  Each check is what a person signing off the go-live looks for.

  @GL-SEND-1 @rcs @dlr @numberplan
  Scenario Outline: An RCS text to an RCS-capable number is delivered (<api> API)
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Welcome to RCS" from agent "DemoAgent" to "919999000201"
    When the integration sends it through the <api> API
    Then the send is accepted with status "<pending>"
    And a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report has no channel

    Examples:
      | api | pending          |
      | v1  | PENDING_ENROUTE  |
      | v2  | PENDING_ACCEPTED |

  @GL-SEND-2 @rcs @sms @fallback @dlr @numberplan
  Scenario Outline: A number without RCS gets the SMS fallback (<api> API)
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Your OTP is 1234" from agent "DemoAgent" to "919999100201"
    And an SMS fallback "Your OTP is 1234 (SMS)" from "DEMOSMS"
    When the integration sends it through the <api> API
    Then the send is accepted with status "<pending>"
    And a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

    Examples:
      | api | pending          |
      | v1  | PENDING_ENROUTE  |
      | v2  | PENDING_ACCEPTED |

  @GL-SEND-4 @rcs
  Scenario: Rich content within Infobip's limits is accepted
    Given an integration with its own API key
    And an RCS carousel of 10 cards from agent "DemoAgent" to "919999000202"
    And each card offers 4 suggestions
    And the message offers 11 suggestions
    When the integration sends it through the v2 API
    Then the send is accepted with status "PENDING_ACCEPTED"

  @GL-SEND-4 @rcs
  Scenario Outline: Rich content beyond Infobip's limits is refused with the exact violation (<case>)
    Given an integration with its own API key
    And <content> from agent "DemoAgent" to "919999000203"
    When the integration sends it through the <api> API
    Then the request is refused with HTTP 400 in the <envelope> envelope as "<code>"
    And the violation of "<property>" is "<violation>"

    Examples:
      | case                     | content                          | api | envelope | code        | property                              | violation                       |
      | v1 text too long         | an RCS text of 1001 characters   | v1  | legacy   | BAD_REQUEST | content.text                          | size must be between 1 and 1000 |
      | v2 text too long         | an RCS text of 3073 characters   | v2  | new      | E400        | messages[0].content.text              | size must be between 0 and 3072 |
      | carousel of one card     | an RCS carousel of 1 cards       | v2  | new      | E400        | messages[0].content.contents          | size must be between 2 and 10   |
      | carousel of eleven cards | an RCS carousel of 11 cards      | v1  | legacy   | BAD_REQUEST | content.contents                      | size must be between 2 and 10   |
      | card without title/media | an RCS card without title or media | v2 | new     | E400        | messages[0].content.content           | must contain media or title     |
      | long suggestion text     | an RCS text with a 26-character suggestion | v1 | legacy | BAD_REQUEST | content.suggestions[0].text | size must be between 1 and 25 |
      | twelve suggestions       | an RCS text with 12 suggestions  | v2  | new      | E400        | messages[0].content.suggestions       | size must be between 0 and 11   |
      | eleven suggestions in v1 | an RCS text with 11 suggestions  | v1  | legacy   | BAD_REQUEST | content.suggestions                   | size must be between 0 and 10   |
