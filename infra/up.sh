#!/usr/bin/env bash
# `npm run up`: install what is missing, then run the whole stack with the bundled demo site
# ingested (its pages are served on loopback, hence private networks allowed for this run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/ensure-redis.sh
npm ci --no-audit --no-fund
export DEMO_SITE=true FETCH_ALLOW_PRIVATE_NETWORKS="${FETCH_ALLOW_PRIVATE_NETWORKS:-true}"
exec npm start
