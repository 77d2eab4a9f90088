@dlt @fallback @rcs @sms
Feature: India DLT on the SMS fallback
  With "Enable for India" the fallback SMS carries the Principal Entity ID and
  the content Template ID, and operators scrub it against the DLT registry.
  (The simulator's sample registry has entity 1101234567890123456, header
  DEMOSMS and template 1107161234567890123, "Your OTP is {#var#}. Do not share
  it with anyone.")

  @GL-SEND-3 @dlr @control @numberplan
  Scenario: The fallback carries the Principal Entity ID and Template ID and is delivered
    Given an integration with its own API key
    And the account's DLT scrubbing is strict
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Your OTP is 4821" from agent "DemoAgent" to "919999100701"
    And an SMS fallback "Your OTP is 4821. Do not share it with anyone." from "DEMOSMS"
    And the fallback is enabled for India with principal entity "1101234567890123456" and template "1107161234567890123"
    When the integration sends it through the v1 API
    Then a delivery report arrives at "dlr" with status "DELIVERED_TO_HANDSET" and error "NO_ERROR"
    And the report's channel is "SMS" and its sender is "DEMOSMS"
    And the fallback sent carries principal entity "1101234567890123456" and template "1107161234567890123"

  @GL-SEND-3 @dlr @control @numberplan
  Scenario Outline: A fallback <case> fails the way DLT scrubbing fails
    Given an integration with its own API key
    And the account's DLT scrubbing is strict
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Your OTP is 4821" from agent "DemoAgent" to "<number>"
    And an SMS fallback "<text>" from "DEMOSMS"
    And the fallback is enabled for India with principal entity "<pe>" and template "<template>"
    When the integration sends it through the <api> API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "<error>"
    And the report's channel is "SMS" and its sender is "DEMOSMS"

    Examples:
      | case                                 | number       | text                                            | pe                  | template            | api | error                   |
      | whose text does not match            | 919999100702 | Your OTP: 4821                                  | 1101234567890123456 | 1107161234567890123 | v1  | EC_TEMPLATE_NOT_MATCHED |
      | with an unknown template             | 919999100703 | Your OTP is 4821. Do not share it with anyone.  | 1101234567890123456 | 1107160000000000000 | v2  | EC_INVALID_TEMPLATE_ID  |
      | with an unknown Principal Entity ID  | 919999100704 | Your OTP is 4821. Do not share it with anyone.  | 1100000000000000000 | 1107161234567890123 | v1  | EC_ENTITY_NOT_FOUND     |
      | without a Template ID                | 919999100705 | Your OTP is 4821. Do not share it with anyone.  | 1101234567890123456 |                     | v2  | EC_INVALID_TEMPLATE_ID  |

  @GL-SEND-3 @dlr @control @numberplan
  Scenario: A fallback without DLT ids fails once the account scrubs strictly
    Given an integration with its own API key
    And the account's DLT scrubbing is strict
    And its delivery report URL is the callback endpoint "dlr"
    And an RCS text "Hello" from agent "DemoAgent" to "919999100706"
    And an SMS fallback "Hello" from "DEMOSMS"
    When the integration sends it through the v1 API
    Then a delivery report arrives at "dlr" with status "UNDELIVERABLE_REJECTED_OPERATOR" and error "EC_INVALID_ENTITY_ID"
