#!/usr/bin/env sh
# Walks every endpoint of the running sample with curl, as docs/getting-started.md describes.
# Start the sample first: ./mvnw -pl limitless-sample-app -am spring-boot:run
# Usage: limitless-sample-app/walk.sh [base-url]   (default http://localhost:8080)
set -eu
BASE="${1:-http://localhost:8080}"

step() { printf '\n### %s\n' "$*"; }
call() { curl -sS -w '\n-> HTTP %{http_code}\n' "$@"; }

step "Open an account"
ACCOUNT=$(curl -sS -X POST "$BASE/accounts" -H 'Content-Type: application/json' \
  -d '{"owner": "Ada", "currency": "EUR"}')
echo "$ACCOUNT"
ACCOUNT_ID=$(echo "$ACCOUNT" | sed -n 's/.*"accountId":"\([^"]*\)".*/\1/p')

step "Read it back (one shard: the account id is the shard key)"
call "$BASE/accounts/$ACCOUNT_ID"

step "Credit 12.50 EUR with an idempotency key"
call -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: payment-0001' -d '{"amount": "12.50", "currency": "EUR"}'

step "Send the same request again: the first result comes back (HTTP 200, Idempotent-Replayed: true), nothing new is written"
call -i -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: payment-0001' -d '{"amount": "12.50", "currency": "EUR"}'

step "Credit 10.00 USD (converted into the account's EUR)"
call -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "10.00", "currency": "USD"}'

step "Debit more than the balance: recorded as FAILED, balance unchanged"
call -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "100.00", "currency": "EUR", "direction": "DEBIT"}'

step "Newest transactions first, with the exchange rate from the currencies reference table"
call "$BASE/accounts/$ACCOUNT_ID/transactions?limit=5"

step "The failed-transactions report: reads every shard, on purpose (@AllowScatter)"
call "$BASE/reports/failed-transactions"

step "The naive search by status: the guard refuses it before it reaches the database"
call "$BASE/transactions/search?status=FAILED"

step "Validation errors are 400 problem documents"
call "$BASE/accounts/not-a-uuid"
call -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "-5.00", "currency": "EUR"}'
call -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "5.00", "currency": "XXX"}'

step "Health, and the limitless meters"
call "$BASE/actuator/health"
curl -sS "$BASE/actuator/prometheus" | grep -E '^limitless_' | head -20 || echo "(no limitless_ meters yet)"
