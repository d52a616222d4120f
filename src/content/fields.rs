//! The fields a front matter may have, as serde reads them: shared by the fast reader of
//! plain YAML ([`super::plain_yaml`]) and the full parsers ([`super::front_matter`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// Every key a front matter may have.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "author",
    "authors",
    "tags",
    "summary",
    "slug",
    "draft",
    "source",
    "source_name",
    "image",
    "image_caption",
    "id",
    "category",
    "extra",
];

/// A date as written: a string, or a TOML date-time literal.
#[derive(Debug, Clone, PartialEq)]
pub struct DateInput(pub String);

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2022-01-27T14:52:00+07:00 or 2022-01-27")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                Ok(DateInput(v.to_string()))
            }
            // TOML date-times arrive as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateInput, A::Error> {
                let (_, value): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("empty date"))?;
                Ok(DateInput(value))
            }
        }
        d.deserialize_any(V)
    }
}

/// One string or a list of strings (`tags: Ekonomi` or `tags: [Ekonomi, Jakarta]`), or
/// something else, which validation refuses on the key's line (a parser's message about a
/// value deep in a list would name neither the key nor its line).
#[derive(Debug, Clone, PartialEq)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
    /// Not a string nor a list of strings (a number, a map, a list of lists…).
    Invalid,
}

impl OneOrMany {
    /// The strings, or `None` for a value that is not one or a list of them.
    pub fn into_vec(self) -> Option<Vec<String>> {
        match self {
            OneOrMany::One(s) => Some(vec![s]),
            OneOrMany::Many(v) => Some(v),
            OneOrMany::Invalid => None,
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyValueVisitor).map(|v| match v {
            AnyValue::Text(s) => OneOrMany::One(s),
            AnyValue::List(items) => items
                .into_iter()
                .map(|item| match item {
                    AnyValue::Text(s) => Some(s),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>()
                .map_or(OneOrMany::Invalid, OneOrMany::Many),
            AnyValue::Other => OneOrMany::Invalid,
        })
    }
}

/// Any value, kept only as far as a list of strings needs.
enum AnyValue {
    Text(String),
    List(Vec<AnyValue>),
    Other,
}

impl<'de> Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyValueVisitor)
    }
}

struct AnyValueVisitor;

impl<'de> Visitor<'de> for AnyValueVisitor {
    type Value = AnyValue;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or a list of strings")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<AnyValue, E> {
        Ok(AnyValue::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<AnyValue, E> {
        Ok(AnyValue::Text(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<AnyValue, D::Error> {
        d.deserialize_any(AnyValueVisitor)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<AnyValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<AnyValue>()? {
            items.push(item);
        }
        Ok(AnyValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyValue, A::Error> {
        // Read, not skipped: serde_ignored, which tracks unknown keys, needs each key.
        while map.next_entry::<AnyValue, AnyValue>()?.is_some() {}
        Ok(AnyValue::Other)
    }
}

/// The front matter as written, before validation.
#[derive(Debug, PartialEq, Deserialize)]
pub struct FrontMatter {
    pub title: String,
    pub date: DateInput,
    pub updated: Option<DateInput>,
    pub author: Option<OneOrMany>,
    pub authors: Option<OneOrMany>,
    pub tags: Option<OneOrMany>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub source: Option<String>,
    pub source_name: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub id: Option<String>,
    pub category: Option<String>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}
