@errors
Feature: Robustness
  Bad requests are refused in the endpoint's own envelope, naming what is
  wrong, and rate limits are answered so that a retry succeeds.

  @GL-ERR-1 @rcs @sms
  Scenario Outline: <case> is refused with the offending property named
    Given an integration with its own API key
    When the integration posts to "<path>" the body:
      """
      <body>
      """
    Then the request is refused with HTTP <status> in the <envelope> envelope as "<code>"
    And the violation of "<property>" is "<violation>"

    Examples:
      | case                   | path                 | body                                                                  | status | envelope | code        | property                        | violation                                   |
      | malformed JSON (v1)    | /ott/rcs/1/message   | {"to": "919999000701", "content": {                                   | 400    | legacy   | BAD_REQUEST | body                            | malformed JSON at offset 35: unexpected end of input |
      | malformed JSON (v2)    | /rcs/2/messages      | {"messages": [}                                                       | 400    | new      | E400        | body                            | malformed JSON at offset 15: '}' looking for beginning of value |
      | wrong type             | /sms/3/messages      | {"messages": [{"destinations": [{"to": 919999000702}], "content": {"text": "x"}}]} | 400 | new | E400 | messages[0].destinations[0].to | must be a string |
      | missing required field | /ott/rcs/1/message   | {"to": "919999000703"}                                                | 400    | legacy   | BAD_REQUEST | content                         | must not be null                            |
      | missing PE id          | /sms/2/text/advanced | {"messages": [{"destinations": [{"to": "919999000704"}], "text": "x", "regional": {"indiaDlt": {"contentTemplateId": "1107161234567890123"}}}]} | 400 | legacy | BAD_REQUEST | messages[0].regional.indiaDlt.principalEntityId | must not be null |
      | invalid enum           | /rcs/2/messages      | {"messages": [{"destinations": [{"to": "919999000705"}], "content": {"type": "VIDEO"}}]} | 400 | new | E400 | messages[0].content.type | must be one of [TEXT, FILE, CARD, CAROUSEL, PROVIDER_TEMPLATE] |

  @GL-ERR-1 @rcs
  Scenario Outline: An oversized body is refused with 413 in the <envelope> envelope
    Given an integration with its own API key
    When the integration posts a body of 11 MB to "<path>"
    Then the request is refused with HTTP 413 in the <envelope> envelope as "<code>"

    Examples:
      | path               | envelope | code                     |
      | /ott/rcs/1/message | legacy   | REQUEST_ENTITY_TOO_LARGE |
      | /rcs/2/messages    | new      | E413                     |

  @GL-ERR-2 @sms @control
  Scenario: Rate limiting answers 429 and the integration's retry succeeds
    Given an integration with its own API key
    And the next 2 requests to "/sms/3/messages" are rate limited
    When the integration sends the SMS "Throttled" from "DEMOSMS" to "919999000706" through the v3 API
    Then the request is refused with HTTP 429 in the new envelope as "E429"
    When the integration retries the SMS
    Then the request is refused with HTTP 429 in the new envelope as "E429"
    When the integration retries the SMS
    Then the send is accepted with status "PENDING_ACCEPTED"
