#!/usr/bin/env bash
# Debian packages the integration tests need (servers are started by the tests themselves).
set -euo pipefail
echo "ci: no extra services needed yet"
