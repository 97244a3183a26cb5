//! A criterion measurement of the CPU time the benchmark thread used, not wall time: on a
//! shared machine a run waits for a core for a varying share of its wall time, and the
//! targets of issue 24 are stated in CPU. Linux: the first field of
//! `/proc/thread-self/schedstat` (nanoseconds on a CPU). Elsewhere it falls back to wall time
//! (criterion's default), and says so once.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::Throughput;
use std::sync::Once;
use std::time::Instant;

/// CPU time of the calling thread (see the module doc).
pub struct CpuTime;

static FALLBACK: Once = Once::new();
static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Nanoseconds of CPU this thread has used, or of wall time since the first call where the
/// kernel does not say.
fn now_ns() -> u64 {
    let cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok());
    cpu.unwrap_or_else(|| {
        FALLBACK.call_once(|| {
            eprintln!("cpu_time: no /proc/thread-self/schedstat, measuring wall time")
        });
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    })
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        now_ns()
    }
    fn end(&self, i: u64) -> u64 {
        now_ns().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns cpu")
        } else if ns < 1e6 {
            (1e-3, "µs cpu")
        } else if ns < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        for v in values {
            *v *= factor;
        }
        unit
    }

    /// Elements per CPU-second (the only throughput these benches declare).
    fn scale_throughputs(&self, _typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let elems = match *t {
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => e,
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => b,
            Throughput::Bits(b) => b,
        } as f64;
        for v in values {
            *v = elems * 1e9 / *v;
        }
        "elem/cpu-s"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
