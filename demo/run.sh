#!/usr/bin/env bash
# The demo: check a real-world keepalived.conf the way `keepalived -t` would, then print the
# effective configuration jkeepalived derived from it (defaults, legacy names, overrides applied).
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
conf=${1:-demo/keepalived.conf}
echo "== jkeepalived -t -f $conf"
bin/jkeepalived -t -f "$conf"; rc=$?
echo "   exit code $rc"
echo "== jkeepalived -t --dump-json -f $conf"
bin/jkeepalived -t --dump-json -f "$conf"
