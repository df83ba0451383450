#!/usr/bin/env bash
# Regenerates docs/Dialects/*.md from the dialects' ODS definitions.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
accel_install_packages "${ACCEL_PACKAGES[@]}"
accel_configure
accel_build mlir-doc
mkdir -p "$ACCEL_ROOT/docs/Dialects"
cp "$ACCEL_BUILD_DIR"/docs/Dialects/*.md "$ACCEL_ROOT/docs/Dialects/"
log "updated $(ls "$ACCEL_ROOT"/docs/Dialects/*.md | wc -l) files in docs/Dialects"
