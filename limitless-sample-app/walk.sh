#!/usr/bin/env sh
# Walks every endpoint of the running sample with curl, as docs/getting-started.md describes.
# Start the sample first: ./mvnw -pl limitless-sample-app -am spring-boot:run
# Usage: limitless-sample-app/walk.sh [base-url]   (default http://localhost:8080)
set -eu
BASE="${1:-http://localhost:8080}"

step() { printf '\n\n### %s\n' "$*"; }

step "Open an account"
# tag::open[]
ACCOUNT=$(curl -sS -X POST "$BASE/accounts" -H 'Content-Type: application/json' \
  -d '{"owner": "Ada", "currency": "EUR"}')
echo "$ACCOUNT"
ACCOUNT_ID=$(echo "$ACCOUNT" | sed -n 's/.*"accountId":"\([^"]*\)".*/\1/p')
# end::open[]

step "Read it back (one shard: the account id is the shard key)"
# tag::read[]
curl -sS "$BASE/accounts/$ACCOUNT_ID"
# end::read[]

step "Credit 12.50 EUR with an idempotency key, then send the same request again"
# tag::credit[]
curl -sS -i -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: payment-0001' -d '{"amount": "12.50", "currency": "EUR"}'
curl -sS -i -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: payment-0001' -d '{"amount": "12.50", "currency": "EUR"}'
# end::credit[]

step "Credit 10.00 USD (converted into the account's EUR), then debit more than the balance"
# tag::debit[]
curl -sS -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "10.00", "currency": "USD"}'
curl -sS -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "100.00", "currency": "EUR", "direction": "DEBIT"}'
# end::debit[]

step "Newest transactions first, with the exchange rate from the currencies reference table"
# tag::list[]
curl -sS "$BASE/accounts/$ACCOUNT_ID/transactions?limit=5"
# end::list[]

step "The failed-transactions report: reads every shard, on purpose"
# tag::report[]
curl -sS "$BASE/reports/failed-transactions"
# end::report[]

step "The naive search by status: the guard refuses it before it reaches the database"
# tag::search[]
curl -sS -i "$BASE/transactions/search?status=FAILED"
# end::search[]

step "Validation errors are 400 problem documents"
# tag::validation[]
curl -sS -i "$BASE/accounts/not-a-uuid"
curl -sS -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "-5.00", "currency": "EUR"}'
curl -sS -X POST "$BASE/accounts/$ACCOUNT_ID/transactions" -H 'Content-Type: application/json' \
  -d '{"amount": "5.00", "currency": "XXX"}'
# end::validation[]

step "Health, and the limitless meters"
# tag::actuator[]
curl -sS "$BASE/actuator/health"
curl -sS "$BASE/actuator/prometheus" | grep '^limitless_' || echo '(no limitless_ meters yet)'
# end::actuator[]
echo
