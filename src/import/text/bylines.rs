//! Bylines in their many forms ("LAPORAN: RENI ERINA", "Oleh: A dan B", "Name - detikNews",
//! "Reporter:" with the name on the next line) and the credits they give.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A byline role at the start of a line or after a separator. "Laporan Wartawan X.com, NAME"
/// (Tribun) names the outlet between the role and the name.
pub(super) static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:^|[\s|•·;,(\[])(?:
            (?P<outlet>laporan\s+(?:wartawan|reporter|kontributor|koresponden)\s+[^,]{1,60},)
          | (?P<short>rep|red)\s*[:：]
          | (?P<role>additional\s+reporting\s+by|reporting\s+by|reported\s+by|writing\s+by|written\s+by|ditulis\s+oleh
            |ditinjau\s+oleh|diterjemahkan\s+oleh|reviewed\s+by|translated\s+by|penerjemah|alih\s+bahasa
            |editing\s+by|edited\s+by|words\s+by|fotografer|pewarta\s+foto|photographer|laporan|liputan|penulis|reporter|wartawan|jurnalis|pewarta|kontributor
            |koresponden|oleh|author|writer|editor|penyunting|redaktur|pawarta|teks|by)\b
        )\s*(?P<colon>[:：])?\s*",
    )
    .expect("valid regex")
});

pub(super) fn role_of(word: &str) -> Role {
    let word = word.to_lowercase();
    // An editor, a reviewer ("Ditinjau oleh: dr. …") or a translator never wrote the story.
    let editor = ["penyunting", "redaktur", "red", "penerjemah"].contains(&word.as_str())
        || [
            "edit",
            "ditinjau",
            "reviewed",
            "diterjemahkan",
            "translated",
            "alih",
        ]
        .iter()
        .any(|w| word.starts_with(w));
    // A photographer or an additional reporter is the author of a story no writer is named
    // for (a photo story).
    let contributor =
        ["fotografer", "photographer"].contains(&word.as_str()) || word.starts_with("pewarta foto");
    if editor {
        Role::Editor
    } else if contributor || word.starts_with("additional") {
        Role::Contributor
    } else {
        Role::Writer
    }
}

/// "Reni Erina - detikNews", "Deny Prastyo Utomo - detikJatim": a name and the outlet.
pub(super) static NAME_AND_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,4})\s+[-–—|]\s+(?P<outlet>\S+)$",
    )
    .expect("valid regex")
});

/// The name in "Deny Prastyo Utomo - detikJatim".
pub(super) fn name_and_outlet(text: &str) -> Option<String> {
    let caps = NAME_AND_OUTLET.captures(text)?;
    looks_like_outlet(&caps["outlet"]).then(|| tidy_name(&caps["name"]))
}

/// An outlet as bylines write it: a domain ("Kompas.com") or a brand in camel case ("detikJatim").
pub(super) fn looks_like_outlet(word: &str) -> bool {
    let domain = word.contains('.') && word.chars().last().is_some_and(char::is_alphabetic);
    let camel =
        word.starts_with(|c: char| c.is_lowercase()) && word.chars().any(char::is_uppercase);
    domain || camel
}

/// Reads a byline line, with or without a date in it.
pub(super) fn byline(text: &str, rules: &Rules) -> Option<Kind> {
    if text.chars().count() > 160 {
        return None;
    }
    let found = dates::find_date(text);
    let without_date = match &found {
        Some(f) => {
            let before = DAY_NAME_AT_END.replace(&text[..f.span.start], "");
            format!("{before} {}", &text[f.span.end..])
        }
        None => text.to_string(),
    };
    let date = found
        .as_ref()
        .and_then(|_| dates::parse_date_with(text, date_patterns(rules)));
    match credits_in(without_date.trim(), found.is_some())? {
        RoleLine::Credits(credits) => Some(Kind::Byline(credits, date)),
        RoleLine::RoleOnly(role) => Some(Kind::RoleOnly(role)),
    }
}

/// The day's name written before a date ("… · Kamis 27 Januari 2022").
pub(super) static DAY_NAME_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b[\s,.]*$")
        .expect("valid regex")
});

/// "Feby Novalius, Jurnalis" (Okezone): the name first, then the role.
pub(super) static NAME_THEN_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<name>[^,|•·]{2,60}),\s*(?P<role>jurnalis|reporter|wartawan|kontributor|koresponden|penulis|editor)\b[\s·•|,-]*$")
        .expect("valid regex")
});

/// The credits of a byline in any of its forms (`without_date`: the line with its date taken
/// out). "Name - outlet" counts only with a date on the line; alone, it needs one next to it
/// (see `names_next_to_datelines`), since "Judul Berita - detikNews" has the same shape.
pub(super) fn credits_in(without_date: &str, has_date: bool) -> Option<RoleLine> {
    let name_and_outlet = has_date
        .then(|| name_and_outlet(without_date.trim_end_matches(|c: char| " |•·,-–".contains(c))))
        .flatten();
    if let Some(name) = name_and_outlet {
        return Some(RoleLine::Credits(vec![Credit {
            name,
            role: Role::Writer,
        }]));
    }
    if let Some(caps) = NAME_THEN_ROLE.captures(without_date) {
        let name = tidy_name(&caps["name"]);
        return is_name_like(&name).then(|| {
            RoleLine::Credits(vec![Credit {
                name,
                role: role_of(&caps["role"]),
            }])
        });
    }
    // "Posted on January 27, 2022 by John Smith": the labels before the date are no name.
    let without_labels = if has_date {
        skip_date_labels(without_date)
    } else {
        without_date
    };
    role_credits(without_labels)
}

/// The text after the dateline labels it starts with ("Posted on", "Diterbitkan pada").
pub(super) fn skip_date_labels(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !DATELINE_WORDS.contains(&word.as_str()) || word == "by" {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

pub(super) fn date_patterns(rules: &Rules) -> &[Regex] {
    rules
        .source
        .as_ref()
        .map_or(&[], |s| s.date_patterns.as_slice())
}

pub(super) enum RoleLine {
    Credits(Vec<Credit>),
    RoleOnly(Role),
}

/// "Penulis Rahel Narda Chaterine | Editor Dani Prabowo", "By A and B", "Reporter:" (name below).
/// The line must start with a role, and every name after a role without a colon must look like
/// one ("Oleh karena itu, …" is prose).
pub(super) fn role_credits(text: &str) -> Option<RoleLine> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || "•·*-([".contains(c));
    let roles: Vec<_> = ROLE.captures_iter(text).collect();
    let first = roles.first()?.get(0)?;
    if text[..first.start()].trim() != "" {
        return None;
    }
    let mut credits = Vec::new();
    for (i, caps) in roles.iter().enumerate() {
        let end = roles
            .get(i + 1)
            .and_then(|c| c.get(0))
            .map_or(text.len(), |m| m.start());
        let role = caps
            .name("role")
            .or(caps.name("short"))
            .map_or(Role::Writer, |m| role_of(m.as_str()));
        let part = &text[caps.get(0)?.end()..end];
        let names = split_names(part);
        if names.is_empty() && roles.len() == 1 && part.trim().is_empty() {
            return Some(RoleLine::RoleOnly(role));
        }
        if names.iter().all(|n| is_name_like(n)) && !names.is_empty() {
            credits.extend(names.into_iter().map(|name| Credit { name, role }));
            continue;
        }
        // "Editor: redaksi" is still a byline, if no name; without a colon it may be prose.
        let labelled = caps.name("colon").is_some()
            || caps.name("short").is_some()
            || caps.name("outlet").is_some();
        if !labelled || word_count(part) > 8 {
            return None;
        }
    }
    Some(RoleLine::Credits(credits))
}

/// Words that join a name to what follows it in a byline ("Oleh X pada 05 Sep 2023").
pub(super) const NAME_TAIL_WORDS: &[&str] = &[
    "pada", "on", "at", "di", "in", "dari", "from", "|", "-", "–", "—",
];

/// The names in a byline's name part: up to the first separator, split at "dan", "and", "&", ",".
pub(super) fn split_names(part: &str) -> Vec<String> {
    let part = part
        .split(['|', '•', '·', ';', '/', '(', ')', '[', ']'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("")
        .split(" – ")
        .next()
        .unwrap_or("");
    static JOINERS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s+(?:dan|and|&)\s+|\s*,\s*").expect("valid regex"));
    let mut names: Vec<String> = JOINERS
        .split(part)
        .map(tidy_name)
        .filter(|n| !n.is_empty())
        .collect();
    // "By Jane Doe, Staff Writer": the job is no second author (but "Oleh: Tim Redaksi" stays).
    if names.len() > 1 {
        names.retain(|n| !JOB_TITLE.is_match(n));
    }
    // "Rudi Hartono, S.H.": a degree after the name is no second author.
    names.retain(|n| !is_academic_degree(n));
    // "Oleh: Admin Diskominfo": the posting account is no author; the line stays a byline.
    names.retain(|n| !crate::import::names::is_account_name(n));
    names
}

/// A newsroom's desk named where a byline goes: "Tim Redaksi", "Redaksi", "Tim Liputan".
pub(super) fn is_desk_name(name: &str) -> bool {
    static DESK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:tim|team)\b|^(?:redaksi|newsroom|staff)$").expect("valid regex")
    });
    DESK.is_match(name.trim()) || JOB_TITLE.is_match(name)
}

pub(super) static JOB_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|jurnalis|wartawan|kontributor|koresponden|penulis|redaksi)\b")
        .expect("valid regex")
});

/// Trims separators and joining words off a name, and turns a name in capitals into title case.
pub(super) fn tidy_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| NAME_TAIL_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let name = words.join(" ");
    let name =
        name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
    title_case_if_shouting(&without_titles(name))
}

/// "Yosef Rangga | Iwan Supriyatna" or "Deny Prastyo Utomo - detikJatim" next to a dateline: a
/// byline without roles. Only several names, so a headline in title case is never taken for one.
pub(super) fn names_next_to_datelines(lines: &[String], kinds: &mut [Kind]) {
    for i in 0..kinds.len() {
        if kinds[i] != Kind::Text {
            continue;
        }
        let prev = (0..i).rev().find(|&j| kinds[j] != Kind::Blank);
        let next = (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank);
        let near_dateline = [prev, next]
            .into_iter()
            .flatten()
            .any(|j| matches!(kinds[j], Kind::Dateline { .. }));
        let names = near_dateline
            .then(|| {
                name_and_outlet(&lines[i])
                    .map(|n| vec![n])
                    .or_else(|| names_only(&lines[i]))
            })
            .flatten();
        if let Some(names) = names {
            kinds[i] = Kind::Byline(
                names
                    .into_iter()
                    .map(|name| Credit {
                        name,
                        role: Role::Writer,
                    })
                    .collect(),
                None,
            );
        }
    }
}

pub(super) fn names_only(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > 100 {
        return None;
    }
    let names: Vec<String> = text.split(['|', '/', ';']).map(tidy_name).collect();
    let enough = (2..=3).contains(&names.len());
    let all_names = names
        .iter()
        .all(|n| is_name_like(n) && (2..=4).contains(&word_count(n)));
    (enough && all_names).then_some(names)
}

/// "Reporter:" on one line and the name on the next (Tempo): the pair becomes one byline.
pub(super) fn attach_names_to_roles(lines: &[String], kinds: &mut [Kind]) {
    for i in 0..kinds.len() {
        let Kind::RoleOnly(role) = kinds[i] else {
            continue;
        };
        let next = (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank);
        match next {
            // At most five words: a headline right below "Editor:" is no name.
            Some(j)
                if kinds[j] == Kind::Text
                    && is_name_like(&tidy_name(&lines[j]))
                    && word_count(&lines[j]) <= 5 =>
            {
                kinds[i] = Kind::Byline(
                    vec![Credit {
                        name: tidy_name(&lines[j]),
                        role,
                    }],
                    None,
                );
                kinds[j] = Kind::Junk("byline".into());
            }
            _ => kinds[i] = Kind::Junk("byline".into()),
        }
    }
}
