#!/usr/bin/env bash
# Installs from Debian what clinicops needs beside Python: Java 17 and Maven (to fetch and
# run the Kafka jars), Node.js and npm (to build the console, web/) and Chromium (its browser tests, driven by
# playwright-core: no browser is downloaded). Skips whatever is already there.
set -euo pipefail
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v chromium >/dev/null || missing+=(chromium)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "installing from Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
# dovecot-imapd: the real IMAP server the inbox's tests poll (started per test, never as a system service).
if ! command -v dovecot >/dev/null && [[ ! -x /usr/sbin/dovecot ]]; then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dovecot-imapd
fi
