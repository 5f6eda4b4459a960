#!/usr/bin/env bash
# The monitoring files a province takes, checked by Prometheus' own tool: the alert rules
# are valid and fire as their unit tests say; the example scrape config is valid.
# Usage: promtool_test.sh PROMTOOL SOURCE_DIR
set -euo pipefail
promtool=$1 src=$2
"$promtool" check rules "$src/docs/monitoring/quay-alerts.yml"
"$promtool" check config --syntax-only "$src/docs/monitoring/prometheus.yml"
"$promtool" test rules "$src/tests/monitoring/quay-alerts.test.yml"
