@integration
Feature: How the service treats what the platform sends back
  The platform posts delivery reports to the service's report URL and users'
  messages to its inbound URL (MO_OTT_MSISDN). Requirements about the
  service's own view of a message or a user read it through the adapter's
  probe, and are skipped when the adapter has none.

  @GL-INT-5
  Scenario: The service answers reports and replies with 2xx in time
    Given a user with RCS
    When the service is asked to send the sample message to the user
    And the platform delivers the message and its report
    And the user replies "Thanks"
    Then the service answered every delivery report and reply with 2xx within the platform's timeout

  @GL-INT-6 @faults
  Scenario: A report delivered twice is counted once
    Given a user with RCS
    And the platform delivers the next delivery report twice
    When the service is asked to send the sample message to the user
    And the platform delivers the message and its report
    Then the platform posted the report twice
    And the service counts one delivery report for the message

  @GL-INT-7
  Scenario: A fallback report is read as delivered over SMS
    Given a user without RCS
    When the service is asked to send the sample message to the user
    And the platform delivers the message and its report
    Then the service reads the message as delivered over SMS

  @GL-INT-9
  Scenario: The service receives a reply and a suggestion tap
    Given a user with RCS
    When the service is asked to send the suggestion campaign to the user
    And the platform delivers the message and its report
    And the user replies "Where is my order?"
    And the user taps the first suggestion
    Then the service has received the reply "Where is my order?" from the user
    And the service has received the tap from the user
