//! A `BufRead` wrapper that remembers where recent lines start, so that a streaming XML error can
//! be given a line and column without keeping the whole file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// How many recent line starts are kept; errors are always near the read position.
const KEPT_LINES: usize = 1 << 16;

pub(crate) struct LineCounter<R> {
    inner: R,
    consumed: u64,
    lines_before_kept: u64,
    kept: VecDeque<u64>,
}

impl<R: BufRead> LineCounter<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            consumed: 0,
            lines_before_kept: 0,
            kept: VecDeque::new(),
        }
    }

    /// The reader it wraps.
    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }

    /// 1-based line and column of byte `offset` of the stream.
    pub(crate) fn position(&self, offset: u64) -> (u64, u64) {
        let after = self.kept.partition_point(|&start| start <= offset);
        let line = self.lines_before_kept + after as u64 + 1;
        let start = match after.checked_sub(1).and_then(|i| self.kept.get(i)) {
            Some(&start) => start,
            None => 0,
        };
        (line, offset.saturating_sub(start) + 1)
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        if let (Some(target), Some(source)) = (buf.get_mut(..n), available.get(..n)) {
            target.copy_from_slice(source);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let taken = buffer.get(..amount).unwrap_or(buffer);
            for (index, &byte) in taken.iter().enumerate() {
                if byte == b'\n' {
                    if self.kept.len() == KEPT_LINES {
                        self.kept.pop_front();
                        self.lines_before_kept += 1;
                    }
                    self.kept.push_back(self.consumed + index as u64 + 1);
                }
            }
        }
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}
