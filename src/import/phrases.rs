//! Lines no article needs, recognised by what they say: the one vocabulary of line rules
//! that both importers (text dumps and HTML pages) use, so a line is judged the same way
//! whichever importer reads it, and `--explain` names its rule the same way.
//!
//! The rules are general patterns of a kind of line, in Indonesian and English, never one
//! site's lines: "read also" links, advertisements and promos with a phone number, follow,
//! share and subscribe prompts, app and cookie notices, comment policies, author bios,
//! pagination, copyright lines, page widgets and logo alt texts. A line longer than
//! [`MAX_JUNK_LINE_WORDS`] words is prose and never junk.

use std::sync::LazyLock;

use regex::Regex;

/// Rule names, as `--explain` prints them.
pub mod rule {
    pub const READ_ALSO: &str = "read-also line";
    pub const ADVERTISEMENT: &str = "advertisement";
    pub const PROMO: &str = "follow/subscribe promo";
    pub const SHARE: &str = "share buttons";
    pub const NOTICE: &str = "app or cookie notice";
    pub const COMMENT_POLICY: &str = "comment policy";
    pub const COMMENTS_PROMPT: &str = "comments prompt";
    pub const AUTHOR_BIO: &str = "author bio";
    pub const PAGINATION: &str = "pagination";
    pub const SYNDICATION: &str = "syndication note";
    pub const COPYRIGHT: &str = "copyright line";
    pub const EMBED: &str = "embed placeholder";
    pub const VIDEO_PROMO: &str = "video promo";
    pub const EDITOR_INITIALS: &str = "editor initials";
    pub const WIDGET: &str = "page widget";
    pub const LOGO: &str = "logo alt text";
    pub const SEPARATOR: &str = "separator";
}

/// Phrase rules apply to lines of at most this many words; longer lines are prose.
pub const MAX_JUNK_LINE_WORDS: usize = 40;

/// The rules in order: the first that matches names the drop.
static PHRASE_RULES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let rules: &[(&str, &str)] = &[
        (
            rule::READ_ALSO,
            r"(?i)^[\s•·*-]*(?:baca(?:\s+juga|\s+pula)?|lihat\s+juga|simak\s+juga|cek\s+juga|read\s+also|also\s+read|read\s+more|see\s+also|pilihan\s+editor|editor'?s\s+picks?|artikel\s+terkait|berita\s+terkait|related)\s*[:：»>–-]\s*\S",
        ),
        (
            rule::READ_ALSO,
            r"(?i)^\W*(?:baca|lihat|simak|cek|klik|tonton|saksikan)\s+(?:juga|pula|selengkapnya|video)\b|^\W*pilihan\s+editor\s*:|^\W*(?:read|see)\s+(?:also|more)\b|^\W*(?:related|recommended)\s*(?:articles?|stories|reading)?\s*:|^\W*(?:berita|artikel)\s+(?:terkait|lainnya|pilihan)\s*:",
        ),
        (
            rule::READ_ALSO,
            r"(?i)^\W*(?:baca|lihat|simak)\s+(?:berita|artikel)\s+(?:lainnya|lain|terkait|menarik)\b|^\W*also\s+on\s+\S+\.\S+",
        ),
        (
            rule::ADVERTISEMENT,
            r"(?i)^[\s\-–—_*\[(]*(?:advertisements?|advertorial|iklan|ads|sponsored(?:\s+content)?|konten\s+bersponsor|promoted(?:\s+content)?)[\s\-–—_*\])]*$",
        ),
        (
            rule::ADVERTISEMENT,
            r"(?i)^\W*(?:scroll|gulir)\b.{0,40}\b(?:continue|lanjut|melanjutkan|membaca|baca)\b.{0,30}$|^\W*(?:story\s+continues\s+below|artikel\s+berlanjut|lanjut(?:kan)?\s+(?:baca|membaca)|continue\s+reading)\b.{0,30}$",
        ),
        (
            rule::ADVERTISEMENT,
            r"(?i)^\W*(?:pasang\s+iklan|info\s+iklan|layanan\s+iklan|iklan\s+(?:murah|baris|anda))\b",
        ),
        (
            // A contact word next to a mobile number: "Hubungi WA 0812-3456-7890".
            rule::ADVERTISEMENT,
            r"(?i)\b(?:hubungi|kontak|contact|call|wa|whatsapp|telp|telepon|sms|order|pesan)\b\W{0,4}(?:\+?62|0)8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}\b",
        ),
        (
            rule::PROMO,
            r"(?i)^temukan\s+berita.*google\s+news|^untuk\s+mengikuti\b.{0,80}\b(?:klik|bintang|follow|ikuti)",
        ),
        (
            rule::PROMO,
            r"(?i)\b(?:whatsapp\s+channel|saluran\s+whatsapp|telegram\s+channel|klik\s+tanda\s+bintang)\b|^.*\b(?:temukan|ikuti|follow|simak|klik|gabung|join|pantau|dapatkan|update|akses)\b.*\b(?:google\s+news|whatsapp\s+channel|saluran\s+whatsapp|telegram)\b",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:ikuti|follow)\b.{0,120}\b(?:kami|us|google\s+news|instagram|twitter|facebook|tiktok|youtube|whatsapp|telegram|channel|saluran|akun|grup|group)\b.{0,80}$",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:gabung|bergabung|join)\b.{0,120}\b(?:google\s+news|instagram|twitter|facebook|tiktok|youtube|whatsapp|telegram|channel|saluran|grup|group)\b.{0,80}$",
        ),
        (
            rule::PROMO,
            r"(?i)^(?:dapatkan|simak|update|pantau|nikmati|baca)\b.{0,200}\b(?:berita|news|update|informasi|info)\b.{0,200}\b(?:google\s+news|whatsapp|telegram|channel|saluran|aplikasi|grup|akun|daftar|klik)\b",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:subscribe|berlangganan|sign\s+up)\b.{0,100}$",
        ),
        (
            rule::PROMO,
            r"(?i)^.{0,60}(?:\b(?:sign\s+up|subscribe|daftar|berlangganan|langganan)\b.{0,60}\b(?:newsletters?|buletin|inbox)\b|\b(?:newsletters?|buletin)\b.{0,60}\b(?:sign\s+up|subscribe|daftar|berlangganan|langganan)\b).{0,60}$",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:you\s+(?:have\s+been|are|'re)\s+)?(?:now\s+)?(?:successfully\s+)?subscribed\b|^\W*thank(?:s|\s+you)\s+for\s+(?:subscribing|signing\s+up)\b|^\W*terima\s+kasih\s+(?:telah|sudah)\s+(?:berlangganan|mendaftar)\b",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:like|liked|enjoy|enjoyed|love|loved|suka)\s+(?:this|artikel|berita)\s*(?:story|article|post|piece|ini)?\s*\?.{0,80}$|\bshare\s+(?:it|this(?:\s+\w+)?)\s+with\s+(?:a\s+)?friends?\b|\bbagikan\s+(?:ke|kepada)\s+teman\b",
        ),
        (
            rule::SHARE,
            r"(?i)^\W*(?:share|bagikan|share\s+this(?:\s+article|\s+story)?|bagikan\s+(?:artikel|berita)\s+ini|salin\s+(?:link|tautan)|copy\s+link)\b\W*(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|\W)*$",
        ),
        (
            rule::NOTICE,
            r"(?i)\b(?:we|this\s+(?:site|website)|our\s+(?:site|website))\s+uses?\s+cookies\b|\b(?:kami|situs\s+ini)\s+menggunakan\s+(?:cookie|kuki)|\bwe\s+value\s+your\s+privacy\b|^\W*(?:accept|reject|manage|allow)\s+(?:all\s+)?cookies\W*$|\bcookie\s+(?:policy|settings|preferences|consent)\b|\bby\s+continuing\s+to\s+(?:browse|use)\b.{0,80}\b(?:agree|consent|accept)",
        ),
        (
            rule::NOTICE,
            r"(?i)^\W*(?:download|unduh|get|install|pasang)\s+(?:the\s+|our\s+)?(?:[\w.-]+\s+){0,3}(?:app|apps|aplikasi)\b.{0,100}$|\b(?:available|tersedia)\s+(?:on|in|di)\s+(?:the\s+)?(?:app\s+store|google\s+play|play\s+store)\b|^\W*make\s+\S+(?:\s+\S+)?\s+(?:my|your)\s+home\s*page\b",
        ),
        (
            rule::COMMENT_POLICY,
            r"(?i)\b(?:comments?|commenting)\s+(?:policy|guidelines|rules)\b|\bcomments\s+are\s+(?:moderated|closed|reviewed)\b|\bkebijakan\s+komentar\b|\bkomentar\s+(?:yang\s+)?(?:mengandung|berbau|bernada)\b.{0,100}\b(?:dihapus|hapus)\b|\bwe\s+reserve\s+the\s+right\s+to\s+(?:remove|delete|edit)\b.{0,60}\bcomments?\b|\bcommunity\s+guidelines\b",
        ),
        (
            rule::COMMENTS_PROMPT,
            r"(?i)^\W*(?:comments?|komentar|\d+\s+comments?|leave\s+a\s+(?:reply|comment)|tulis\s+komentar)\W*\d*\W*$",
        ),
        (
            rule::PAGINATION,
            r"(?i)^(?:halaman|page)\s*:?\s*(?:\d+\s*)*$|^\d{1,3}$",
        ),
        (
            rule::PAGINATION,
            r"(?i)^\W*(?:selanjutnya|sebelumnya|berikutnya|next|previous|prev|next\s+page|previous\s+page|halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|baca\s+halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|lihat\s+semua|tampilkan\s+semua|show\s+all|load\s+more|muat\s+lebih\s+banyak|baca\s+selengkapnya)\W*$",
        ),
        (
            rule::PAGINATION,
            r"(?i)^\W*(?:halaman\s*\d+\s*(?:/|dari)\s*\d+|page\s+\d+\s+of\s+\d+)\W*$",
        ),
        (
            rule::SYNDICATION,
            r"(?i)^artikel\s+ini\s+telah\s+(?:tayang|dimuat|terbit|diterbitkan)\b",
        ),
        (
            rule::COPYRIGHT,
            r"(?i)^\W*(?:©|\(c\)|copyright\b|hak\s+cipta\b|our\s+standards\s*:)|\ball\s+rights?\s+reserved\b|\bmay\s+not\s+be\s+(?:published|reproduced)\b|\bdilarang\s+(?:keras\s+)?(?:mengambil|mengutip|menyalin|memuat\s+ulang)\b",
        ),
        (
            rule::EMBED,
            r"(?i)^\[(?:gambas|video|embed|iframe|foto|baca\s+juga|twitter|instagram|tiktok|youtube)\b[^\]]*\]$",
        ),
        (
            rule::VIDEO_PROMO,
            r"(?i)^(?:saksikan|tonton|simak|lihat)(?:\s+juga)?\s+video\b.{0,60}$",
        ),
        (
            rule::EDITOR_INITIALS,
            r"^\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})+\s*\)$",
        ),
        (
            rule::WIDGET,
            r"(?i)^\d[\d.,]*\s*(?:komentar|comments?|shares?|views?|kali\s+dibaca|x\s+dibaca|dibaca)$|^(?:dibaca|views?|dilihat)\s*:?\s*\d[\d.,]*\s*(?:kali|x)?$",
        ),
        (
            rule::WIDGET,
            r"(?i)^\d+\s*(?:menit|min(?:ute)?s?)\s*(?:baca|read|membaca)$|^(?:waktu\s+baca|reading\s+time|lama\s+baca)\b.{0,20}$|^(?:dengarkan|listen\s+to)\b.{0,40}$",
        ),
        (
            rule::WIDGET,
            r"(?i)^(?:zoom-?\s?in|perbesar|lihat\s+foto|view\s+photos?|a\s*a\s*a|ukuran\s+(?:font|huruf)|font\s+size|text\s+size|sign\s+in|log\s*in|masuk|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|kembali\s+ke\s+atas|print|cetak|menu|cari|search)$",
        ),
        (
            rule::LOGO,
            r"(?i)^(?:[\w.&'-]+\s+){1,3}logo(?:\s+article)?$",
        ),
    ];
    rules
        .iter()
        .map(|(name, re)| (*name, Regex::new(re).expect("valid phrase rule")))
        .collect()
});

/// An author's bio under the text: "Follow him on Twitter", or "Jane Doe is a reporter at
/// ... Follow her ..." (a sentence about a person's job that ends with where to follow them).
static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:you\s+can\s+)?(?:follow|ikuti|reach|contact|email)\s+(?:him|her|them|me|dia|beliau|penulis)\s+(?:on|at|di|via)\b|^\W*(?-i:\p{Lu})[\w.'’-]*(?:\s+(?-i:\p{Lu})[\w.'’-]*){0,3}\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w&-]+\s+){0,5}(?:reporter|writer|correspondent|journalist|columnist|contributor|editor|author|founder|co-founder|consultant|blogger|photographer|analyst|wartawan|jurnalis|penulis)\b.{0,400}\b(?:follow\s+(?:him|her|them|us|me|on|at)\b|twitter|linkedin|instagram|@\w|e-?mail\s*:)",
    )
    .expect("valid phrase rule")
});

/// Author bios run longer than other junk lines: up to this many words.
const MAX_BIO_WORDS: usize = 90;

/// The rule that drops a line, if one does (see the module notes).
pub fn junk_phrase(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let words = text.split_whitespace().count();
    if words <= MAX_BIO_WORDS && AUTHOR_BIO.is_match(text) {
        return Some(rule::AUTHOR_BIO);
    }
    if words > MAX_JUNK_LINE_WORDS {
        return None;
    }
    if !text.is_empty() && !text.chars().any(char::is_alphanumeric) {
        return Some(rule::SEPARATOR);
    }
    if is_share_line(text) {
        return Some(rule::SHARE);
    }
    PHRASE_RULES
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(name, _)| *name)
}

/// Words of share-button rows; the weak ones only count next to a strong one.
#[rustfmt::skip]
const SHARE_STRONG: &[&str] = &[
    "bagikan", "share", "shares", "facebook", "fb", "twitter", "whatsapp", "wa", "telegram",
    "email", "e-mail", "surel", "copy", "salin", "tautan", "tweet", "pinterest", "linkedin",
    "messenger", "reddit", "threads", "disalin", "tersalin", "copied", "flipboard", "mailto",
];
const SHARE_WEAK: &[&str] = &[
    "on", "this", "article", "artikel", "ini", "via", "ke", "to", "telah", "url", "link", "line",
    "x",
];
/// The letters of share icons as a text dump keeps them ("f t w", "f in g+").
const SHARE_ICONS: &[&str] = &[
    "f", "t", "w", "g", "g+", "in", "p", "e", "m", "li", "tw", "ig", "yt", "tg", "x",
];

/// "Bagikan", "Share on Facebook Share on Twitter WhatsApp", "BAGIKAN URL telah disalin",
/// "f t w".
pub fn is_share_line(text: &str) -> bool {
    if text.chars().count() > 100 {
        return false;
    }
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "|,•·/:;()[]".contains(c))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str], t: &String| list.contains(&t.as_str());
    let known = |t: &String| {
        has(SHARE_STRONG, t)
            || has(SHARE_WEAK, t)
            || has(SHARE_ICONS, t)
            || t.chars().all(|c| c.is_ascii_digit())
    };
    // A weak word alone ("X", "Line") is a button too: no article line is that word only.
    let strong = tokens.iter().any(|t| has(SHARE_STRONG, t))
        || (tokens.len() == 1 && has(SHARE_WEAK, &tokens[0]))
        || (tokens.len() >= 2 && tokens.iter().all(|t| has(SHARE_ICONS, t)));
    !tokens.is_empty() && tokens.iter().all(known) && strong
}

/// A logo's alt text glued to the start of a paragraph ("cahaya timur logo Jakarta - ...",
/// "rmol news logo Rencana ..."): lowercase words ending in "logo", then a capital.
static LOGO_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?P<alt>(?:[\p{Ll}\d][\w.&'-]*\s+){1,3}logo(?:\s+article)?|(?i:[\w.-]+\s+news\s+logo(?:\s+article)?))\s+(?P<next>\p{Lu}|\d|[“"'‘])"#)
        .expect("valid regex")
});

/// The same at the end, after the paragraph's last sentence ("… Rusia.rmol news logo article").
static LOGO_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?P<end>[.!?"”’)])\s*(?P<alt>(?:[\p{Ll}\d][\w.&'-]*\s+){1,3}logo(?:\s+article)?)$"#,
    )
    .expect("valid regex")
});

/// The paragraph without a logo's alt text glued to its start or end, and the texts taken out.
pub fn strip_logo_alt_text(text: &str) -> (String, Vec<String>) {
    let mut removed = Vec::new();
    let mut text = text.to_string();
    if let Some(caps) = LOGO_BEFORE.captures(&text) {
        let start = caps.name("next").map_or(0, |m| m.start());
        removed.push(caps["alt"].to_string());
        text = text[start..].to_string();
    }
    if let Some(caps) = LOGO_AFTER.captures(&text) {
        let (end, alt) = match (caps.name("end"), caps.name("alt")) {
            (Some(e), Some(a)) => (e.end(), a.as_str().to_string()),
            _ => return (text, removed),
        };
        removed.push(alt);
        text.truncate(end);
    }
    (text, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(text: &str) -> &'static str {
        junk_phrase(text).unwrap_or("kept")
    }

    #[test]
    fn read_also_lines_in_both_languages() {
        for line in [
            "Baca juga: Harga Gabah Naik",
            "BACA JUGA",
            "Baca berita lainnya:",
            "Read also: Storm hits the coast",
            "Also on rt.com Russia says talks stalled",
            "Tonton juga:",
            "Berita terkait: Banjir di Bekasi",
        ] {
            assert_eq!(rule_of(line), rule::READ_ALSO, "{line}");
        }
    }

    #[test]
    fn promos_subscriptions_and_shares() {
        assert_eq!(
            rule_of("Pasang Iklan Murah? Hubungi WA 0812-3456-7890"),
            rule::ADVERTISEMENT
        );
        assert_eq!(
            rule_of("Info pemesanan hubungi 0813 1234 5678 (Bu Ani)"),
            rule::ADVERTISEMENT
        );
        assert_eq!(rule_of("ADVERTISEMENT"), rule::ADVERTISEMENT);
        assert_eq!(rule_of("Follow us on Twitter @harbornews"), rule::PROMO);
        assert_eq!(
            rule_of("Subscribe to The Harbor Gazette's newsletters"),
            rule::PROMO
        );
        assert_eq!(
            rule_of("You have been successfully subscribed!"),
            rule::PROMO
        );
        assert_eq!(
            rule_of("Like this story? Share it with a friend!"),
            rule::PROMO
        );
        assert_eq!(rule_of("f t w"), rule::SHARE);
        assert_eq!(rule_of("Share on Facebook Share on Twitter"), rule::SHARE);
    }

    #[test]
    fn notices_policies_and_bios() {
        assert_eq!(rule_of("Make MSN my homepage"), rule::NOTICE);
        assert_eq!(
            rule_of("We use cookies to improve your experience. Accept"),
            rule::NOTICE
        );
        assert_eq!(
            rule_of("Download aplikasi Warta Kita di Google Play"),
            rule::NOTICE
        );
        assert_eq!(
            rule_of("Comments are moderated and may take a day to appear."),
            rule::COMMENT_POLICY
        );
        assert_eq!(rule_of("Follow him on Twitter @jdoe"), rule::AUTHOR_BIO);
        assert_eq!(
            rule_of("Jane Doe is a senior reporter at the Gazette. Follow her on Twitter."),
            rule::AUTHOR_BIO
        );
        assert_eq!(rule_of("cahaya timur logo"), rule::LOGO);
        assert_eq!(
            rule_of(
                "*Candice Sealey is the Founder & Principal Consultant at Ignite! a Full-service Marketing & PR Consultancy that helps businesses stand out. Follow us on Instagram @ignite*"
            ),
            rule::AUTHOR_BIO
        );
    }

    #[test]
    fn article_sentences_are_kept() {
        for line in [
            "Menteri Luar Negeri Sergey Lavrov pada Rabu (26/1) mengungkapkan rencana itu.",
            "The company's new logo was unveiled on Monday in Jakarta.",
            "Warga diminta menghubungi nomor darurat 112 bila melihat api.",
            "He said the talks would follow the rules agreed last year.",
            "Smith, who was a reporter at the Gazette for ten years, said the mayor would follow the plan.",
            "Dia mengikuti rapat itu sampai selesai.",
            "In 2019, 12 ships were unloaded.",
            "T",
        ] {
            assert_eq!(rule_of(line), "kept", "{line}");
        }
    }

    #[test]
    fn logo_alt_text_glued_to_a_paragraph() {
        assert_eq!(
            strip_logo_alt_text("cahaya timur logo Jakarta - Pemerintah menaikkan harga."),
            (
                "Jakarta - Pemerintah menaikkan harga.".to_string(),
                vec!["cahaya timur logo".to_string()]
            )
        );
        assert_eq!(
            strip_logo_alt_text("Ke Ukraina atau Georgia.rmol news logo article"),
            (
                "Ke Ukraina atau Georgia.".to_string(),
                vec!["rmol news logo article".to_string()]
            )
        );
        let sentence = "The company's new logo Was odd";
        assert_eq!(strip_logo_alt_text(sentence).0, sentence);
    }
}
