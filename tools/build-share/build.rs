//! Empty: a build script, so that cargo resolves the manifest's build-dependencies too.
fn main() {}
