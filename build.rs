//! Stamps the dense painter's URL with a hash of its script, so a browser or CDN never pairs a new
//! wasm with a cached worker that speaks an older protocol (Trunk copies the file without hashing it).

use std::fs;

const PAINTER: &str = "assets/dense-painter.js";

fn main() {
    println!("cargo:rerun-if-changed={PAINTER}");
    let script = fs::read(PAINTER).unwrap_or_else(|e| panic!("{PAINTER}: {e}"));
    println!(
        "cargo:rustc-env=DENSE_PAINTER_URL=dense-painter.js?v={:016x}",
        fnv1a(&script)
    );
}

/// 64-bit FNV-1a: stable across Rust versions and machines, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
