package dev.statuspagesync.alarm;

/** Which alarm payload shape carried a change: the inner shape, also when an SQS queue sat in front. */
public enum Envelope {
    SNS,
    EVENTBRIDGE,
    ALARM_ACTION,
    /** An AWS Health event, from an EventBridge rule. */
    HEALTH,
    /** Not delivered: read from CloudWatch by the sweep's reconciliation. */
    CLOUDWATCH
}
