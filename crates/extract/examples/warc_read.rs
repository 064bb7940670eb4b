//! Reads every record of WARC/ARC files as the WARC container does in ingest (digests
//! checked, payloads de-chunked and decompressed) and prints `RECORDS PAYLOAD_BYTES`: the
//! Dossier side of `benches/warc-vs-warcio.sh`, which runs warcio on the same files.
//!
//! usage: cargo run --release -p dossier-extract --example warc_read -- FILE...

use std::io::BufReader;

use dossier_extract::warc::RecordReader;

fn main() -> std::io::Result<()> {
    let (mut records, mut bytes) = (0u64, 0u64);
    for file in std::env::args().skip(1) {
        let reader = RecordReader::new(BufReader::with_capacity(
            256 << 10,
            std::fs::File::open(&file)?,
        ))?;
        for record in reader {
            let Ok(record) = record else { break };
            records += 1;
            bytes += record.decoded_payload(usize::MAX).0.len() as u64;
        }
    }
    println!("{records} {bytes}");
    Ok(())
}
