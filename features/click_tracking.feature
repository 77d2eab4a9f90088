@tracking @sms @control
Feature: Provider click tracking
  With provider click tracking, links in a message are shortened on the
  provider's domain (or a verified custom domain), a click is redirected and
  reported, and a link some other tracker already wrapped is flagged.

  @GL-CLK-1
  Scenario Outline: Links are shortened on the default domain and a click is reported (<api> API)
    Given an integration with its own API key
    And its click tracking URL is the callback endpoint "clicks"
    And an SMS "Track your order: https://shop.example/orders/42" from "DEMOSMS" to "447700900801"
    And provider click tracking is on
    When the integration sends it through the <api> API
    Then the message sent has a short link instead of "https://shop.example/orders/42"
    When the user opens the short link
    Then it redirects to "https://shop.example/orders/42"
    And a CLICKED notification arrives at "clicks" for "https://shop.example/orders/42"

    Examples:
      | api    |
      | SMS v2 |
      | SMS v3 |

  @GL-CLK-1 @rcs
  Scenario: Links in an RCS text are shortened too
    Given an integration with its own API key
    And its click tracking URL is the callback endpoint "clicks"
    And an RCS text "See https://shop.example/sale" from agent "DemoAgent" to "447700900802"
    And provider click tracking is on
    When the integration sends it through the v2 API
    Then the message sent has a short link instead of "https://shop.example/sale"
    When the user opens the short link
    Then it redirects to "https://shop.example/sale"
    And a CLICKED notification arrives at "clicks" for "https://shop.example/sale"

  @GL-CLK-2
  Scenario: A verified custom domain is used for the short links
    Given an integration with its own API key
    And the account's custom domain "go.brand.in" is verified
    And an SMS "Offer: https://shop.example/offer" from "DEMOSMS" to "447700900803"
    And provider click tracking is on with the custom domain "go.brand.in"
    When the integration sends it through the SMS v3 API
    Then the message sent has a short link on "https://go.brand.in/" instead of "https://shop.example/offer"

  @GL-CLK-2 @dlr
  Scenario Outline: A custom domain that is <state> makes the message fail
    Given an integration with its own API key
    And its delivery report URL is the callback endpoint "dlr"
    And <setup>
    And an SMS "Offer: https://shop.example/offer" from "DEMOSMS" to "447700900804"
    And provider click tracking is on with the custom domain "unverified.brand.in"
    When the integration sends it through the SMS v3 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_PLATFORM" and error "NO_ERROR"

    Examples:
      | state          | setup                                                          |
      | not verified   | the account's custom domain "unverified.brand.in" is not verified |
      | not registered | its click tracking URL is the callback endpoint "clicks"          |

  @GL-CLK-3
  Scenario: A link another click tracker already wrapped is flagged
    Given an integration with its own API key
    And an SMS "Open https://wzrk.co/r/abc123 for your offer" from "DEMOSMS" to "447700900805"
    And provider click tracking is on
    When the integration sends it through the SMS v3 API
    Then the send is accepted with status "PENDING_ACCEPTED"
    And the message is flagged for double wrapping
