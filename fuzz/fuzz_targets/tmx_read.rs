//! Any bytes as a TMX file: the reader returns units or an error, never panics; what it reads
//! can be written and read back to the same units.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_tm::tmx::{TmxReader, TmxWriter};

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = TmxReader::new(data) else {
        return;
    };
    let header = reader.header().clone();
    let Ok(units) = reader.collect::<Result<Vec<_>, _>>() else {
        return;
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).unwrap();
    for unit in &units {
        writer.write_unit(unit).unwrap();
    }
    let bytes = writer.finish().unwrap();
    let again: Vec<_> = TmxReader::new(bytes.as_slice()).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(again.len(), units.len());
});
