//! One field of a record read and written as JSON: how a merge conflict's value (kept as
//! JSON text in the file) is put back into its record, and why that can fail.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why `theirs` of a conflict could not be taken; the workspace is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum TheirsError {
    #[error("no such conflict")]
    NoSuchConflict,
    /// Their whole record (deleted, added twice) does not read as a record of its kind.
    #[error("their version of {kind} #{id} cannot be read")]
    Unreadable { kind: String, id: u64 },
    /// The record the conflict is about is no longer in the workspace.
    #[error("{kind} #{id} is gone")]
    Gone { kind: String, id: u64 },
    #[error("a conflict on a {0} cannot be taken from theirs here")]
    Kind(String),
    #[error("the record cannot be read")]
    Record,
    /// Their value of the field is not JSON.
    #[error("their value cannot be read: {0}")]
    Value(serde_json::Error),
    /// Their value does not fit the field.
    #[error("their value does not fit: {0}")]
    Fit(serde_json::Error),
}

/// A record with one field (or one contact, `contacts[key]`) replaced by a JSON value.
pub(super) fn set_field<T: Serialize + DeserializeOwned>(
    record: &T,
    field: &str,
    json: &str,
) -> Result<T, TheirsError> {
    let Ok(Value::Object(mut map)) = serde_json::to_value(record) else {
        return Err(TheirsError::Record);
    };
    let value: Value = serde_json::from_str(json).map_err(TheirsError::Value)?;
    if let Some(key) = field
        .strip_prefix("contacts[")
        .and_then(|k| k.strip_suffix(']'))
    {
        let mut contacts = as_list(map.get("contacts").unwrap_or(&Value::Null));
        let same = |c: &Value| {
            let email = c.get("email").and_then(Value::as_str).unwrap_or("");
            let name = c.get("name").and_then(Value::as_str).unwrap_or("");
            email.eq_ignore_ascii_case(key) || (email.is_empty() && name.eq_ignore_ascii_case(key))
        };
        let at = contacts.iter().position(same);
        match (at, value) {
            (Some(at), Value::Null) => {
                contacts.remove(at);
            }
            (Some(at), v) => contacts[at] = v,
            (None, Value::Null) => {}
            (None, v) => contacts.push(v),
        }
        map.insert("contacts".into(), Value::Array(contacts));
    } else {
        map.insert(field.to_string(), value);
    }
    serde_json::from_value(Value::Object(map)).map_err(TheirsError::Fit)
}

/// A JSON array's items (nothing for anything else).
pub(super) fn as_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        _ => Vec::new(),
    }
}
