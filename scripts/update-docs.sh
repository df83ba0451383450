#!/usr/bin/env bash
# Regenerates docs/Dialects/*.md and docs/Passes/*.md from the ODS
# definitions of the dialects and passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
accel_install_packages "${ACCEL_PACKAGES[@]}"
accel_configure
accel_build mlir-doc
for kind in Dialects Passes; do
  mkdir -p "$ACCEL_ROOT/docs/$kind"
  cp "$ACCEL_BUILD_DIR"/docs/$kind/*.md "$ACCEL_ROOT/docs/$kind/"
done
log "updated docs/Dialects and docs/Passes"
