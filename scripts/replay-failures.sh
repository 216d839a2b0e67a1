#!/usr/bin/env bash
# Usage: scripts/replay-failures.sh [--stack NAME] [--max N] [--max-age SECONDS] [--dry-run]
# Sends failures back to the function. Each message of the failure queue (failed asynchronous invocations,
# and SNS or EventBridge deliveries that never reached their target) is handed to the function again and
# deleted once it succeeds; with the SQS buffer, the buffer's dead-letter queue is moved back into the buffer.
# A message whose event is older than the function's maximum event age (the template's 6 hours, or --max-age)
# is left in the queue: the sweep has repaired what it said. --dry-run lists what would be replayed, changes nothing.
#   --stack NAME       the stack (default cloudwatch-statuspage-sync)
#   --max N            messages to handle at most, replayed, kept or left (default 1000)
# Needs the AWS CLI and jq, and with the stack's KmsKeyArn, kms:Decrypt and kms:GenerateDataKey on that key.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
command -v aws >/dev/null || { echo "replay-failures.sh: the AWS CLI (aws) is not on PATH" >&2; exit 1; }
command -v jq >/dev/null || { echo "replay-failures.sh: jq is not on PATH" >&2; exit 1; }

stack=cloudwatch-statuspage-sync
max=1000
max_age=""
dry_run=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack) stack="$2"; shift 2 ;;
    --max) max="$2"; shift 2 ;;
    --max-age) max_age="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "replay-failures.sh: unexpected argument '$1'" >&2; sed -n '2p' "$0" | sed 's/^# //' >&2; exit 2 ;;
  esac
done
for number in "$max" "${max_age:-0}"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "replay-failures.sh: '$number' is not a whole number" >&2; exit 2; }
done

output() {
  aws cloudformation describe-stacks --stack-name "$stack" --output text \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue"
}
queue_arn() {
  aws sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn --query Attributes.QueueArn --output text
}
function_arn="$(output AlarmActionArn)"
health_rule="$(output HealthRuleArn)"
failures="$(output FailureQueueUrl)"
buffer="$(output BufferQueueUrl)"
dead_letters="$(output BufferDeadLetterQueueUrl)"
if [[ -z "$max_age" ]]; then
  max_age="$(aws lambda get-function-event-invoke-config --function-name "$function_arn" \
    --query MaximumEventAgeInSeconds --output text 2>/dev/null || true)"
  [[ "$max_age" =~ ^[0-9]+$ ]] || max_age=21600
fi
now="$(date +%s)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
touch "$work/seen"

# The event's own time in epoch seconds: that of the event a failed invocation carried (its SNS record's, an
# EventBridge event's or an alarm action's), an undelivered SNS notification's or EventBridge event's, else when the
# failure was recorded or the message entered the queue.
event_time() {
  jq -r '(.Attributes.SentTimestamp // "0" | tonumber / 1000 | floor) as $sent
    | (.Body | fromjson? // {} | if type == "object" then . else {} end) as $body
    | ($body.requestPayload | if type == "object" then . else {} end) as $payload
    | ($payload.Records[0].Sns.Timestamp? // $payload.time // $body.Timestamp // $body.time // $body.timestamp
       // null) as $time
    | if $time == null then $sent
      else ($time | sub("\\.[0-9]+"; "") | sub("\\+00:?00$"; "Z") | fromdateiso8601? // $sent) end' "$1"
}

replayed=0 kept=0 old=0 listed=0 foreign=0
while (( replayed + kept + old + listed + foreign < max )); do
  # A dry run hides what it reads for a few seconds only.
  aws sqs receive-message --queue-url "$failures" --max-number-of-messages 10 --wait-time-seconds 2 \
    --visibility-timeout "$([[ "$dry_run" == true ]] && echo 10 || echo 120)" --attribute-names SentTimestamp \
    --message-attribute-names RULE_ARN --output json > "$work/batch.json"
  count="$(jq '.Messages // [] | length' "$work/batch.json")"
  (( count > 0 )) || break
  fresh=0
  for (( i = 0; i < count; i++ )); do
    jq ".Messages[$i]" "$work/batch.json" > "$work/message.json"
    id="$(jq -r .MessageId "$work/message.json")"
    if grep -qxF "$id" "$work/seen"; then
      continue
    fi
    echo "$id" >> "$work/seen"
    fresh=$(( fresh + 1 ))
    handle="$(jq -r .ReceiptHandle "$work/message.json")"
    age=$(( now - $(event_time "$work/message.json") ))
    if (( age > max_age )); then
      echo "left: $id, its event is ${age} s old (more than ${max_age} s)" >&2
      old=$(( old + 1 ))
      continue
    fi
    if jq -e '.Body | fromjson? | has("requestPayload")' "$work/message.json" >/dev/null; then
      # A failed asynchronous invocation: Lambda's record holds the original event.
      jq '.Body | fromjson | .requestPayload' "$work/message.json" > "$work/payload.json"
    elif jq -e '.Body | fromjson? | (.Type == "Notification" and has("TopicArn"))' "$work/message.json" \
        >/dev/null; then
      # An SNS notification that was never delivered: replay it as the SNS record Lambda would have had, so the
      # function sees the topic it came from (a status-page event is accepted only on its own topic).
      jq '.Body | fromjson | {Records: [{EventSource: "aws:sns", EventVersion: "1.0",
        EventSubscriptionArn: (.TopicArn + ":replay"), Sns: {Type, MessageId, TopicArn, Subject, Message,
        Timestamp, SignatureVersion, Signature, SigningCertUrl: .SigningCertURL, UnsubscribeUrl: .UnsubscribeURL,
        MessageAttributes: (.MessageAttributes // {})}}]}' "$work/message.json" > "$work/payload.json"
    elif jq -e '.Body | fromjson? | objects | .source == "aws.health"' "$work/message.json" >/dev/null; then
      # An AWS Health event the Health rule could not deliver: the function takes one only as the rule's own
      # invocation, so it is replayed as that, and only when EventBridge's dead-letter record names the rule.
      if [[ -z "$health_rule" || "$health_rule" == None ]] || ! jq -e --arg rule "$health_rule" \
          '.MessageAttributes.RULE_ARN.StringValue == $rule' "$work/message.json" >/dev/null; then
        echo "left: $id, an AWS Health event that the stack's Health rule did not send" >&2
        foreign=$(( foreign + 1 ))
        continue
      fi
      jq '.Body | fromjson' "$work/message.json" > "$work/payload.json"
    else
      # An EventBridge event that was never delivered: replay it as one SQS record.
      jq --arg arn "$(queue_arn "$failures")" '{Records: [{messageId: .MessageId, receiptHandle: "replay",
        body: .Body, attributes: {}, messageAttributes: {}, md5OfBody: .MD5OfBody, eventSource: "aws:sqs",
        eventSourceARN: $arn, awsRegion: ($arn | split(":")[3])}]}' "$work/message.json" > "$work/payload.json"
    fi
    if [[ "$dry_run" == true ]]; then
      echo "would replay: $id, ${age} s old: $(jq -c . "$work/payload.json" | cut -c1-200)"
      listed=$(( listed + 1 ))
      continue
    fi
    error="$(aws lambda invoke --function-name "$function_arn" --payload "fileb://$work/payload.json" \
      --query FunctionError --output text "$work/answer.json")"
    if [[ "$error" == None || -z "$error" ]] && ! jq -e '(.batchItemFailures // []) | length > 0' \
        "$work/answer.json" >/dev/null; then
      aws sqs delete-message --queue-url "$failures" --receipt-handle "$handle"
      replayed=$(( replayed + 1 ))
    else
      echo "kept: $(jq -c . "$work/answer.json")" >&2
      kept=$(( kept + 1 ))
    fi
  done
  # Only messages already seen (left, listed or kept) came back: the rest of the queue is empty.
  (( fresh > 0 )) || break
done
if [[ "$dry_run" == true ]]; then
  echo "failure queue: $listed would be replayed, $old too old to replay; nothing was changed" >&2
  (( foreign == 0 )) || echo "failure queue: $foreign AWS Health event(s) left, not sent by the stack's Health rule" >&2
  exit 0
fi
echo "failure queue: $replayed replayed, $kept kept for later, $old too old to replay (left in the queue)" >&2
(( foreign == 0 )) || echo "failure queue: $foreign AWS Health event(s) left, not sent by the stack's Health rule" >&2

if [[ -n "$dead_letters" && "$dead_letters" != None ]]; then
  aws sqs start-message-move-task --source-arn "$(queue_arn "$dead_letters")" \
    --destination-arn "$(queue_arn "$buffer")"
  echo "buffer dead-letter queue: moving its messages back into the buffer" >&2
fi
