#!/usr/bin/env bash
# Install the Debian packages goalsheet's setup and tests need, when they are missing.
# Runs apt-get only as root and only for what is absent; otherwise says what to install.
set -euo pipefail

packages=()
command -v git >/dev/null 2>&1 || packages+=(git)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || packages+=(python3-venv)

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "goalsheet needs these Debian packages: ${packages[*]}" >&2
  echo "Install them with: sudo apt-get install ${packages[*]}" >&2
  exit 1
fi
echo "Installing ${packages[*]} (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
