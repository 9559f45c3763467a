//! Reading only regular files. A named pipe (FIFO) given as the data or configuration file would
//! block the reader until some writer came, a character device (`/dev/zero`, a terminal) would
//! be read without end, a folder cannot be read at all: each is refused with a sentence saying
//! what the path is. The type is checked before opening (opening a FIFO blocks), the file opened
//! without blocking, and checked again on the open file (the path may have changed in between).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// What a path that is not a regular file is, for messages.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

fn refuse(meta: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "it is {}, not a regular file; partnerdeck reads and writes only regular files",
            kind_of(meta)
        ),
    )
}

/// Opens `path` for reading when it is a regular file (symbolic links followed); `Ok(None)` when
/// nothing is there. Anything else is an error saying what it is, without ever blocking.
pub fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Swapped for a FIFO after the check above, the open still returns at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    Ok(Some(file))
}

/// Reads a whole regular file; `Ok(None)` when there is none. With `limit`, a file longer than
/// `limit` bytes is refused (and never read past it).
pub fn read_regular(path: &Path, limit: Option<u64>) -> io::Result<Option<Vec<u8>>> {
    let Some(file) = open_regular(path)? else {
        return Ok(None);
    };
    let len = file.metadata()?.len();
    let too_long = |n: u64| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is {}, larger than the {} this file may have",
                size(n),
                size(limit.unwrap_or(0))
            ),
        )
    };
    let mut bytes = Vec::new();
    match limit {
        Some(max) if len > max => return Err(too_long(len)),
        // A file growing while read is still cut off at the limit.
        Some(max) => {
            file.take(max + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > max {
                return Err(too_long(bytes.len() as u64));
            }
        }
        None => {
            bytes.reserve(len as usize);
            let mut file = file;
            file.read_to_end(&mut bytes)?;
        }
    }
    Ok(Some(bytes))
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} kB", bytes as f64 / (1 << 10) as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_devices_are_refused_and_missing_files_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let err = open_regular(dir.path()).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
        assert!(open_regular(&dir.path().join("none")).unwrap().is_none());
        #[cfg(unix)]
        {
            let err = read_regular(Path::new("/dev/zero"), None).unwrap_err();
            assert!(err.to_string().contains("character device"), "{err}");
        }
        let f = dir.path().join("f");
        std::fs::write(&f, "abcdef").unwrap();
        assert_eq!(read_regular(&f, Some(6)).unwrap().unwrap(), b"abcdef");
        let err = read_regular(&f, Some(5)).unwrap_err();
        assert!(err.to_string().contains("larger than the 5 bytes"), "{err}");
    }
}
