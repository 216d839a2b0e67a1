#!/usr/bin/env bash
# Usage: scripts/deploy.sh [--jvm|--jvm-aot] [--guided] [--stack-name=NAME] [Parameter=Value ...]
# Builds function.zip (native unless --jvm or --jvm-aot), then deploys template.yaml with sam build and sam
# deploy, using samconfig.toml. Parameter=Value pairs set template parameters, e.g. AppKeySecret=flashduty/app-key
# StatusPageId=5750613685214 ComponentIds=01KC...,01KD...; --guided asks for each and can save them;
# --stack-name deploys another stack than samconfig.toml's (a second stack in the same account and Region).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
command -v sam >/dev/null || { echo "deploy.sh: the AWS SAM CLI (sam) is not on PATH; see" \
  "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html" >&2; exit 1; }

kind=native
guided=()
stack=()
overrides=()
for argument in "$@"; do
  case "$argument" in
    --jvm) kind=jvm ;;
    --jvm-aot) kind=jvm-aot ;;
    --guided) guided=(--guided) ;;
    --stack-name=?*) stack=(--stack-name "${argument#--stack-name=}") ;;
    *=*) overrides+=("$argument") ;;
    *) echo "deploy.sh: unexpected argument '$argument'" >&2; sed -n '2p' "$0" | sed 's/^# //' >&2; exit 2 ;;
  esac
done
architecture=x86_64
for override in ${overrides[@]+"${overrides[@]}"}; do
  case "$override" in Architecture=*) architecture=${override#Architecture=} ;; esac
done
overrides=(${overrides[@]+"${overrides[@]}"} "Build=$kind") # the build just made, whatever Build= said

./scripts/build.sh "$kind" --architecture "$architecture"
config="$PWD/samconfig.toml"
sam build --template-file template.yaml --config-file "$config" --parameter-overrides "${overrides[@]}"
sam deploy --config-file "$config" --parameter-overrides "${overrides[@]}" "${stack[@]}" "${guided[@]}"
