# Sourced by scripts/test.sh and scripts/node-e2e.sh: the one way a workspace is linted.
#
# clippy_build CARGO-ARGS...: runs cargo with clippy-driver as the compiler of the workspace's
# own crates (-D warnings), so each crate is linted while it is built for its tests, and its
# dependencies are compiled once (not a second time in check mode, as `cargo clippy` would).
# Every target cargo test builds (lib, bins, unit and integration tests, and the lib again
# for doc tests) is linted. The wrapper is set with --config, not the environment, so the
# nested cargo builds of the contract builder (drink's proc macro) do not inherit it.
clippy_build() {
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" cargo \
    --config "build.rustc-workspace-wrapper='$(rustc --print sysroot)/bin/clippy-driver'" "$@"
}
