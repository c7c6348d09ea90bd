//! Fetching the content behind a revision's URI (`file://`, `data:`, `http(s)://`) and
//! checking it against the on-chain content hash.

use std::{
    io::Read,
    path::{Path, PathBuf},
    time::Duration,
};

use base64::{
    alphabet,
    engine::{general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig},
    Engine,
};

use crate::core::{
    encoding::{bare_hex, blake2},
    error::{Failure, Result},
    json::Hex,
    views::ContentCheck,
};

/// Most bytes fetched from a content URI.
pub const MAX_CONTENT_BYTES: u64 = 4 * 1024 * 1024;

/// How long an http(s) fetch may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Base64 as data: URIs carry it: the standard alphabet, padding optional.
const DATA_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Fetches `uri` and says whether its bytes hash to `hash` (relative `file://` paths are
/// relative to `base`).
pub async fn check_content(uri: &str, hash: &str, base: &Path) -> ContentCheck {
    match fetch(uri, base).await {
        Ok(bytes) => {
            let got = blake2(&bytes);
            let ok = hex::encode(got) == bare_hex(hash);
            ContentCheck {
                ok,
                bytes: Some(bytes.len() as u64),
                hash: Some(Hex::of(&got)),
                verdict: if ok {
                    format!("matches the on-chain hash ({} bytes)", bytes.len())
                } else {
                    format!("MISMATCH: fetched bytes hash to {}", Hex::of(&got))
                },
            }
        }
        Err(e) => ContentCheck {
            ok: false,
            bytes: None,
            hash: None,
            verdict: format!("not fetched: {e:#}"),
        },
    }
}

/// The bytes behind a `file://`, `data:` or `http(s)://` URI.
pub async fn fetch(uri: &str, base: &Path) -> Result<Vec<u8>> {
    if let Some(path) = uri.strip_prefix("file://") {
        let p = if Path::new(path).is_relative() {
            base.join(path)
        } else {
            PathBuf::from(path)
        };
        return std::fs::read(&p)
            .map_err(|e| Failure::io(format!("cannot read {}: {e}", p.display())).into());
    }
    if let Some(rest) = uri.strip_prefix("data:") {
        return decode_data(rest);
    }
    if uri.starts_with("http://") || uri.starts_with("https://") {
        let owned = uri.to_owned();
        return tokio::task::spawn_blocking(move || http_get(&owned))
            .await
            .map_err(|e| Failure::internal(format!("the fetch did not finish: {e}")))?;
    }
    Err(Failure::input(format!(
        "cannot fetch `{uri}` (supported: file://, data:, http(s)://; fetch ipfs:// through a gateway URL)"
    ))
    .into())
}

/// The bytes of a data: URI's part after `data:` (RFC 2397: percent-encoded, base64 if the
/// media type ends in `;base64`).
fn decode_data(rest: &str) -> Result<Vec<u8>> {
    let (meta, data) = rest
        .split_once(',')
        .ok_or_else(|| Failure::input("malformed data: URI (no comma)"))?;
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(data).collect();
    if meta.ends_with(";base64") {
        let text: Vec<u8> = bytes
            .into_iter()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        return DATA_BASE64
            .decode(text)
            .map_err(|e| Failure::input(format!("bad base64 in data: URI: {e}")).into());
    }
    Ok(bytes)
}

/// GET over HTTP or HTTPS (rustls), at most [`MAX_CONTENT_BYTES`].
fn http_get(uri: &str) -> Result<Vec<u8>> {
    let agent = ureq::AgentBuilder::new().timeout(FETCH_TIMEOUT).build();
    let response = agent.get(uri).call().map_err(|e| match e {
        ureq::Error::Status(code, r) => {
            Failure::io(format!("{uri}: HTTP {code} {}", r.status_text()))
        }
        ureq::Error::Transport(t) => Failure::io(format!("{uri}: {t}")),
    })?;
    let mut bytes = Vec::new();
    response
        .into_reader()
        .take(MAX_CONTENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::io(format!("{uri}: {e}")))?;
    if bytes.len() as u64 > MAX_CONTENT_BYTES {
        return Err(Failure::io(format!(
            "{uri}: more than {MAX_CONTENT_BYTES} bytes; not a proposal text"
        ))
        .into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::encoding::hex0x;

    #[test]
    fn data_uris_decode_in_both_forms() {
        assert_eq!(decode_data("text/plain;base64,aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_data(";base64,aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode_data(",a%20b").unwrap(), b"a b");
        assert!(decode_data("no comma").is_err());
        assert!(decode_data(";base64,***").is_err());
    }

    #[tokio::test]
    async fn content_check_tells_match_from_mismatch() {
        let hash = hex0x(&blake2(b"hello"));
        let ok = check_content("data:text/plain;base64,aGVsbG8=", &hash, Path::new(".")).await;
        assert!(ok.ok, "{ok:?}");
        let bad = check_content("data:,hullo", &hash, Path::new(".")).await;
        assert!(!bad.ok && bad.verdict.starts_with("MISMATCH"), "{bad:?}");
        let unreachable = check_content("ipfs://bafy", &hash, Path::new(".")).await;
        assert!(
            unreachable.verdict.starts_with("not fetched"),
            "{unreachable:?}"
        );
    }

    /// http:// through ureq against a one-shot server on the loopback address.
    #[tokio::test]
    async fn http_content_is_fetched_and_an_error_status_is_reported() {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            for body in [Some("hello"), None] {
                let (mut s, _) = listener.accept().unwrap();
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf).unwrap();
                let reply = match body {
                    Some(b) => format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}",
                        b.len()
                    ),
                    None => {
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .into()
                    }
                };
                s.write_all(reply.as_bytes()).unwrap();
            }
        });
        let hash = hex0x(&blake2(b"hello"));
        let ok = check_content(
            &format!("http://127.0.0.1:{port}/p.md"),
            &hash,
            Path::new("."),
        )
        .await;
        assert!(ok.ok, "{ok:?}");
        let missing = check_content(
            &format!("http://127.0.0.1:{port}/none"),
            &hash,
            Path::new("."),
        )
        .await;
        assert!(missing.verdict.contains("404"), "{missing:?}");
        server.join().unwrap();
    }
}
