# Shared by scripts/test.sh and scripts/demo.sh: install what is missing on a
# Debian 12 machine, configure and build. Source it; do not run it.
#
# Environment: ACCEL_BUILD_DIR (default <repo>/build), ACCEL_JOBS (default 2),
# ACCEL_CMAKE_ARGS (extra configure arguments, e.g. -DACCEL_ENABLE_SANITIZERS=ON).

ACCEL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ACCEL_BUILD_DIR=${ACCEL_BUILD_DIR:-$ACCEL_ROOT/build}
ACCEL_JOBS=${ACCEL_JOBS:-2}
LLVM_PREFIX=/usr/lib/llvm-22

# Debian packages the build and the tests need.
ACCEL_PACKAGES=(
  cmake ninja-build ccache lld g++ python3 bc
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  libgtest-dev libbenchmark-dev
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-numpy
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages in "$@" that are not installed yet.
accel_install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

accel_configure() {
  if [ -f "$ACCEL_BUILD_DIR/build.ninja" ]; then
    return 0
  fi
  log "configuring in $ACCEL_BUILD_DIR"
  # shellcheck disable=SC2086
  cmake -G Ninja -S "$ACCEL_ROOT" -B "$ACCEL_BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" \
    -DLLVM_DIR="$LLVM_PREFIX/lib/cmake/llvm" \
    -DLLVM_EXTERNAL_LIT="$LLVM_PREFIX/bin/lit" \
    -DLLVM_USE_LINKER=lld \
    -DMLIR_LINK_MLIR_DYLIB=ON \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    ${ACCEL_CMAKE_ARGS:-} >/dev/null
}

# Builds the given targets (everything by default).
accel_build() {
  log "building ${*:-all} (-j$ACCEL_JOBS)"
  ninja -C "$ACCEL_BUILD_DIR" -j"$ACCEL_JOBS" "$@"
}

accel_setup() {
  accel_install_packages "${ACCEL_PACKAGES[@]}"
  accel_configure
  accel_build
}
