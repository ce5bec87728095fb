#!/usr/bin/env bash
# Debian's Chromium for the web page's browser tests (Playwright drives /usr/bin/chromium;
# it never downloads a browser of its own). Installed where missing and possible; without
# it the browser tests are skipped, except under CI=true, where they fail.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "warning: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get);" \
        "browser tests will be skipped (they fail under CI=true)" >&2
fi
