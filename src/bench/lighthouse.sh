#!/usr/bin/env bash
# Lighthouse on the search page: desktop and mobile, the empty page and a result page, against the real server
# on a fresh index of the bundled sample blog. Prints Performance, Accessibility, Best Practices, SEO and CLS.
#
#   src/bench/lighthouse.sh            # reports are left in target/lighthouse/*.json
#
# Needs Node 18+ and npm (Lighthouse is installed into target/lighthouse from the npm registry on first use)
# and Debian's chromium; Lighthouse downloads no browser of its own.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
out="$here/target/lighthouse"
chrome="${CHROME_PATH:-/usr/bin/chromium}"
# 12.2.3: the newest that runs on Node 20 and installs from its own lock.
version="12.2.3"
lighthouse="$out/node_modules/.bin/lighthouse"

command -v npm >/dev/null || { echo "lighthouse.sh needs Node and npm (apt-get install nodejs npm)" >&2; exit 1; }
[ -x "$chrome" ] || { echo "lighthouse.sh needs Chromium at $chrome (apt-get install chromium, or set CHROME_PATH)" >&2; exit 1; }
mkdir -p "$out"
if [ ! -x "$lighthouse" ] || ! "$lighthouse" --version 2>/dev/null | grep -qx "$version"; then
  echo "installing lighthouse $version into $out" >&2
  npm install --prefix "$out" --no-save --no-audit --no-fund --silent -E "lighthouse@$version" >&2
fi

index="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$index"
}
trap cleanup EXIT

port=$((20000 + RANDOM % 30000))
"$here/blogsearch" serve --index "$index" --host 127.0.0.1 --port "$port" >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start; see $out/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not answer in 2 minutes" >&2; exit 1; }

# The same headless flags as the browser tests (src/test/java/blogsearch/web/Browser.java).
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
--disable-component-update --disable-sync --no-first-run --disable-extensions --disable-default-apps"

printf '%-8s %-14s %11s %13s %14s %4s %6s\n' form page Performance Accessibility "Best practices" SEO CLS
for form in desktop mobile; do
  preset=()
  [ "$form" = desktop ] && preset=(--preset=desktop)
  for page in "/" "/?q=openstack"; do
    name="$form-$( [ "$page" = / ] && echo empty || echo openstack )"
    CHROME_PATH="$chrome" "$lighthouse" "http://127.0.0.1:$port$page" "${preset[@]}" --quiet \
      --chrome-flags="$flags" --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out/$name.json" >/dev/null
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => String(Math.round(r.categories[k].score * 100));
      const cls = r.audits["cumulative-layout-shift"].numericValue.toFixed(3);
      console.log([process.argv[2].padEnd(8), process.argv[3].padEnd(14), s("performance").padStart(11),
        s("accessibility").padStart(13), s("best-practices").padStart(14), s("seo").padStart(4), cls.padStart(6)].join(" "));
      const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1
        && ["binary", "numeric"].includes(a.scoreDisplayMode) && !a.id.match(/^(first|largest|speed|total|interactive|max)/));
      for (const a of failed) console.log("         " + a.id + (a.displayValue ? " (" + a.displayValue + ")" : ""));
    ' "$out/$name.json" "$form" "$page"
  done
done
