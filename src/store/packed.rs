//! The zstd side of backups: packing a version into one self-contained frame, and unpacking a
//! copy with bounds (on the output size and on the decoder's memory), so a damaged or hostile
//! `.ron.zst` in `backups/` gives an error naming what is wrong, never a panic or a runaway
//! allocation. The measurements behind the level are in [`backup`](super::backup)'s notes.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The zstd level of new backups: zstd's default. On the generated workspaces, levels 1 to 4
/// compress within 2% of each other at the same speed (≈ 12×, ≈ 600 MB/s); level 3 packs
/// free prose about 10% tighter than level 1; level 5 and above take 5–6 times as long (the
/// 110 MB file: 1.1 s instead of 0.2 s) for copies 15% smaller.
pub const LEVEL: i32 = 3;

/// The largest text a compressed backup is unpacked to: 1 GiB, about nine times the extreme
/// benchmark workspace. A copy saying (or turning out) to hold more is refused, whatever its
/// header declares.
pub const MAX_UNPACKED: u64 = 1 << 30;

/// The decoder's largest window (2^27 = 128 MiB, zstd's own default limit), which bounds its
/// memory; level 3 writes windows of at most 2^21.
const WINDOW_LOG_MAX: u32 = 27;

/// `bytes` as one zstd frame, single-threaded, with the content size in the header (for
/// `zstd -l`) and a checksum of the content (so a flipped bit is found on unpacking).
pub fn pack(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder =
        zstd::stream::write::Encoder::new(Vec::with_capacity(bytes.len() / 8), LEVEL)?;
    encoder.include_checksum(true)?;
    encoder.include_contentsize(true)?;
    encoder.set_pledged_src_size(Some(bytes.len() as u64))?;
    io::Write::write_all(&mut encoder, bytes)?;
    encoder.finish()
}

/// A reader of the text inside a compressed copy (the whole stream must be well-formed: a
/// frame cut short, trailing bytes that are not zstd, or a checksum that does not match are
/// read errors).
fn unpacker(file: File) -> io::Result<impl Read> {
    let mut decoder = zstd::stream::read::Decoder::new(file)?;
    decoder.window_log_max(WINDOW_LOG_MAX)?;
    Ok(decoder)
}

/// The frame's declared content size, when the header says; only ever used to refuse early or to
/// tell two versions apart, never to size a buffer.
fn declared_size(file: &mut File) -> io::Result<Option<u64>> {
    use std::io::Seek as _;
    let mut head = [0u8; 18]; // the longest frame header
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    file.seek(io::SeekFrom::Start(0))?;
    Ok(zstd::zstd_safe::get_frame_content_size(&head[..n])
        .ok()
        .flatten())
}

/// What went wrong unpacking, as a sentence.
fn damaged(error: &io::Error) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the compressed copy is damaged or cut short (zstd: {error})"),
    )
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the compressed copy unpacks to more than {}, more than a backup may hold",
            if limit >= 1 << 20 {
                format!("{} MiB", limit >> 20)
            } else {
                format!("{limit} bytes")
            }
        ),
    )
}

/// Unpacks a compressed copy into memory, refusing more than [`MAX_UNPACKED`] bytes.
pub fn unpack(file: File) -> io::Result<Vec<u8>> {
    unpack_at_most(file, MAX_UNPACKED)
}

fn unpack_at_most(mut file: File, limit: u64) -> io::Result<Vec<u8>> {
    if declared_size(&mut file)?.is_some_and(|n| n > limit) {
        return Err(too_large(limit));
    }
    let packed_len = file.metadata()?.len();
    // A start for the buffer from what is on disk (RON packs ≈ 12×), capped: it grows as needed.
    let guess = packed_len.saturating_mul(16).min(limit).min(256 << 20);
    let mut out = Vec::with_capacity(guess as usize);
    unpacker(file)?
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged(&e))?;
    if out.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(out)
}

/// Whether the compressed copy holds exactly `bytes` (read as a stream; a damaged copy holds
/// nothing).
pub fn holds(mut file: File, bytes: &[u8]) -> bool {
    match declared_size(&mut file) {
        Ok(Some(n)) if n != bytes.len() as u64 => return false,
        Ok(_) => {}
        Err(_) => return false,
    }
    let Ok(reader) = unpacker(file) else {
        return false;
    };
    let mut reader = reader.take(bytes.len() as u64 + 1);
    let mut buf = vec![0u8; 64 << 10];
    let mut seen = 0usize;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return seen == bytes.len(),
            Ok(k) => {
                if bytes.get(seen..seen + k) != Some(&buf[..k]) {
                    return false;
                }
                seen += k;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Whether a backup's file name says it is compressed.
pub fn is_packed(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "zst")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn file_with(bytes: &[u8]) -> (tempfile::NamedTempFile, File) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        let file = File::open(f.path()).unwrap();
        (f, file)
    }

    #[test]
    fn packs_and_unpacks_and_compares() {
        let text = "(version: 1, name: \"x\")\n".repeat(1000);
        let packed = pack(text.as_bytes()).unwrap();
        assert!(packed.len() * 10 < text.len());
        let (_f, file) = file_with(&packed);
        assert_eq!(unpack(file).unwrap(), text.as_bytes());
        let (_f, file) = file_with(&packed);
        assert!(holds(file, text.as_bytes()));
        let (_f, file) = file_with(&packed);
        assert!(!holds(file, &text.as_bytes()[1..]));
        let mut other = text.clone().into_bytes();
        other[500] = b'#';
        let (_f, file) = file_with(&packed);
        assert!(!holds(file, &other), "same size, other bytes");
    }

    #[test]
    fn damaged_copies_are_errors() {
        let text = "(version: 1, name: \"x\")\n".repeat(1000);
        let packed = pack(text.as_bytes()).unwrap();
        let mut flipped = packed.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x40;
        let mut trailing = packed.clone();
        trailing.extend_from_slice(b"not zstd");
        for bad in [
            &packed[..packed.len() - 5],
            &packed[..packed.len() / 2],
            &packed[..3],
            &b""[..],
            &b"(version: 1)"[..],
            &flipped[..],
            &trailing[..],
        ] {
            let (_f, file) = file_with(bad);
            let err = unpack(file).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
            assert!(err.to_string().contains("damaged or cut short"), "{err}");
            let (_f, file) = file_with(bad);
            assert!(!holds(file, text.as_bytes()));
        }
    }

    #[test]
    fn a_copy_declaring_or_unpacking_to_too_much_is_refused() {
        let text = vec![b'x'; 64 << 10];
        // The header declares more than the limit: refused before any unpacking.
        let (_f, file) = file_with(&pack(&text).unwrap());
        let err = unpack_at_most(file, 1000).unwrap_err();
        assert!(err.to_string().contains("more than 1000 bytes"), "{err}");
        // No declared size (a zip bomb's shape): refused once the limit is passed.
        let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), 1).unwrap();
        encoder.include_contentsize(false).unwrap();
        encoder.write_all(&text).unwrap();
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 100, "{} bytes", bomb.len());
        let (_f, file) = file_with(&bomb);
        let err = unpack_at_most(file, 1000).unwrap_err();
        assert!(err.to_string().contains("more than 1000 bytes"), "{err}");
        let (_f, file) = file_with(&bomb);
        assert_eq!(unpack_at_most(file, 64 << 10).unwrap(), text);
    }
}
