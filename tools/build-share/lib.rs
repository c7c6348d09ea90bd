//! Empty: this crate exists for its manifest (scripts/lib/build_share.py says why).
