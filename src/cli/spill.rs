//! A buffer for a step's timeline lines, which can only be written after them: the step's
//! heading names its end time. Up to [`IN_MEMORY`] bytes it stays in memory; past that it goes
//! to a temporary file, so that a step of millions of events is printed with bounded memory
//! (issue 22 item 3). The file is removed when the buffer is dropped.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// How much of a step's output is held in memory before it goes to a file.
pub const IN_MEMORY: usize = 8 << 20;

/// Tells apart the files of the buffers of one process.
static NEXT: AtomicU64 = AtomicU64::new(0);

#[derive(Default)]
pub struct Spill {
    mem: Vec<u8>,
    file: Option<(BufWriter<File>, PathBuf)>,
}

impl Spill {
    /// Copies everything written so far to `out`, and empties the buffer.
    pub fn drain_into(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some((w, _)) = &mut self.file {
            w.flush()?;
            let f = w.get_mut();
            f.seek(SeekFrom::Start(0))?;
            io::copy(f, out)?;
            f.set_len(0)?;
            f.seek(SeekFrom::Start(0))?;
        }
        out.write_all(&self.mem)?;
        self.mem.clear();
        Ok(())
    }

    fn move_to_file(&mut self) -> io::Result<()> {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("quorumscope-{}-{n}.timeline", std::process::id()));
        let f = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut w = BufWriter::new(f);
        w.write_all(&self.mem)?;
        self.mem = Vec::new();
        self.file = Some((w, path));
        Ok(())
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.file.is_none() && self.mem.len() + buf.len() > IN_MEMORY {
            self.move_to_file()?;
        }
        match &mut self.file {
            Some((w, _)) => w.write(buf),
            None => self.mem.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some((w, _)) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Some((_, path)) = self.file.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_goes_in_comes_out_in_order_through_memory_or_a_file() {
        let mut s = Spill::default();
        let chunk = vec![b'x'; IN_MEMORY / 3];
        let mut want = Vec::new();
        for k in 0..5u8 {
            let mut c = chunk.clone();
            c[0] = k;
            s.write_all(&c).unwrap();
            want.extend_from_slice(&c);
        }
        let path = s
            .file
            .as_ref()
            .map(|(_, p)| p.clone())
            .expect("spilled to a file");
        let mut out = Vec::new();
        s.drain_into(&mut out).unwrap();
        assert!(out == want);
        // Empty again, and usable again.
        s.write_all(b"tail").unwrap();
        out.clear();
        s.drain_into(&mut out).unwrap();
        assert_eq!(out, b"tail");
        drop(s);
        assert!(!path.exists(), "the file is removed");
    }
}
