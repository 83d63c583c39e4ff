//! Reading one file of the knowledge folder as text, safely: its size is checked before it
//! is read and the read stops at the limit, a pipe cannot block it, and a file deleted
//! meanwhile is told apart from one that cannot be read.

use std::io::Read as _;
use std::path::Path;

use super::limits;
use super::problem::Problem;

/// The outcome of reading one file.
pub enum Read {
    Text(String),
    /// Deleted since the folder was listed: part of the next reload, not a problem.
    Vanished,
    Failed(Problem),
}

/// Reads a file as UTF-8, reporting where it is not. Used for case files.
pub fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    match read_text_within(path, path, limits::FILE_BYTES) {
        Read::Text(s) => Some(s),
        Read::Vanished => {
            problems.push(Problem::error(
                path,
                None,
                "this file was deleted while being read",
            ));
            None
        }
        Read::Failed(p) => {
            problems.push(p);
            None
        }
    }
}

/// Reads `path` (named `shown` in messages) as UTF-8 text of at most `limit` bytes. The size
/// is checked before reading, and the read stops past the limit in case the file grows.
pub fn read_text_within(path: &Path, shown: &Path, limit: u64) -> Read {
    let failed = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Read::Vanished
        } else {
            Read::Failed(Problem::error(
                shown,
                None,
                format!("cannot read this file: {e}"),
            ))
        }
    };
    let too_large = |size: u64| {
        Read::Failed(Problem::error(
            shown,
            None,
            format!(
                "this file is {}, over the limit of {} for one file: split it into several documents",
                limits::Size(size),
                limits::Size(limit)
            ),
        ))
    };
    // Non-blocking, so that opening a pipe put where a file was expected cannot hang the
    // bot (a regular file is unaffected); the metadata below then refuses it.
    let opened = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    };
    let file = match opened {
        Ok(f) => f,
        Err(e) => return failed(e),
    };
    let size = match file.metadata() {
        Ok(m) if !m.is_file() => {
            return Read::Failed(Problem::error(
                shown,
                None,
                "this is not a regular file and cannot be read as a document",
            ));
        }
        Ok(m) => m.len(),
        Err(e) => return failed(e),
    };
    if size > limit {
        return too_large(size);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return failed(e);
    }
    if bytes.len() as u64 > limit {
        return too_large(bytes.len() as u64);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Read::Text(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Read::Failed(Problem::error(
                shown,
                Some(line),
                "this file is not saved as UTF-8 text: in your editor choose \"Save as\", encoding UTF-8",
            ))
        }
    }
}
