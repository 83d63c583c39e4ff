//! How much a knowledge folder may hold. A clinic's whole library is a few megabytes and a
//! few hundred passages; these limits sit far above that, and exist so that a mistaken copy
//! or a hostile file is refused with a clear message instead of exhausting the bot.

use std::fmt;

/// The limits a folder is read under. [`Limits::default`] is what the bot uses; tests use
/// smaller ones to reach them cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single file (document or settings), in bytes. Checked from the file's size
    /// before it is read, and the read itself stops there.
    pub file_bytes: u64,
    /// All files read together (documents, settings, cases), in bytes.
    pub folder_bytes: u64,
    /// Entries in the folder and its subfolders, skipped ones included.
    pub files: usize,
    /// Passages in all documents together.
    pub passages: usize,
    /// Problems kept for one file (or for the cross-document checks); the rest are counted.
    /// Bounds memory when a file holds a mistake on each of its million lines.
    pub problems_per_file: usize,
}

/// Telegram refuses a message longer than this, counted in UTF-16 code units: an answer with
/// its wording must fit in one, and the Telegram front end splits longer texts at it.
pub const TELEGRAM_MESSAGE: usize = 4096;

/// 4 MiB for one file: the clinic's seed leaflet is 10 KB, so about 400 leaflets in one file.
pub const FILE_BYTES: u64 = 4 * 1024 * 1024;
/// 32 MiB for the folder: thousands of leaflets. Building the engine takes about 6 bytes of
/// memory per byte of text plus 25 MB: one 32 MB document peaked at 219 MB and loaded in
/// 5.2 s (release, `benches/memory.rs`), inside the 300 MB and 10 s the bot may spend on a
/// hostile folder.
pub const FOLDER_BYTES: u64 = 32 * 1024 * 1024;
/// 20,000 entries: a few thousand documents fit the folder size; the rest is room for skipped
/// files and folders.
pub const FILES: usize = 20_000;
/// 100,000 passages: 100,000 tiny paragraphs load in about 3.3 s and 205 MB (release).
pub const PASSAGES: usize = 100_000;
/// 100 problems a file: more than anyone fixes before running `check` again.
pub const PROBLEMS_PER_FILE: usize = 100;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: FILE_BYTES,
            folder_bytes: FOLDER_BYTES,
            files: FILES,
            passages: PASSAGES,
            problems_per_file: PROBLEMS_PER_FILE,
        }
    }
}

/// A byte count as staff read it: "4 MB", "512 KB", "300 bytes".
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KB: u64 = 1024;
        const MB: u64 = 1024 * KB;
        let n = self.0;
        if n >= MB && n.is_multiple_of(MB) {
            write!(f, "{} MB", n / MB)
        } else if n >= MB {
            write!(f, "{:.1} MB", n as f64 / MB as f64)
        } else if n >= KB && n.is_multiple_of(KB) {
            write!(f, "{} KB", n / KB)
        } else if n >= KB {
            write!(f, "{:.1} KB", n as f64 / KB as f64)
        } else {
            write!(f, "{n} bytes")
        }
    }
}

/// A count with thousands separators, as in the messages: "100,000".
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_like_prose() {
        assert_eq!(Size(FILE_BYTES).to_string(), "4 MB");
        assert_eq!(Size(FILE_BYTES + 1).to_string(), "4.0 MB");
        assert_eq!(Size(1536).to_string(), "1.5 KB");
        assert_eq!(Size(12).to_string(), "12 bytes");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
    }
}
