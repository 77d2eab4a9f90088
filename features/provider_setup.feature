@auth
Feature: Provider setup
  The integration is configured with the account's base URL and API key.
  JioCX accepts the account's credentials, refuses anything else, and keeps
  each account's traffic to itself.

  @GL-AUTH-1 @rcs
  Scenario: The account's API key is accepted
    Given an integration with its own API key
    And an RCS text "Provider check" from agent "DemoAgent" to "919999000101"
    When the integration sends it through the v1 API
    Then the send is accepted with status "PENDING_ENROUTE"

  @GL-AUTH-2 @rcs
  Scenario Outline: A <kind> API key is refused in the endpoint's own envelope
    Given an integration with its own API key
    And an RCS text "Should not go" from agent "DemoAgent" to "919999000102"
    When the integration sends it through the <api> API with the Authorization header "<header>"
    Then the request is refused with HTTP 401 in the <envelope> envelope as "<code>"

    Examples:
      | kind      | api | header        | envelope | code         |
      | malformed | v1  | App not-a-key | legacy   | UNAUTHORIZED |
      | missing   | v1  |               | legacy   | UNAUTHORIZED |
      | malformed | v2  | Basic ###     | new      | E401         |
      | missing   | v2  |               | new      | E401         |

    @known-accounts
    Examples:
      | kind      | api | header                                                                   | envelope | code         |
      | wrong     | v1  | App 00000000000000000000000000000000-00000000-0000-0000-0000-000000000000 | legacy   | UNAUTHORIZED |
      | wrong     | v2  | App 00000000000000000000000000000000-00000000-0000-0000-0000-000000000000 | new      | E401         |

  @GL-AUTH-2 @rcs @control
  Scenario: Nothing is sent for a refused request
    Given an integration with its own API key
    And an RCS text "Should not go" from agent "DemoAgent" to "919999000103"
    When the integration sends it through the v2 API with the Authorization header "App not-a-key"
    Then the request is refused with HTTP 401 in the new envelope as "E401"
    And the account has sent no message to "919999000103"

  @GL-AUTH-3 @rcs @control
  Scenario Outline: <scheme> credentials work as on the real API
    Given an integration that signs in with <scheme> credentials
    And an RCS text "Signed in" from agent "DemoAgent" to "919999000104"
    When the integration sends it through the v2 API
    Then the send is accepted with status "PENDING_ACCEPTED"

    Examples:
      | scheme |
      | Basic  |
      | IBSSO  |
      | Bearer |

  @GL-AUTH-4 @rcs @dlr @control
  Scenario: One account never sees another account's messages, reports or replies
    Given an integration with its own API key
    And an RCS text "Private" from agent "DemoAgent" to "919999000105"
    When the integration sends it through the v2 API
    And the message is delivered
    Then a second integration with its own API key sees no message to "919999000105"
    And the second integration pulls no RCS delivery report
    And the integration pulls 1 RCS delivery report for the message
