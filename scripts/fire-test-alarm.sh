#!/usr/bin/env bash
# Usage: scripts/fire-test-alarm.sh [--stack NAME] [--alarm NAME] [--hold SECONDS]
# Creates (once) a test alarm that notifies the stack's topic, sets it to ALARM, waits --hold seconds (60), sets
# it to OK, and follows the function's logs. The incident it opens is real: route the alarm's name to a test
# component in the routing document first. Stack defaults to cloudwatch-statuspage-sync.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
command -v aws >/dev/null || { echo "fire-test-alarm.sh: the AWS CLI (aws) is not on PATH" >&2; exit 1; }

stack=cloudwatch-statuspage-sync
alarm=statuspage-sync-test
hold=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack) stack="$2"; shift 2 ;;
    --alarm) alarm="$2"; shift 2 ;;
    --hold) hold="$2"; shift 2 ;;
    *) echo "fire-test-alarm.sh: unexpected argument '$1'" >&2; sed -n '2p' "$0" | sed 's/^# //' >&2; exit 2 ;;
  esac
done

output() {
  aws cloudformation describe-stacks --stack-name "$stack" --output text \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue"
}
topic="$(output AlarmTopicArn)"
log_group="$(output LogGroupName)"
if [[ -z "$topic" || "$topic" == None ]]; then
  echo "fire-test-alarm.sh: stack $stack has no AlarmTopicArn output" >&2
  exit 1
fi

# No data is not breaching, so the alarm rests in OK and moves only when this script moves it.
aws cloudwatch put-metric-alarm --alarm-name "$alarm" --alarm-description "Test alarm of $stack" \
  --namespace StatusPageSync/Test --metric-name TestSignal --statistic Maximum --period 60 \
  --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold \
  --treat-missing-data notBreaching --alarm-actions "$topic" --ok-actions "$topic"
started_ms=$(( $(date +%s) * 1000 ))
aws cloudwatch set-alarm-state --alarm-name "$alarm" --state-value ALARM \
  --state-reason "fire-test-alarm.sh: ALARM for $hold s"
echo "$alarm is in ALARM; it goes back to OK in $hold s" >&2
sleep "$hold"
aws cloudwatch set-alarm-state --alarm-name "$alarm" --state-value OK --state-reason "fire-test-alarm.sh: over"
echo "$alarm is OK again; the function's log lines since it fired:" >&2
sleep 10
if command -v sam >/dev/null; then
  exec sam logs --cw-log-group "$log_group" --tail
fi
aws logs filter-log-events --log-group-name "$log_group" --start-time "$started_ms" \
  --query 'events[].message' --output text
