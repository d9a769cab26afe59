//! CSV as fidoctl writes it (`--format csv` of `creds list` and `audit`), read by a strict
//! RFC 4180 reader of its own, so a quoting mistake in fidoctl fails a test.

use super::cli::Run;

/// RFC 4180: records end with LF (CRLF accepted), fields are separated by commas, a field in
/// double quotes may hold commas, line breaks and doubled quotes. Anything else (a stray quote
/// inside an unquoted field, text after a closing quote, an unterminated quote) is an error.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    // Whether the current field was quoted (it then ended at its closing quote).
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                        None => return Err(format!("line {line}: unterminated quoted field")),
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(other) => return Err(format!("line {line}: {other:?} after a closing quote")),
                }
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted = false;
                at_field_start = true;
                line += 1;
            }
            c => {
                if quoted {
                    return Err(format!("line {line}: text after a closing quote"));
                }
                at_field_start = false;
                field.push(c);
            }
        }
    }
    if !at_field_start || !record.is_empty() {
        return Err(format!("line {line}: the last record does not end with a line break"));
    }
    Ok(records)
}

/// A CSV document read into a header and named rows.
#[derive(Debug)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// Parse `run`'s stdout; every row must have as many fields as the header.
    #[track_caller]
    pub fn of(run: &Run) -> CsvTable {
        let mut records =
            parse_csv(&run.stdout).unwrap_or_else(|e| panic!("stdout is not CSV: {e}\n{}", run.describe()));
        assert!(!records.is_empty(), "no CSV header\n{}", run.describe());
        let header = records.remove(0);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(
                r.len(),
                header.len(),
                "row {} has {} fields, the header {}\n{}",
                i + 1,
                r.len(),
                header.len(),
                run.describe()
            );
        }
        CsvTable { header, rows: records }
    }

    /// The row whose `device` column is `device` (exactly one).
    #[track_caller]
    pub fn row(&self, device: &str) -> CsvRow<'_> {
        let col = self.column("device");
        let found: Vec<&Vec<String>> = self.rows.iter().filter(|r| r[col] == device).collect();
        assert_eq!(found.len(), 1, "{device} is not in the CSV exactly once: {:#?}", self.rows);
        CsvRow { table: self, fields: found[0] }
    }

    #[track_caller]
    fn column(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no CSV column {name}: {:?}", self.header))
    }
}

pub struct CsvRow<'a> {
    table: &'a CsvTable,
    fields: &'a [String],
}

impl CsvRow<'_> {
    #[track_caller]
    pub fn get(&self, column: &str) -> &str {
        &self.fields[self.table.column(column)]
    }
}
