@integration
Feature: What the service sends
  The service under test sends through the platform (the simulator, at the
  address the service is configured with). The harness asks it to send, then
  reads what reached the platform.

  @GL-INT-1
  Scenario: The service sends RCS from its configured agent
    Given a user with RCS
    When the service is asked to send the sample message to the user
    Then the platform receives an RCS message to the user from the service's agent

  @GL-INT-2
  Scenario: Every RCS message carries the SMS failover
    Given a user with RCS
    When the service is asked to send the sample message to the user
    Then every RCS message to the user carries an SMS failover from the service's sender

  @GL-INT-3 @dlt
  Scenario: The fallback to an Indian number carries registered DLT ids
    Given a user without RCS
    When the service is asked to send the sample message to the user
    Then the fallback carries the principal entity and a template registered for its text

  @GL-INT-4
  Scenario: Every request of the service is valid and within the throttles
    When the service is asked to send each kind of message to new users
    Then no request of the service was refused with a 4xx

  @GL-INT-11 @tracking
  Scenario: With provider click tracking on, links are not wrapped twice
    Given a user with RCS
    When the service is asked to send the sample message with its link to the user
    Then the message has provider click tracking and no link another tracker wrapped
