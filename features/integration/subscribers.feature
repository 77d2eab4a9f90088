@integration
Feature: Subscriber management and the platform's refusals

  @GL-INT-8
  Scenario: After STOP nothing more is sent to the user; after START it may be
    Given a user with RCS
    When the service is asked to send the sample message to the user
    And the platform delivers the message and its report
    And the user replies "STOP"
    And the service is asked to send the sample message to the user, and may refuse
    Then the service sends nothing more to the user
    And the service's view of the user, if it offers one, says opted out
    When the user replies "START"
    Then the service's view of the user, if it offers one, says opted in
    When the service is asked to send the sample message to the user
    Then the platform receives another RCS message to the user

  @GL-INT-10 @faults
  Scenario Outline: A send the platform refuses with <status> is retried later, not dropped, not hammered
    Given a user with RCS
    And the platform answers the service's next 2 sends with HTTP <status>
    When the service is asked to send the sample message to the user
    Then the platform receives the message within the retry window
    And the service waited between attempts and did not exceed the attempt limit

    Examples:
      | status |
      | 429    |
      | 500    |
