#!/usr/bin/env bash
# Installs what the real-tool tests need and pip cannot bring: Debian's chromium (never a browser
# downloaded by a test tool), a Java runtime and the Nu HTML Checker (vnu.jar from npm).
# Idempotent: a warm machine takes a few seconds. Env: SITE_TEST_TOOLS (default ~/.cache/site-test-tools).
set -euo pipefail

TOOLS_DIR=${SITE_TEST_TOOLS:-$HOME/.cache/site-test-tools}
VNU_VERSION=26.9.27
log() { printf '[install-tools +%3ss] %s\n' "$SECONDS" "$*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# libraqm0 (with FriBiDi and HarfBuzz): Pillow shapes right-to-left text for share images with it.
apt_packages=(chromium fonts-dejavu-core libraqm0)
command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jar="$TOOLS_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
have=$(node -p "try{require('$TOOLS_DIR/node_modules/vnu-jar/package.json').version}catch(e){''}" 2>/dev/null || true)
if [ "$have" != "$VNU_VERSION" ] || [ ! -f "$jar" ]; then
  log "npm install vnu-jar@$VNU_VERSION -> $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  [ -f "$TOOLS_DIR/package.json" ] || printf '{"name":"site-test-tools","private":true}\n' > "$TOOLS_DIR/package.json"
  # No lockfile is written; vnu-jar's optional JDK download is not needed: Debian's java runs the jar.
  (cd "$TOOLS_DIR" && npm install --no-package-lock --no-audit --no-fund --loglevel=error "vnu-jar@$VNU_VERSION" >&2)
fi

log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "java:     $(java -version 2>&1 | head -1)"
log "vnu:      $(java -jar "$jar" --version)"
