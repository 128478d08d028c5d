#!/usr/bin/env bash
# Installs what the build needs when it is missing: the PCRE2 development
# files (libpcre2-dev). Safe to run again.
set -euo pipefail
if ! pkg-config --exists libpcre2-8 2>/dev/null; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libpcre2-dev pkg-config
fi
