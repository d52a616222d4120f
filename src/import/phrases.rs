//! Lines no article needs, recognised by what they say: the one vocabulary of line rules
//! that both importers (text dumps and HTML pages) use, so a line is judged the same way
//! whichever importer reads it, and `--explain` names its rule the same way.
//!
//! The rules are general patterns of a kind of line, in Indonesian and English, never one
//! site's lines: "read also" links, advertisements and promos with a phone number, follow,
//! share and subscribe prompts, app and cookie notices, comment policies, author bios,
//! pagination, copyright lines, page widgets and logo alt texts. A line longer than
//! [`MAX_JUNK_LINE_WORDS`] words is prose and never junk, except for the kinds that say
//! what they are at their start or end: author bios, post footers and long notices.
//!
//! **Adding a phrase.** Add an alternative to a rule of [`PHRASE_RULES`] (or a new
//! `(rule::NAME, pattern)` pair where its place in the order is right: the first rule that
//! matches names the drop), with a line for it in the tests below. A rule that needs its own
//! word limit or code is a `static` of type [`GatedRegex`], like [`CAPTION_CREDIT`]. Every
//! rule is compiled with a quick gate (`phrases/gate.rs`): the pattern without its `\b`s and
//! with its `{m,n}` left open, which the regex crate's fast engine runs on any line; the rule
//! itself runs only where the gate matches. So write `\b` and `.{0,80}` freely (they cost
//! nothing on the lines that do not come close), and keep each alternative's words literal
//! where you can: a line without them is rejected at the gate's speed. The import's speed is
//! measured by `bench/import_bench.py`; `bench/import_same_output.sh BASE BIN` shows that a
//! change meant to be only faster changes no output.

use std::sync::LazyLock;

use regex::Regex;

use gate::GatedRegex;

mod gate;
mod page_meta;

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
    pub const SIGN_OFF: &str = "sign-off";
    pub const WIDGET: &str = "page widget";
    pub const LOGO: &str = "logo alt text";
    pub const SEPARATOR: &str = "separator";
    pub const PAYWALL: &str = "paywall notice";
    pub const POST_FOOTER: &str = "post footer";
    pub const DISCLAIMER: &str = "disclaimer";
    pub const PHOTO_CREDIT: &str = "photo credit";
    pub const RELATIVE_TIME: &str = "relative time";
    pub const INFO_ROW: &str = "info row with a view counter";
    pub const METADATA_LABEL: &str = "metadata label";
    pub const SERVER_ERROR: &str = "server error message";
    pub const SITE_BOX: &str = "contact, about or newsletter box";
    pub const CLOSING_HEADING: &str = "heading with nothing under it";
    pub const TRAILING_LABEL: &str = "label with nothing after it";
    pub const CALL_TO_ACTION: &str = "call-to-action box";
    pub const TEASER: &str = "teaser of another page";
    pub const LOOKALIKE_LETTERS: &str = "text in look-alike letters";
    pub const CITATION: &str = "citation note";
    pub const NEWSLETTER: &str = "newsletter greeting or sign-off";
    pub const PRESS_RELEASE_TAIL: &str = "closing section about the company or author";
}

/// Phrase rules apply to lines of at most this many words; longer lines are prose.
pub const MAX_JUNK_LINE_WORDS: usize = 40;

/// The rules in order: the first that matches names the drop.
static PHRASE_RULES: LazyLock<Vec<(&'static str, GatedRegex)>> = LazyLock::new(|| {
    let rules: &[(&str, &str)] = &[
        (
            rule::READ_ALSO,
            r"(?i)^[\s•·*-]*(?:baca(?:\s+juga|\s+pula)?|lihat\s+juga|simak\s+juga|cek\s+juga|read\s+also|also\s+read|read\s+more|see\s+also|pilihan\s+editor|editor'?s\s+picks?|artikel\s+terkait|berita\s+terkait|related|mire|lea\s+(?:también|tambien|más|mas)|lee\s+(?:también|tambien|más|mas)|vea\s+también|véase\s+también|leia\s+(?:também|mais)|veja\s+(?:também|mais)|lesen\s+sie\s+(?:auch|mehr)|lies\s+auch|siehe\s+auch|mehr\s+zum\s+thema|auch\s+interessant|(?:à\s+)?lire\s+aussi|voir\s+aussi)\s*[:：»>–-]\s*\S",
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
            // A share row in Javanese: "Sumangga dipun-share: Facebook | Twitter".
            rule::SHARE,
            r"(?i)^\W*(?:sumangga\s+)?dipun[-\s]?(?:share|bagikan|andum)\b.{0,80}$",
        ),
        (
            // An audio or video player's length: "Durasi 02:14", "Duration: 3:05".
            rule::WIDGET,
            r"(?i)^\W*(?:durasi|duration)\s*:?\s*\d{1,2}:\d{2}(?::\d{2})?\W*$",
        ),
        (
            // "Read also" in Sundanese ("Baca oge:", "Maca ogé") and Javanese ("Waca uga:",
            // "Maos ugi"), as regional portals write it.
            rule::READ_ALSO,
            r"(?i)^\W*(?:baca|maca|waca|maos)\s+(?:oge|ogé|uga|ugi)\s*(?:[:：»>–-]|$)",
        ),
        (
            // "Read also" in French, Italian, Dutch, Portuguese, Polish, Russian, Chinese
            // and Japanese, alone or before the headline.
            rule::READ_ALSO,
            r"(?i)^\W*(?:(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi|leggi\s+anche|vedi\s+anche|lees\s+ook|zie\s+ook|leia\s+também|veja\s+também|saiba\s+mais\s*:|czytaj\s+(?:też|także|również)|zobacz\s+(?:też|także|również)|читайте\s+также|смотрите\s+также|см\.\s+также|相关阅读|延伸阅读|推荐阅读|相關閱讀|延伸閱讀|関連記事|あわせて読みたい)(?:\W|$)",
        ),
        (
            rule::ADVERTISEMENT,
            r"(?i)^[\s\-–—_*\[(]*(?:advertisements?|adverts?|advertorial|iklan|ads|sponsored(?:\s+content)?|konten\s+bersponsor|promoted(?:\s+content)?|werbung|anzeige|publicidad|publicité|pubblicità|publicidade|advertentie|reklama|реклама|广告|廣告|広告)[\s\-–—_*\])]*$|^[\s*\[(]*(?:werbung|anzeige|advertisement|publicidad|iklan)\s*(?:[.:]|\s[-–—]\s)\s*\S",
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
            // A line that ends in a mobile number a few words after a contact word: "Punya
            // informasi yang perlu dicek? Kirim ke WhatsApp Cek Fakta Nusa di 0811-4400-2211."
            rule::ADVERTISEMENT,
            r"(?i)\b(?:hubungi|kirim(?:kan)?|whatsapp|wa|sms|telepon|call|text)\b(?:\s+\S+){0,6}?\s+(?:di\s+|ke\s+|at\s+|on\s+)?(?:\+?62|0)8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}\W*$",
        ),
        (
            // Reaction counters as a copy keeps them: "👍 128   💬 14".
            rule::WIDGET,
            r"^[\p{Extended_Pictographic}\x{FE0F}\s]*\d[\d.,]*(?i:rb|k)?(?:\s*[\p{Extended_Pictographic}\x{FE0F}]+\s*\d[\d.,]*(?i:rb|k)?)+\s*$",
        ),
        // "Besuchen Sie unseren Fan-Shop!", "Visit our store", "Kunjungi toko online kami":
        // the site's own shop, a line of its own.
        (
            // A letters page's call for letters: "Ingin menyampaikan keluhan? Kirim surat
            // pembaca ke redaksi@… dengan melampirkan fotokopi KTP."
            rule::PROMO,
            r"(?i)^\W*(?:ingin|mau)\s+(?:menyampaikan|mengirim(?:kan)?)\s+(?:keluhan|surat|opini|tulisan|pendapat|aspirasi)\b.{0,40}\?.{0,160}$|^\W*kirim(?:kan)?\s+(?:surat\s+pembaca|opini|tulisan|keluhan)\s+(?:anda\s+)?(?:ke|melalui|via|lewat)\b.{0,160}$",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:jetzt\s+neu!?\s*)?(?:besuchen\s+sie\s+unseren|visit\s+our|shop\s+our|kunjungi)\s+(?:[\w-]+\s+){0,2}(?:[\w-]*shop|store|toko(?:\s+\w+)?\s+kami)\b.{0,40}$",
        ),
        (
            rule::PROMO,
            r"(?i)^temukan\s+berita.*google\s+news|^untuk\s+mengikuti\b.{0,80}\b(?:klik|bintang|follow|ikuti)",
        ),
        (
            rule::PROMO,
            r"(?i)\b(?:whatsapp\s+channel|saluran\s+whatsapp|telegram\s+channel|canal\s+de\s+(?:telegram|whatsapp)|klik\s+tanda\s+bintang)\b|^.*\b(?:temukan|ikuti|follow|simak|klik|gabung|join|pantau|dapatkan|update|akses)\b.*\b(?:google\s+news|whatsapp\s+channel|saluran\s+whatsapp|telegram)\b",
        ),
        (
            rule::PROMO,
            r"(?i)^\W*(?:ikuti|follow)\s.{0,120}\b(?:kami|us|google\s+news|instagram|twitter|facebook|tiktok|youtube|whatsapp|telegram|channel|saluran|akun|grup|group)\b.{0,80}$",
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
            rule::PROMO,
            r"(?i)\b(?:sign\s+up|subscribe|register)\s+here\W*$|\b(?:jetzt|hier)\s+(?:anmelden|abonnieren|registrieren)\W*$|\b(?:suscríbete|regístrate|inscríbete)\s+aquí\W*$|\bdaftar\s+di\s+sini\W*$|^\W*(?:hat\s+(?:dir|ihnen|euch)\s+)?(?:(?:der|dieser|unser)\s+)?artikel\s+gefallen\s*\?|\bvergiss\s+nicht,?\s+(?:ihn\s+|es\s+)?zu\s+teilen\b|^\W*entdecken\s+sie\s+jetzt\W*$",
        ),
        (
            // "Follow X on Twitter and Instagram @x and on Facebook @y. Send us ...": two
            // networks named after a follow word, whatever follows.
            rule::PROMO,
            r"(?i)^\W*(?:follow|ikuti|folge|folgt|folgen\s+sie|síguenos|suivez)\s.{0,60}\b(?:twitter|instagram|facebook|tiktok|youtube|linkedin)\b.{0,60}\b(?:twitter|instagram|facebook|tiktok|youtube|linkedin|whatsapp|telegram)\b|^\W*(?:first-time\s+|new\s+)?subscribers?\s+(?:also\s+)?(?:receive|get|enjoy)\b",
        ),
        (
            // Follow and subscribe prompts in French, Spanish, Italian, Dutch, Portuguese,
            // Polish and Russian: "Suivez-nous sur Instagram", "Síguenos en Facebook",
            // "Abonnez-vous à notre newsletter", "Iscriviti alla newsletter".
            rule::PROMO,
            r"(?i)^\W*(?:suivez[-\s]nous|síguenos|seguinos|seguici|volg\s+ons|siga-nos|sigam-nos|obserwuj\s+nas|подписывайтесь\s+на\s+(?:нас|наш)|следите\s+за\s+нами)\b.{0,120}\b(?:twitter|instagram|facebook|tiktok|youtube|telegram|whatsapp|linkedin|google\s+news|canal|kanaal|kanał|канал)|^\W*(?:abonnez-vous|inscrivez-vous|suscríbete|suscribite|iscriviti|abbonati|abonneer\s+je|schrijf\s+je\s+in|inscreva-se|assine|zapisz\s+się|subskrybuj|подпишитесь)\b.{0,100}$",
        ),
        (
            rule::SHARE,
            r"(?i)^\W*(?:share|bagikan|share\s+this(?:\s+article|\s+story)?|bagikan\s+(?:artikel|berita)\s+ini|salin\s+(?:link|tautan)|copy\s+link|partager|partagez|compartir|compartilhar|compartilhe|condividi|delen|udostępnij|поделиться)\b\W*(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|\W)*$",
        ),
        (
            rule::NOTICE,
            r"(?i)\b(?:we|this\s+(?:site|website)|our\s+(?:site|website))\s+uses?\s+cookies\b|\b(?:kami|situs\s+ini)\s+menggunakan\s+(?:cookie|kuki)|\bwe\s+value\s+your\s+privacy\b|^\W*(?:accept|reject|manage|allow)\s+(?:all\s+)?cookies\W*$|\bcookie\s+(?:policy|settings|preferences|consent)\b|\bby\s+continuing\s+to\s+(?:browse|use)\b.{0,80}\b(?:agree|consent|accept)",
        ),
        (
            rule::NOTICE,
            r"(?i)^\W*(?:download|unduh|get|install|pasang)\s+(?:the\s+|our\s+)?(?:[\w.-]+\s+){0,3}(?:app|apps|aplikasi)\b.{0,100}$|\b(?:available|tersedia)\s+(?:on|in|di)\s+(?:the\s+)?(?:app\s+store|google\s+play|play\s+store)\b|^\W*make\s+\S+(?:\s+\S+)?\s+(?:my|your)\s+home\s*page\b|\bapps?\s+(?:for|on)\s+(?:ios|iphone)\s+(?:and|&|or|und|y|dan)\s+android\b|\bapps?\s+(?:for|on)\s+android\s+(?:and|&|or|und|y|dan)\s+(?:ios|iphone)\b|^\W*get\s+(?:the\s+)?(?:latest|breaking)\s+news\b.{0,80}\bapp\b",
        ),
        (
            // A mobile app's share sheet: "Dibagikan dari Kabar Borneo untuk Android", "Shared
            // from X for iOS", "Sent from my iPhone", "Baca berita ini di aplikasi X".
            rule::NOTICE,
            r"(?i)^\W*(?:dibagikan|dikirim|disebarkan|shared|sent)\s+(?:dari|melalui|via|lewat|from)\s+(?:aplikasi\s+|the\s+)?(?:[\w.&'’-]+\s+){1,5}(?:untuk|for|di|on)\s+(?:android|ios|iphone|ipad)\W*$|^\W*(?:sent\s+from\s+my|dikirim\s+dari)\s+(?:iphone|ipad|android|samsung|ponsel|hp)\b.{0,30}$|^\W*(?:baca|read)\s+(?:(?:berita|artikel|the\s+story|this\s+story|this\s+article)\s+)?(?:ini\s+)?(?:di|in|on)\s+(?:the\s+)?(?:aplikasi|app)\b.{0,60}$",
        ),
        (
            rule::NOTICE,
            r"(?i)\b(?:wir\s+respektieren|we\s+respect)\s+(?:deine|ihre|your)\s+(?:privatsphäre|privacy)\b|\bkeine\s+verbindung\s+zu\s+\S+\s+her\b|^\W*(?:\S+\s+)?(?:inhalte?|twitter|youtube|instagram|facebook|video)\s+(?:freischalten|aktivieren)\W*$",
        ),
        (
            rule::COMMENTS_PROMPT,
            r"(?i)^\W*(?:keine|no)\s+(?:kommentare|comments)\b.{0,80}$|\bkommentare\s+(?:erscheinen|werden)\b.{0,40}\b(?:freigabe|freigeschaltet|moderiert|geprüft)\b|^\W*(?:sie\s+sind|du\s+bist|you\s+are)\s+(?:aktuell\s+|derzeit\s+|currently\s+)?(?:nicht|not)\s+(?:eingeloggt|angemeldet|logged\s+in|signed\s+in)\W*$|\b(?:um\s+einen\s+kommentar|to\s+(?:post|leave)\s+a\s+comment)\b.{0,60}\b(?:einloggen|ein|anmelden|logged\s+in|log\s+in|sign\s+in)\W*$|\byou\s+must\s+be\s+logged\s+in\b|\b(?:eingeloggt|angemeldet)\s+sein,?\s+um\s+(?:einen\s+)?kommentar(?:e|en)?\s+zu\s+(?:schreiben|verfassen|hinterlassen)\b",
        ),
        (
            rule::WIDGET,
            r"(?i)^\W*(?:hier\s+können\s+sie\s+(?:den|diesen)\s+(?:artikel|beitrag)\s+bewerten|(?:artikel|beitrag)\s+bewerten|rate\s+this\s+(?:article|post|story)|bewerten\s+sie\s+(?:diesen|den)\s+(?:artikel|beitrag))\W*$|^\W*(?:(?:bild|foto)\s+(?:anzeigen|vergrößern|schließen)\s*)+$|^\W*(?:ver\s+galería|ampliar\s+imagen|enlarge\s+image|view\s+gallery|open\s+gallery)\W*$",
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
            // What a social app prints under a post copied as text: its counters ("2.341
            // suka", "87 kali dibagikan", "Lihat semua 87 komentar"), the comment box, the
            // translation link, a channel's view counter ("3.2K edited 09:41") and its
            // notification promo.
            rule::WIDGET,
            r"(?i)^\W*\d[\d.,]*\s*(?:rb|ribu|jt|juta|k|m)?\s*(?:suka|likes?|reaksi|reactions?|kali\s+dibagikan|dibagikan|shares?|views?|tayangan|komentar|comments?)\W*$|^\W*(?:lihat|view)\s+(?:semua|all)\s+(?:\d[\d.,]*\s+)?(?:komentar|comments|balasan|replies)\W*$|^\W*(?:tambahkan\s+komentar|add\s+a\s+comment|tulis\s+komentar)\W*$|^\W*(?:lihat\s+terjemahan|see\s+translation|terjemahkan)\W*$|^\W*\d+(?:[.,]\d+)?\s*[KkMm]?\s+(?:(?:edited|diedit|disunting)\s+)?\d{1,2}[.:]\d{2}\W*$|^\W*(?:aktifkan|nyalakan)\s+notifikasi(?:\s+\S+){0,3}?(?:\s+(?:agar|supaya|biar|untuk)\b.{0,60}\b(?:info|informasi|berita|update|kabar)\b.{0,30})?\W*$|^\W*turn\s+on\s+notifications(?:\s+(?:to|so)\b.{0,60}\b(?:news|updates?|stories)\b.{0,30})?\W*$",
        ),
        (
            rule::PAYWALL,
            r"(?i)\bto\s+(?:view|read|continue\s+reading|access)\s+(?:the\s+|this\s+)?(?:full|whole|rest\s+of\s+the|entire)\s+(?:story|article|post)\b.{0,40}\b(?:subscribe|log\s*in|sign\s+in|register)\b|\balready\s+(?:a\s+)?subscriber\b.{0,80}\b(?:log\s*in|sign\s+in)\b|\bsubscribe\s+now\b.{0,100}\bfull\s+(?:story|article)\b|\bum\s+(?:den|diesen)\s+(?:ganzen|vollständigen|kompletten)\s+(?:artikel|beitrag)\s+zu\s+lesen\b|\bpara\s+(?:seguir|continuar)\s+leyendo\b.{0,60}\b(?:suscr|regístr|inicia)|\buntuk\s+membaca\s+(?:artikel|berita)\s+(?:ini\s+)?selengkapnya\b.{0,60}\b(?:berlangganan|masuk|login|daftar)\b",
        ),
        (
            rule::POST_FOOTER,
            r"(?i)^\W*this\s+(?:entry|post)\s+was\s+posted\b|\bbookmark\s+the\s+permalink\b|^\W*(?:der|dieser)\s+(?:beitrag|eintrag|artikel)\s+wurde\s+am\b.{0,120}\b(?:veröffentlicht|abgelegt|gepostet)\b|^\W*(?:categor(?:y|ies)|kategorien?|kategorisiert\s+unter|categorías?|filed\s+under|posted\s+in|publicado\s+en|veröffentlicht\s+in)\s*:\s*\S.{0,100}$",
        ),
        (
            // A byline label left alone ("Von:", its name in the next line) and a date label,
            // empty or with a date, maybe with the post's category ("News date : 04/21/2022
            // Category : Press Releases", "Release Date:").
            rule::METADATA_LABEL,
            r"(?i)^\W*(?:von|by|autor|autorin|author|oleh|por|par)\s*[:：]\W*$|^\W*(?:(?:news|release|publication|posting)\s+)?date\s*[:：]\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4})?\s*(?:categor(?:y|ies)\s*[:：].{0,100})?$",
        ),
        (
            rule::DISCLAIMER,
            r"(?i)\b(?:dieser\s+)?beitrag\s+gibt\s+(?:nur\s+)?die\s+meinung\s+(?:des|der)\s+(?:autors|autorin|autor\*in|verfassers|verfasserin)\s+wieder\b|\bthe\s+views?\s+(?:and\s+opinions\s+)?expressed\b.{0,60}\b(?:are\s+(?:those\s+of\s+the\s+author|the\s+author'?s\s+own)|do\s+not\s+(?:necessarily\s+)?reflect)\b|^\W*(?:alle\s+)?angaben\s+ohne\s+gewähr\W*$|\bhandelt\s+es\s+sich\s+um\s+(?:\w+\s+){0,2}affiliate[\s-]*links?\b|\b(?:dieser|der)\s+(?:beitrag|artikel|post)\s+enthält\s+(?:unbezahlte\s+)?(?:werbung|affiliate|anzeigen)\b|\bhandelt\s+es\s+sich\s+um\s+(?:ein(?:e|en)?\s+)?(?:blog|gastbeitrag|community-?beitrag)\s+aus\s+der\b",
        ),
        (
            // A credit line, or a short caption ending in one ("... escolar. Foto: Andina",
            // "... ATP-TurniersBild: AFP/SID").
            rule::PHOTO_CREDIT,
            r"(?i)^\W*(?:fotos?|photos?|bild(?:er)?|images?|imagen|gambar|crédito|credito|crédits?\s+photos?|photo\s+credits?|photo\s+source|bildquelle|fotoquelle|foto\s*credit|credits?)\s*[:：]\s*\S.{0,100}$|^\W*\(\s*(?:crédito|credito|foto|photo|bild|credit)\s*:.{1,80}\)\W*$",
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
            // A newspaper page's jump and folio lines: "Bersambung ke Hal. 7", "Sambungan
            // dari halaman 1", "Continued on page A6", "METROPOLIS | 5"; a gallery's photo
            // counter "2/4".
            rule::PAGINATION,
            r"(?i)^\W*(?:bersambung(?:\s+ke)?|sambungan\s+dari|lanjutan\s+dari|continued\s+(?:on|from))\s+(?:hal(?:aman)?|hlm|page|p)\.?\s*[a-z]?\d{1,3}\W*$|^\W*bersambung\W*$|^(?-i:\p{Lu}[\p{Lu}&.\s-]{2,30})\s*[|•·]\s*\d{1,3}$|^\d{1,3}\s*[|•·]\s*(?-i:\p{Lu}[\p{Lu}&.\s-]{2,30})$|^\d{1,3}\s*/\s*\d{1,3}$",
        ),
        (
            rule::SYNDICATION,
            r"(?i)^artikel\s+ini\s+telah\s+(?:tayang|dimuat|terbit|diterbitkan)\b|^(?:artikel|tulisan|laporan|berita)\s+ini\s+(?:sudah\s+|pernah\s+)?(?:tayang|dimuat|terbit|diterbitkan)\s+(?:di|dalam|pada)\s+(?:majalah|koran|harian|surat\s+kabar|tabloid|edisi|versi\s+cetak)\b.{0,160}$|^(?:this\s+(?:article|story)\s+(?:first\s+)?appeared|a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appears|appeared))\s+in\s+(?:print|the\s+print\s+edition|the\s+\S+(?:\s+\S+){0,3}\s+(?:edition|issue))\b.{0,160}$|^(?:tulisan|artikel|konten|berita)\s+ini\s+(?:adalah|merupakan)\s+(?:kiriman|tulisan|konten)\s+(?:dari\s+)?(?:publisher|pengguna|mitra|kontributor)\b.{0,60}$|^konten\s+dari\s+(?:pengguna|mitra|publisher)$|^user[-\s]generated\s+content$|^(?:baca|lihat|simak)\s+(?:artikel|berita)\s+selengkapnya\s+di\b.{0,60}$|^read\s+(?:the\s+)?(?:full|whole|complete)\s+(?:article|story)\s+(?:at|on)\b.{0,60}$|^\W*(?:lihat|baca|buka|kunjungi)\s+(?:artikel|berita|sumber|tautan)\s+(?:asli(?:nya)?|sumber)(?:\s+di\s+.{1,40})?\W*$|^\W*(?:view|read|see|open)\s+(?:the\s+)?original\s+(?:article|story|post)(?:\s+(?:at|on)\s+.{1,40})?\W*$",
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
            r"^\(\s*[a-z]{2,8}(?:\s*/\s*[a-z]{2,8})+\s*\)$",
        ),
        // "(Tribunborneo.com/Hadi Wijaya)" alone under the text: the outlet and the reporter
        // signing off, no photo's caption (a caption says what the photo shows first).
        (
            rule::SIGN_OFF,
            r"^\(\s*[\p{L}\d][\p{L}\d.-]*(?:\s[\p{L}\d.-]+){0,2}\s*/\s*\p{L}[\p{L} .'’-]{1,40}\)\.?$",
        ),
        (
            // A live page's note that it refreshes itself ("Diperbarui 11:05 WITA · Halaman
            // ini diperbarui otomatis", "This page updates automatically").
            rule::WIDGET,
            r"(?i)\b(?:halaman|laman)\s+ini\s+(?:akan\s+)?(?:diperbarui|diperbaharui|di-?update|dimuat\s+ulang)\s+(?:secara\s+)?otomatis\b|\bthis\s+page\s+(?:is\s+|will\s+be\s+)?(?:updated|refreshed|updates|refreshes)\s+automatically\b|^\W*(?:auto-?refresh|pembaruan\s+otomatis)\b.{0,40}$",
        ),
        (
            rule::WIDGET,
            r"(?i)^\d[\d.,]*\s*(?:komentar|comments?|shares?|views?|kali\s+dibaca|x\s+dibaca|dibaca)$|^(?:dibaca|views?|dilihat)\s*:?\s*\d[\d.,]*\s*(?:kali|x)?$",
        ),
        (
            rule::WIDGET,
            r"(?i)^\d+(?:\s*[–-]\s*\d+)?\s*(?:menit|min(?:ute)?s?|mnt)\s*(?:baca|read|membaca|bacaan|listen|dengar)$|^\d{1,3}\s*(?:menit|mnt)$|^(?:waktu\s+baca|reading\s+time|lama\s+baca|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture|tempo\s+di\s+lettura|lesezeit|lesedauer|leestijd)\b.{0,20}$|^(?:dengarkan|listen\s+to)\b.{0,40}$",
        ),
        (
            rule::WIDGET,
            r"(?i)^(?:zoom-?\s?in|perbesar|lihat\s+foto|view\s+photos?|a\s*a\s*a|ukuran\s+(?:font|huruf)|font\s+size|text\s+size|sign\s+in|log\s*in|masuk|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|kembali\s+ke\s+atas|print|cetak|menu|cari|search)$",
        ),
        // A row of the page's tools: "Cetak Berita | Kirim ke Teman", "Print | Email".
        (
            rule::WIDGET,
            r"(?i)^\W*(?:(?:cetak(?:\s+(?:berita|artikel))?|print(?:\s+this(?:\s+(?:article|page|story))?)?|kirim\s+ke\s+teman|email\s+(?:to\s+a\s+friend|this(?:\s+(?:article|story))?)|e-?mail|simpan|save|laporkan(?:\s+konten)?|report)\s*[|·•/]\s*)+(?:cetak(?:\s+(?:berita|artikel))?|print(?:\s+this(?:\s+(?:article|page|story))?)?|kirim\s+ke\s+teman|email\s+(?:to\s+a\s+friend|this(?:\s+(?:article|story))?)|e-?mail|simpan|save|laporkan(?:\s+konten)?|report)\W*$",
        ),
        // The site's address alone on a line ("kabarrel.example" under the headline of a
        // reader-mode copy).
        (
            rule::WIDGET,
            r"(?i)^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}/?$",
        ),
        (
            // Feedback and rating prompts, print and toggle buttons under the text.
            rule::WIDGET,
            r"(?i)^\W*(?:war|ist)\s+(?:der|dieser|diese|die|das)\s+(?:artikel|beitrag|seite|text|informationen?)\s+(?:nützlich|hilfreich)\s*\?.{0,40}$|^\W*was\s+this\s+(?:article|page|post|story|information)\s+(?:helpful|useful)\s*\?.{0,40}$|^\W*apakah\s+(?:artikel|berita|informasi)\s+ini\s+(?:bermanfaat|membantu)\s*\?.{0,40}$|^\W*(?:valora|califica|puntúa)\s+(?:esta|este)\s+(?:noticia|artículo|nota)\W*$|^\W*(?:noch\s+)?keine\s+bewertungen?\W*$|^\W*no\s+ratings?\s+yet\W*$|^\W*belum\s+ada\s+(?:rating|penilaian)\W*$",
        ),
        (
            // What a rating or loading widget leaves as text: "(95 Stimmen: 4,73 von 5)",
            // "3.65 von 1990 Bewertungen", "Sterne anklicken zum Bewerten", "Loading...".
            rule::WIDGET,
            r"(?i)^\W*\(\s*\d[\d.,]*\s+(?:stimmen|votes|bewertungen|ratings)\b.{0,40}$|^\W*(?:\d[\d.,]*\s+(?:von|of)\s+)?\d[\d.,]*\s+(?:bewertungen|ratings|reviews|rezensionen)\W*$|\b(?:sterne?|stars?|bintang)\s+(?:anklicken|klicken)\b|\bclick\s+(?:on\s+)?(?:the\s+)?stars?\s+to\s+rate\b|^\W*(?:loading|wird\s+geladen|lädt|memuat|cargando|chargement)\W*$",
        ),
        (
            rule::WIDGET,
            r"(?i)^\W*(?:(?:artikel|rezept|seite|beitrag|text)\s+)?(?:drucken|ausdrucken)\W*$|^\W*druckversion\W*$|^\W*print\s+(?:this\s+)?(?:article|recipe|page|story|post)\W*$|^\W*(?:cetak|imprimir)(?:\s+\w+)?\W*$|^\W*pdf\W*$|^\W*\w+\s+(?:ausblenden|einblenden)\W*$|^\W*(?:show|hide)\s+(?:sources|references)\W*$",
        ),
        (
            rule::SHARE,
            r"(?i)^\W*(?:möchten\s+sie|möchtest\s+du|willst\s+du)\s+(?:den|diesen|die|diese|das)\s+(?:artikel|beitrag|seite|rezept)\s+teilen\s*\?\W*$",
        ),
        (
            // "Gefällt dir dieser Beitrag?", "HAZTE MIEMBRO Y DISFRUTA …", "Become a member".
            rule::PROMO,
            r"(?i)^\W*gefällt\s+(?:dir|ihnen|euch)\s+(?:dieser|diese|der|die|das)\s+\S+\s*\?.{0,100}$|^\W*(?:hazte|hágase)\s+(?:miembro|socio|suscriptor)\b|^\W*become\s+a\s+(?:member|subscriber|supporter|patron)\b|^\W*werden?\s+(?:sie\s+)?(?:jetzt\s+)?(?:mitglied|abonnent(?:in)?|unterstützer(?:in)?)\b|^\W*(?:jadilah|jadi)\s+(?:member|anggota|pelanggan)\b",
        ),
        (
            // A paragraph that opens by asking about the site's own offer ("Gefällt dir
            // unser Klettermagazin? …", "Kennt ihr schon unseren Brandfinder? …", "Have you
            // seen our newsletter? …") goes on to sell it, however long it runs.
            rule::PROMO,
            r"(?i)^\W*(?:gefällt\s+(?:dir|ihnen|euch)|(?:kennst\s+du|kennt\s+ihr|kennen\s+sie)\s+(?:schon\s+)?)\s*unser(?:e|en|em)?\s+\S+\s*\?|^\W*(?:have|did)\s+you\s+(?:already\s+)?(?:seen|tried|discovered|heard\s+of|read)\s+our\s+\S+\s*\?",
        ),
        (
            rule::DISCLAIMER,
            r"(?i)\b(?:is|are)\s+not\s+responsible\s+for\s+(?:the\s+)?(?:opinions|views|content|statements)\b|\btidak\s+bertanggung\s+jawab\s+atas\s+(?:isi|konten|pendapat)\b",
        ),
        (
            // An opinion page's disclaimer: "Tulisan ini merupakan pendapat pribadi penulis
            // dan tidak mencerminkan pandangan redaksi."
            rule::DISCLAIMER,
            r"(?i)\b(?:tulisan|artikel|opini|kolom|isi\s+(?:tulisan|artikel))\s+ini\s+(?:merupakan|adalah|sepenuhnya|menjadi)\s+(?:pendapat|opini|pandangan|tanggung\s+jawab)\s+(?:pribadi\s+)?(?:dari\s+)?penulis\b|\btidak\s+(?:selalu\s+)?(?:mencerminkan|mewakili)\s+(?:pandangan|sikap|kebijakan|pendapat)\s+(?:redaksi|editorial)\b|\b(?:isi|konten)(?:\s+(?:artikel|berita|tulisan))?(?:\s+ini)?\s+(?:sepenuhnya\s+)?(?:menjadi\s+)?tanggung\s+jawab\s+(?:dari\s+)?(?:media\s+sumber|sumber(?:nya)?|penulis|pengirim|pengguna)\b|\b(?:adalah|merupakan)\s+(?:sebuah\s+)?(?:situs\s+|platform\s+|layanan\s+|aplikasi\s+)?(?:agregator|aggregator)\s+(?:berita|konten)\b|\bis\s+an?\s+(?:news\s+)?aggregator\b",
        ),
        (
            // A newsletter's greeting above its stories and its closing lines under them:
            // "Halo pembaca, berikut berita pilihan redaksi pagi ini.", "Terima kasih telah
            // membaca.", "Teruskan buletin ini kepada teman Anda.", "You are receiving this
            // email because …", "Lihat versi web".
            rule::NEWSLETTER,
            r"(?i)^\W*(?:halo|hai|hi|hello|selamat\s+(?:pagi|siang|sore|malam))\W+(?:para\s+)?(?:pembaca|sobat(?:\s+\p{L}+)?|pelanggan|readers?|subscribers?)\b.{0,120}$|^\W*(?:terima\s+kasih|thanks?(?:\s+you)?)\s+(?:telah|sudah|for)\s+(?:membaca|reading)\b.{0,120}$|\b(?:teruskan|forward)\s+(?:buletin|newsletter|email|e-mail|surel)\s+ini\b|^\W*(?:anda|you)\s+(?:menerima|received?|are\s+receiving)\s+(?:this\s+)?(?:email|e-mail|surel|buletin|newsletter|pesan)\s+(?:ini\s+)?(?:karena|because)\b|^\W*(?:lihat\s+versi\s+web|view\s+(?:this\s+email\s+)?(?:in\s+(?:your\s+)?browser|online))\b.{0,60}$",
        ),
        (
            // A PHP warning printed into the page.
            rule::SERVER_ERROR,
            // Its "in /path/file.php on line N" marks it wherever it stands in the line (a
            // theme prints one under each widget label).
            r"(?i)^\W*(?:warning|notice|deprecated|fatal\s+error|parse\s+error)\s*:\s.{0,300}\bon\s+line\s+\d+\W*$|\b(?:warning|notice|deprecated|fatal\s+error|parse\s+error)\s*:\s.{0,300}?\bin\s+\S+\.php\s+on\s+line\s+\d+",
        ),
        (
            // The placeholder of a blocked embed.
            rule::EMBED,
            r"(?i)^\W*(?:externer\s+inhalt|external\s+content|konten\s+eksternal)\W*$",
        ),
        (
            // Photo credits: a label alone or with its name, a stock agency's name.
            rule::PHOTO_CREDIT,
            r"(?i)^\W*(?:titelbild|titelfoto|beitragsbild|bildnachweis|fotonachweis|bildquelle|bildrechte|image\s+credits?|photo\s+credits?)\s*[:：]\W*(?:\S.{0,80})?$|^\W*(?:©\s*)?(?:istock(?:photo)?|getty\s*images|shutterstock|adobe\s*stock|fotolia|pixabay|unsplash|pexels)(?:\.com)?\b.{0,60}$",
        ),
        (
            // The site selling its own newsletter, magazine or channel under the text: "Want
            // more stories like this?", "Need more space? Subscribe to our sister title …",
            // "Get X delivered through your letterbox every month", "… Sign up for the free
            // daily newsletter.", "Chat with us in Facebook Messenger", "Follow AP's full
            // coverage of Brexit at …".
            rule::PROMO,
            r"(?i)^\W*(?:want|need)\s+more\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*\?(?:\W*$|.{0,200}\b(?:subscri\w*|sign\s+up|newsletters?|magazine|inbox)\b)|\bdelivered\s+(?:to|through|straight\s+to|right\s+to)\s+your\s+(?:letterbox|letter\s+box|door|doorstep|inbox|mailbox)\b|\b(?:sign\s+up|subscribe)\s+(?:(?:for|to)\s+)?(?:(?:the|our|a)\s+)?(?:free\s+)?(?:[\w-]+\s+){0,2}newsletters?\W*$|^\W*chat\s+with\s+us\s+(?:on|in|via)\b|\bfollow\s+us\s+(?:on|at|via)\s+(?:twitter|x|instagram|facebook|tiktok|threads|bluesky)\b[^.!?]{0,40}[.!]?\s*$|^\W*every\s+(?:day|week|morning|weekday)\s+we\s+send\b.{0,60}\b(?:e-?mail|newsletter)\b|^\W*follow\s+(?:\S+['’]s|our)\s+(?:full\s+|complete\s+|latest\s+|live\s+)?coverage\s+(?:of|on)\b",
        ),
        (
            // "Microsoft may earn an Affiliate Commission if you purchase something through
            // recommended links in this article."
            rule::DISCLAIMER,
            r"(?i)\b(?:may|might|will|could)\s+(?:earn|receive|get|make)\s+(?:an?\s+)?(?:small\s+)?(?:affiliate\s+)?commissions?\b.{0,80}\b(?:purchase|buy|links?)\b",
        ),
        (
            // A tabloid's list of other stories set in capitals: "DON'T MISS …".
            rule::READ_ALSO,
            r"^\W*DON['’]?T\s+MISS\b",
        ),
        (
            // How to cite the page: "Citation: Headline (2019, November 18) retrieved 20
            // November 2019 from https://…".
            rule::CITATION,
            r"(?i)^\W*citation\s*[:：].{0,300}\bretrieved\b.{0,80}\bfrom\s+https?://\S+\W*$",
        ),
        (
            // What a photo gallery leaves as text: its "Caption" and "Close" buttons, a
            // counter ("1 of 6"), a caption's "… less" toggle.
            rule::WIDGET,
            r"(?i)^\W*(?:caption|close|schließen|tutup|fermer|cerrar)\W*$|^\W*\d{1,3}\s?(?:of|/|von|dari|de)\s?\d{1,3}\W*$|[.!?)]\s+(?-i:less)$",
        ),
        (
            // A gallery's slide caption with its counter glued on: "2of4A shopper looks at …"
            // (or spaced from it, as a caption's pieces are: "2of4 A shopper …").
            rule::PHOTO_CREDIT,
            r"^\d{1,3}of\d{1,3}\s?\p{Lu}",
        ),
        (
            rule::LOGO,
            r"(?i)^(?:[\w.&'-]+\s+){1,3}logo(?:\s+article)?$",
        ),
        (
            // A newsletter's sign-up box in the text: its name ("Get the Morning Briefing
            // newsletter"), its pitch opening on a question ("Suka data seperti ini?
            // Dapatkan …"), its legal line ("By signing up, you agree to our user agreement").
            rule::PROMO,
            r"(?i)^\W*get\s+(?:the\s+|our\s+)?(?:[\w'’&-]+\s+){0,4}newsletters?\W*$|^\W*(?:dapatkan|terima)\s+(?:buletin|newsletter)\b.{0,80}$|^\W*(?:suka|senang\s+(?:dengan|membaca))\s+(?:[\w-]+\s+){0,3}?seperti\s+ini\s*\?|^\W*by\s+(?:signing\s+up|subscribing|registering|submitting\s+your\s+e-?mail)\b.{0,40}\byou\s+agree\b.{0,160}$|^\W*dengan\s+(?:mendaftar|berlangganan)\b.{0,40}\bmenyetujui\b.{0,160}$",
        ),
        (
            // An affiliate disclosure: "Artikel ini memuat tautan afiliasi. … bisa mendapat
            // komisi dari pembelian …", "This post contains affiliate links."
            rule::DISCLAIMER,
            r"(?i)\b(?:memuat|berisi|mengandung|menyertakan|menggunakan)\s+(?:tautan|link)\s+afiliasi\b|\b(?:contains?|includes?|uses?)\s+affiliate\s+links?\b|\b(?:mendapat(?:kan)?|menerima|memperoleh)\s+komisi\s+dari\s+(?:setiap\s+)?(?:pembelian|transaksi|penjualan)\b",
        ),
        (
            // A press release's media contact block ("Kontak Media: name, Surel: …, Telp:
            // …") and the wire's source line in capitals ("SUMBER Koperasi …", "SOURCE Acme
            // Corp"); the wire's disclaimer on the issuer's responsibility.
            rule::PRESS_RELEASE_TAIL,
            r"(?i)^\W*(?:kontak\s+(?:media|pers|humas)|narahubung(?:\s+media)?|media\s+(?:contacts?|inquiries|enquiries)|press\s+contacts?|contact\s+for\s+(?:media|press))\s*[:：]|^(?-i:SUMBER|SOURCE)\s+(?-i:\p{Lu})[\p{L}\d.&'’,() -]{1,100}$|\b(?:isi|konten)\s+(?:siaran\s+pers|rilis(?:\s+pers)?)\s+ini\s+(?:sepenuhnya\s+)?(?:menjadi\s+)?tanggung\s+jawab\b|\btidak\s+bertanggung\s+jawab\s+atas\s+(?:akurasi|kebenaran|ketepatan)\b|\b(?:is|are)\s+not\s+responsible\s+for\s+the\s+accuracy\b",
        ),
        (
            // Where a reporter filed from, as a line of the byline ("Reporting from Lagos,
            // Nigeria"), and a prompt to comment ("Share your thoughts.").
            rule::METADATA_LABEL,
            r"^\W*(?i:reporting\s+from)\s+\p{Lu}[\p{L}.'’-]*(?:,?\s+\p{Lu}[\p{L}.'’-]*){0,5}\W*$",
        ),
        (
            rule::COMMENTS_PROMPT,
            r"(?i)^\W*(?:share\s+your\s+(?:thoughts|comments|views|opinion)|join\s+the\s+(?:conversation|discussion)|what\s+do\s+you\s+think|bagikan\s+pendapat(?:\s*(?:anda|mu))?|apa\s+pendapat\s*(?:anda|mu))\W*$",
        ),
        (
            // A consent box holding back an embedded post: "Allow X content?", "This
            // article contains content provided by X. We ask for your permission before
            // anything is loaded …".
            rule::NOTICE,
            r"(?i)^\W*allow\s+(?:[\w.-]+\s+){0,2}content\s*\?\W*$|^\W*this\s+(?:article|page)\s+contains\s+content\s+provided\s+by\b|\bwe\s+ask\s+for\s+your\s+permission\s+before\s+anything\s+is\s+loaded\b",
        ),
        (
            // Where to reach the writer, in the writer's name: "Contact Jessica Tran at
            // jtran@… or follow her on X", "Hubungi Ani Rahma di ani@…".
            rule::AUTHOR_BIO,
            r"^\W*(?i:contact|reach|email|e-mail|hubungi|kontak)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(?i:at|via|di|melalui)\s+\S+@\S+.{0,120}$",
        ),
    ];
    rules
        .iter()
        .map(|(name, re)| (*name, GatedRegex::new(re).expect("valid phrase rule")))
        .collect()
});

/// A line that opens with a copyright sign or word ("© 2026 …", "Hak Cipta © …").
static COPYRIGHT_START: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*(?:©|\(c\)\s|copyright\b|hak\s+cipta\b)").expect("copyright start")
});

/// An author's bio under the text: "*Penulis adalah dosen …", "The writer is a lecturer
/// at …" (a column's note on its writer), "Follow him on Twitter", or "Jane Doe is a
/// reporter at ... Follow her ..." (a sentence about a person's job that ends with where to
/// follow them).
static AUTHOR_BIO: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(
        r"(?i)^\W*(?:penulis|kolumnis|the\s+(?:writer|author|columnist))\s+(?:adalah|merupakan|ialah|is\s+(?:an?|the))\s+\S|^\W*(?:you\s+can\s+)?(?:follow|ikuti|reach|contact|email)\s+(?:him|her|them|me|dia|beliau|penulis)\s+(?:on|at|di|via)\b|^\W*(?-i:\p{Lu})[\w.'’-]*(?:\s+(?-i:\p{Lu})[\w.'’-]*){0,3}\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w&-]+\s+){0,5}(?:reporter|writer|correspondent|journalist|columnist|contributor|editor|author|founder|co-founder|consultant|blogger|photographer|analyst|wartawan|jurnalis|penulis)\b.{0,400}\b(?:follow\s+(?:him|her|them|us|me|on|at)\b|twitter|linkedin|instagram|@\w|e-?mail\s*:)",
    )
    .expect("valid phrase rule")
});

/// A short caption in the running text that ends with its photo credit ("Son tres los
/// periodos de vacaciones. Foto: Andina", "… for its small lunar landers. Credit: Tyvak", "Zverev im ViertelfinaleBild: AFP/SID",
/// "Kranzniederlegung am Mahnmal © Presseamt | Jesco Denzel", "… zu. – © Jane Roe –
/// stock.adobe.com", "… de l’université / (C) Kab Niang"; a caption ends in a word, a
/// copyright line such as "COPYRIGHT © ANTARA 2022" does not).
static CAPTION_CREDIT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?:(?:\b(?i:foto|fotos|photo|photos|bild|imagen|gambar|credit|credits)|\p{Ll}(?:Foto|Bild|Photo))\s*[:：]\s*\p{Lu}|\p{Ll}[.!?]?\s+(?:[-–—|/]\s+)?(?:©\s*\w|\([cC]\)\s*\p{Lu})|,\s*(?i:bild|foto|photo|image)\s+via\b)[\w./&'’ |–—-]{0,80}$")
        .expect("valid phrase rule")
});

/// A caption that ends in a stock agency's credit in brackets ("… gut getarnt. (jdoe /
/// iStock.com)", "(Quelle: Doe/Unsplash/Verband)"); a source cited in a sentence's
/// brackets names no agency. ("(Foto: Dok. Warga)" is left: such captions are kept as
/// the text's, once.)
static BRACKETED_CREDIT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)\([^()]{0,60}\b(?:istock(?:photo)?|getty\s*images|shutterstock|adobe\s*stock|fotolia|pixabay|unsplash|pexels)(?:\.com)?\b[^()]{0,40}\)\W*$")
        .expect("valid phrase rule")
});

/// A caption that ends in its credit in brackets, named by its label or a wire's photo
/// line: "… cease control of Hong Kong (Image: GETTY )", "… in Hialeah, Fla. (AP Photo/Alan
/// Diaz, File)", "… its four RS-25 engines. (credit: NASA/Jude Guidry)", "(Image credit: …)",
/// "(Photos by …)". The label says what the line is, so a longer caption goes too (up to
/// [`MAX_LABELLED_CAPTION_WORDS`]).
static LABELLED_CREDIT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)\(\s*(?:(?:image|photo|picture|pic)s?(?:\s+credits?)?\s*:|(?:photo\s+)?credits?\s*:|(?:ap|afp|reuters|epa|pa|upi|xinhua)\s+(?:photos?|images?)\s*/|(?:photo|image|picture)s?\s+(?:by|courtesy(?:\s+of)?)\s)[^()]{1,100}\)\W*$")
        .expect("valid phrase rule")
});

/// A caption with a labelled credit (see [`LABELLED_CREDIT`]) is at most this many words.
const MAX_LABELLED_CAPTION_WORDS: usize = 60;

/// Whether a line is a caption that ends in a labelled credit (see [`LABELLED_CREDIT`]).
/// Only the HTML importer asks, for a caption left without its picture: a figure's own
/// caption stays with its image ("(Photo: Dana Ortiz / Riverside Ledger)").
pub fn is_caption_with_labelled_credit(text: &str) -> bool {
    text.split_whitespace().count() <= MAX_LABELLED_CAPTION_WORDS && LABELLED_CREDIT.is_match(text)
}

/// A photo's credit with nothing of a caption before it: "(Foto: Bola Timur/Andi Baso)",
/// "Foto: Dok. Humas", "Photo: AP".
static CREDIT_ALONE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*(?:foto|fotos|photo|photos|gambar|image|bild|sumber\s+foto|kredit\s+foto|photo\s+credit)\s*[:：]\s*[^!?:]{1,60}$")
        .expect("valid phrase rule")
});

/// Whether a photo's caption is only its credit, which says nothing of the picture: no
/// `image_caption`.
pub fn is_credit_alone(caption: &str) -> bool {
    caption.split_whitespace().count() <= 8 && CREDIT_ALONE.is_match(caption)
}

/// A figure's caption by its label ("Abbildung: …", "Abb. 2: …", "Figure 1: …"), which
/// runs longer than a credit line: up to [`MAX_CAPTION_WORDS`].
static CAPTION_LABEL: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*(?:abbildung|abb\.|figure|fig\.|grafik|infografik|gráfico|ilustrasi|illustration|bildunterschrift)(?:\s*\d+(?:\.\d+)*)?\s*[:：]\s*\S")
        .expect("valid phrase rule")
});

/// A teaser of another page: a line cut short with an ellipsis and a "more" link ("Auskunft
/// über vergangenes Wetter… mehr •••", "Les résultats du vote... Lire la suite").
static TEASER_LINE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)(?:…|\.\.\.)\s*[\[(»›>]*\s*(?:mehr|weiterlesen|more|read\s+more|continue\s+reading|lire\s+la\s+suite|en\s+savoir\s+plus|leer\s+más|seguir\s+leyendo|leggi\s+tutto|continua\s+a\s+leggere|lees\s+meer|leia\s+mais|czytaj\s+dalej|читать\s+далее|подробнее|selengkapnya)\b[^\w]*$")
        .expect("valid phrase rule")
});

/// A teaser line is at most this many words.
const MAX_TEASER_WORDS: usize = 40;

/// Whether a text writes its words in look-alike letters: Latin words with Cyrillic letters
/// in them ("Аdvеrtіѕе wіth uѕ"), which an advertiser uses to slip past filters. A real
/// text has words of one script each; at least [`MIN_LOOKALIKE_WORDS`] such words, and a
/// quarter of the text's words, make the line.
fn is_in_lookalike_letters(text: &str) -> bool {
    let mut words = 0;
    let mut mixed = 0;
    for word in text.split_whitespace() {
        words += 1;
        let latin = word.chars().any(|c| c.is_ascii_alphabetic());
        let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        mixed += usize::from(latin && cyrillic);
    }
    mixed >= MIN_LOOKALIKE_WORDS && mixed * 4 >= words
}

/// Words in look-alike letters that make a line (see [`is_in_lookalike_letters`]).
const MIN_LOOKALIKE_WORDS: usize = 5;

/// Captions with a credit are short: up to this many words.
const MAX_CAPTION_WORDS: usize = 30;

/// "Über den Autor", "About the author": a bio's heading, or the bio after it on one line.
static BIO_HEADING: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*(?:über\s+(?:den\s+autor|die\s+autorin|die\s+autoren)|about\s+the\s+authors?|sobre\s+(?:el\s+autor|la\s+autora)|tentang\s+penulis|à\s+propos\s+de\s+l'auteur)(?:\W*$|\s*[:：])")
        .expect("valid phrase rule")
});

/// Headings of "related", "most read" and "about the author" boxes: the heading and the
/// links (or the bio) under it go.
static RELATED_HEADING: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(
        r"(?i)^\W*(berita|artikel|baca)\s+(terkait|lainnya|lain|juga|pilihan|populer|terpopuler)|^\W*(warta|berita)\s+(sejenna|sanesna|lianna|liyane|sanesipun)\W*$|^\W*(terpopuler|populer|terkini|rekomendasi|pilihan\s+editor)\W*$|^\W*(related|more|recommended|top|latest|trending|popular|most\s+(read|popular|viewed|shared))(\s+(articles?|stories|news|coverage|posts|reading|links|on\s+\w+))?\W*$|^\W*(you\s+may\s+(also\s+)?like|read\s+next|read\s+more|also\s+read|see\s+also|don'?t\s+miss|further\s+reading|more\s+on\s+this\s+story)\W*$|^\W*(mehr\s+zum\s+thema(\s+auf\s+\S+)?|(das|dies)\s+könnte\s+(dich|sie|dir|ihnen|euch)\s+auch\s+(interessieren|gefallen)|zum\s+weiterlesen|empfohlene\s+(beiträge|artikel)|weiterführende\s+(links?|artikel|informationen)|weitere\s+(artikel|beiträge)|mehr\s+(zu|zur|zum|von|aus)\s+\S.{0,40}|weitere\s+(informationen|infos?)|weitere\s+\w*(tipps|artikel|beiträge|meldungen|nachrichten|themen)(\s+\S+){0,3}|siehe\s+auch|entdecke\s+weitere\s+\S+|heute\s+empfehlen\s+wir|vorschau\s+auf\s+den\s+nächsten\s+artikel|auch\s+interessant|lesen\s+sie\s+auch|(también\s+)?te\s+puede\s+interesar|(notas|noticias|artículos)\s+relacionad[oa]s|lo\s+más\s+leído|más\s+noticias|(à\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet|articles\s+(liés|similaires|associés)|schon\s+gelesen|mehr\s+themen|meist\s*-?\s*(gelesen|diskutiert|kommentiert|geklickt)|empfehlungen(\s+(aus|der|für)\s+\S.{0,40})?|articles\s+connexes|(?:à\s+)?lire\s+également|articoli\s+correlati|potrebbe\s+interessarti|leggi\s+anche|gerelateerde\s+artikelen|lees\s+ook|meer\s+nieuws|(?:artigos|notícias|matérias)\s+relacionad[oa]s|leia\s+também|veja\s+também|powiązane\s+artykuły|czytaj\s+(?:też|także|również)|zobacz\s+(?:też|także|również)|похожие\s+статьи|читайте\s+также|по\s+теме|相关文章|相关阅读|延伸阅读|相關文章|関連記事|あわせて読みたい)\W*$",
    )
    .expect("related heading")
});

/// Whether a short text is the heading of a "related" or "most read" list.
pub fn is_related_heading(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && RELATED_HEADING.is_match(text)
}

/// "Über den Autor", "About the author" alone: the heading of a bio box.
pub fn is_bio_heading(text: &str) -> bool {
    text.split_whitespace().count() <= 5 && BIO_HEADING.is_match(text)
}

/// The headings of a press release's closing sections, which describe the company, not the
/// news: "About Ascom", "About Acme Corp.", "Forward-Looking Statements", "Safe Harbor
/// Statement", "Media Contact", "Investor Relations". "About" takes a name (a capital
/// after it): "About the study" heads the article's own section.
static PRESS_RELEASE_TAIL_HEADING: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*(?:about\s+(?-i:\p{Lu})\S*(?:\s+\S+){0,3}|forward[-\s]looking\s+statements?|cautionary\s+(?:note|statement)(?:\s+regarding\s+forward[-\s]looking\s+statements?)?|safe\s+harbou?r(?:\s+statement)?|(?:media|press|investor)\s+(?:contacts?|relations|inquiries)|über\s+(?-i:\p{Lu})\S*(?:\s+\S+){0,3}|tentang\s+(?-i:\p{Lu})\S*(?:\s+\S+){0,3})\s*:?\s*$")
        .expect("press release tail heading")
});

/// Whether a short line is the heading of a press release's closing section (see
/// [`PRESS_RELEASE_TAIL_HEADING`]); the HTML importer drops it and what follows when it
/// stands in the last quarter of the text.
pub fn is_press_release_tail_heading(text: &str) -> bool {
    text.split_whitespace().count() <= 5 && PRESS_RELEASE_TAIL_HEADING.is_match(text)
}

/// Author bios run longer than other junk lines: up to this many words.
const MAX_BIO_WORDS: usize = 90;

/// The start of a blog's post footer, which goes on to name every category and the feed
/// ("Der Beitrag wurde am … veröffentlicht und wurde unter … abgelegt. Du kannst die
/// Kommentare … durch den RSS 2.0 Feed verfolgen …"): as long as a bio.
/// Notices under the text that run as long as a bio: "If you enjoyed this article, we have a
/// proposition for you: Join …" (the site asking for members), "This document is subject to
/// copyright. Apart from any fair dealing …", a consent box's "This article contains content
/// provided by X. We ask for your permission …", a print-edition note with its reprint links
/// ("A version of this article appears in print on …").
static LONG_NOTICE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*if\s+you\s+(?:enjoyed|liked|value|appreciate)\s+(?:this|our)\b.{0,300}\b(?:join|subscribe|support\s+us|donate|become\s+a|sign\s+up|membership)\b|^\W*this\s+(?:document|article|material|story|content)\s+is\s+(?:subject\s+to|protected\s+by)\s+copyright\b|^\W*this\s+(?:article|page)\s+contains\s+content\s+provided\s+by\b|^\W*a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appears|appeared)\s+in\s+print\b")
        .expect("valid phrase rule")
});

static POST_FOOTER_START: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)^\W*this\s+(?:entry|post)\s+was\s+posted\b|^\W*(?:der|dieser)\s+(?:beitrag|eintrag|artikel)\s+wurde\s+am\b.{0,120}\b(?:veröffentlicht|abgelegt|gepostet)\b|^\W*(?:erstellt|veröffentlicht|geschrieben|gepostet)\s+am\b.{0,120}\babgelegt\s+unter\b|\b(?:responses|kommentare|comments)\s+(?:to|zu)\s+(?:this|diesen|diesem)\s+(?:entry|eintrag|beitrag|post)\b.{0,80}\brss\b|^\W*(?:both\s+)?(?:comments\s+and\s+pings|kommentare\s+und\s+pings)\s+(?:are|sind)\b")
        .expect("valid phrase rule")
});

/// The rule that drops a line, if one does (see the module notes).
/// Editor initials closing the last paragraph ("… dikelola 120 keluarga. (sam)").
static CLOSING_INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([.!?”\x22])\s+\(\s*[a-z]{2,8}(?:\s*/\s*[a-z]{2,8})*\s*\)\s*$")
        .expect("closing initials")
});

/// `body` without the editor initials at the end of its last paragraph, and the initials
/// taken off (the same sign as a line of initials, written at the end of the text).
pub fn without_closing_initials(body: &str) -> Option<(String, String)> {
    let trimmed = body.trim_end();
    let mark = CLOSING_INITIALS.captures(trimmed)?.get(1)?;
    let kept = format!("{}\n", &trimmed[..mark.end()]);
    Some((kept, trimmed[mark.end()..].trim().to_string()))
}

/// A letter's salutation to the editors, opening a reader's letter: "Yth. Redaksi Harian
/// …,", "Kepada Yth. Redaksi", "Dear Editor,", "Sir,".
static LETTER_SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:kepada\s+)?yth\.?\s+(?:bapak/ibu\s+)?(?:redaksi|redaktur|pengasuh)\b.{0,60}|dear\s+(?:editor|sir|madam)\b.{0,40}|sir|madam|to\s+the\s+editor)\s*[,:]?$")
        .expect("letter salutation")
});

/// The rule of a reader's letter's signature.
pub const LETTER_SIGNATURE: &str = "letter signature";

/// A reader's letter (its body opens with a salutation to the editors) signed at its end
/// with the writer's name, and the place on the next line ("Hendrikus Ajun\\\nSungai Raya,
/// Kubu Raya"): the body without the signature, and the writer's name.
pub fn without_letter_signature(body: &str) -> Option<(String, String)> {
    let trimmed = body.trim_end();
    let first = trimmed.split("\n\n").next()?;
    if !LETTER_SALUTATION.is_match(first.trim()) {
        return None;
    }
    let (kept, last) = trimmed.rsplit_once("\n\n")?;
    let mut lines = last.lines().map(|l| l.trim_end_matches('\\').trim());
    let name = lines.next()?;
    let place = lines.next();
    let place_ok = place.is_none_or(|p| {
        p.split_whitespace().count() <= 8 && !p.ends_with(['.', '!', '?']) && lines.next().is_none()
    });
    let name_ok = crate::import::names::is_name_like(name)
        && name.split_whitespace().count() >= 2
        && !name.ends_with(['.', '!', '?', ',']);
    (name_ok && place_ok).then(|| (format!("{kept}\n"), name.to_string()))
}

pub fn junk_phrase(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let words = text.split_whitespace().count();
    if words <= MAX_BIO_WORDS && (AUTHOR_BIO.is_match(text) || BIO_HEADING.is_match(text)) {
        return Some(rule::AUTHOR_BIO);
    }
    if words <= MAX_BIO_WORDS && POST_FOOTER_START.is_match(text) {
        return Some(rule::POST_FOOTER);
    }
    if words <= MAX_BIO_WORDS
        && let Some(found) = LONG_NOTICE.find(text)
    {
        let found = found.as_str().to_lowercase();
        return Some(if found.contains("copyright") {
            rule::COPYRIGHT
        } else if found.contains("in print") {
            rule::SYNDICATION
        } else if found.contains("content provided by") {
            rule::NOTICE
        } else {
            rule::PROMO
        });
    }
    if words <= MAX_BIO_WORDS && is_in_lookalike_letters(text) {
        return Some(rule::LOOKALIKE_LETTERS);
    }
    if words > MAX_JUNK_LINE_WORDS {
        return None;
    }
    if !text.is_empty() && !text.chars().any(char::is_alphanumeric) && !is_emoticon(text) {
        return Some(rule::SEPARATOR);
    }
    if is_share_line(text) {
        return Some(rule::SHARE);
    }
    // "Hak Cipta © 2026 Kementerian …" ends like a caption's credit but opens as the
    // copyright line it is.
    if COPYRIGHT_START.is_match(text) {
        return Some(rule::COPYRIGHT);
    }
    if words <= MAX_CAPTION_WORDS
        && (CAPTION_CREDIT.is_match(text)
            || BRACKETED_CREDIT.is_match(text)
            || CAPTION_LABEL.is_match(text))
    {
        return Some(rule::PHOTO_CREDIT);
    }
    if words <= MAX_TEASER_WORDS && TEASER_LINE.is_match(text) {
        return Some(rule::TEASER);
    }
    if let Some(name) = page_meta::page_meta_rule(text) {
        return Some(name);
    }
    PHRASE_RULES
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(name, _)| *name)
}

/// A smiley a writer typed as a line of its own (":-)", "=)", ";(", "^^"): words, not a
/// separator, though it has no letter.
fn is_emoticon(text: &str) -> bool {
    static EMOTICON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[:;=]['^-]?[()\[\]|/\\*]{1,3}|[()\[\]]{1,3}['^-]?[:;=]|\^[_.-]?\^|<3)(?:\s+(?:[:;=]['^-]?[()\[\]|/\\*]{1,3}|\^[_.-]?\^|<3))*$")
            .expect("emoticon")
    });
    EMOTICON.is_match(text.trim())
}

/// Words of share-button rows; the weak ones only count next to a strong one.
#[rustfmt::skip]
const SHARE_STRONG: &[&str] = &[
    "bagikan", "bagikeun", "share", "shares", "facebook", "fb", "twitter", "whatsapp", "wa", "telegram",
    "email", "e-mail", "surel", "copy", "salin", "tautan", "tweet", "pinterest", "linkedin",
    "messenger", "reddit", "threads", "disalin", "tersalin", "copied", "flipboard", "mailto",
];
const SHARE_WEAK: &[&str] = &[
    "on", "this", "article", "artikel", "ini", "via", "ke", "to", "telah", "url", "link", "line",
    "x", "suka", "like", "komentar", "comment", "comments", "simpan", "save",
];
/// The letters of share icons as a text dump keeps them ("f t w", "f in g+").
const SHARE_ICONS: &[&str] = &[
    "f", "t", "w", "g", "g+", "in", "p", "e", "m", "li", "tw", "ig", "yt", "tg", "x",
];

/// The buttons under a post or a comment ("Reply | Quote", "Balas · Laporkan", "Suka 12
/// Balas"): a row made only of them (and counts) is a row of the page's tools, whatever
/// the forum or app calls the rest of its buttons.
const POST_ACTIONS: &[&str] = &[
    "reply",
    "balas",
    "quote",
    "kutip",
    "tanggapi",
    "laporkan",
    "report",
    "like",
    "suka",
    "sukai",
    "komentar",
    "comment",
    "comments",
    "simpan",
    "save",
    "ikuti",
    "follow",
    "permalink",
    "edit",
    "hapus",
    "delete",
];

/// "Bagikan", "Share on Facebook Share on Twitter WhatsApp", "BAGIKAN URL telah disalin",
/// "f t w", "Reply | Quote".
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
    let actions = tokens.iter().filter(|t| has(POST_ACTIONS, t)).count();
    let action_row = actions >= 2 && tokens.iter().all(|t| known(t) || has(POST_ACTIONS, t));
    !tokens.is_empty() && ((tokens.iter().all(known) && strong) || action_row)
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

    /// A rule proper compiles when its gate first lets a line through: every one must.
    #[test]
    fn a_readers_letter_is_signed_by_its_writer() {
        let letter = "Yth. Redaksi Harian Tanjungpura,\n\nLampu jalan padam sebulan.\n\nHendrikus Ajun\\\nSungai Raya, Kubu Raya\n";
        assert_eq!(
            without_letter_signature(letter),
            Some((
                "Yth. Redaksi Harian Tanjungpura,\n\nLampu jalan padam sebulan.\n".to_string(),
                "Hendrikus Ajun".to_string()
            ))
        );
        // No salutation: an article's last line is no signature.
        assert_eq!(
            without_letter_signature("Lampu jalan padam.\n\nHendrikus Ajun\n"),
            None
        );
        // A last paragraph that is a sentence is no signature.
        assert_eq!(
            without_letter_signature("Dear Editor,\n\nThe lights are out.\n\nThank you.\n"),
            None
        );
    }

    #[test]
    fn every_rule_compiles() {
        let statics = [
            &COPYRIGHT_START,
            &AUTHOR_BIO,
            &CAPTION_CREDIT,
            &BRACKETED_CREDIT,
            &LABELLED_CREDIT,
            &CREDIT_ALONE,
            &PRESS_RELEASE_TAIL_HEADING,
            &CAPTION_LABEL,
            &TEASER_LINE,
            &BIO_HEADING,
            &RELATED_HEADING,
            &LONG_NOTICE,
            &POST_FOOTER_START,
        ];
        let rules = PHRASE_RULES.iter().map(|(_, re)| re);
        for re in rules.chain(statics.into_iter().map(|re| &**re)) {
            re.rule();
        }
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
    fn initials_closing_the_text_leave_it() {
        assert_eq!(
            without_closing_initials("Satu.\n\nDikelola 120 keluarga. (sam)\n"),
            Some((
                "Satu.\n\nDikelola 120 keluarga.\n".to_string(),
                "(sam)".to_string()
            ))
        );
        assert_eq!(
            without_closing_initials("Kata dia. (ant/hms)\n").map(|(b, _)| b),
            Some("Kata dia.\n".to_string())
        );
        // Words in brackets that end a sentence's text are the text.
        assert_eq!(without_closing_initials("Harga naik (lihat tabel)\n"), None);
        assert_eq!(without_closing_initials("Presiden tiba (dok)\n"), None);
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
        assert_eq!(rule_of("Advert"), rule::ADVERTISEMENT);
        assert_eq!(rule_of("The advert ran for a week."), "kept");
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
        for tools in [
            "Cetak Berita | Kirim ke Teman",
            "Print | Email",
            "4–5 menit baca",
            // An audio player's length beside its button.
            "12 menit",
            "kabarrel.example",
        ] {
            assert_eq!(rule_of(tools), rule::WIDGET, "{tools}");
        }
        assert_eq!(
            rule_of("Baca artikel selengkapnya di kabarrel.example"),
            rule::SYNDICATION
        );
        // A note on the print edition, in both languages.
        for note in [
            "Artikel ini terbit di Majalah Lintas Pekan edisi 7–13 Desember 2026 dengan judul “Cerobong yang Padam”.",
            "Tulisan ini pernah dimuat di Harian Fajar Timur, 3 Maret 2026.",
            "A version of this article appears in print on Dec. 6, 2026, Section A, Page 1 of the New York edition.",
            "This article appeared in the print edition of the Weekly Review under the headline “Cold stacks”.",
        ] {
            assert_eq!(rule_of(note), rule::SYNDICATION, "{note}");
        }
        assert_eq!(
            junk_phrase("Laporan ini terbit di tengah protes warga terhadap tambang itu."),
            None
        );
        assert_eq!(junk_phrase("Cetak biru kota itu disusun tahun lalu."), None);
        assert_eq!(rule_of("Bagikan  Suka  Komentar"), rule::SHARE);
        assert_eq!(
            rule_of(
                "Ingin menyampaikan keluhan? Kirim surat pembaca ke redaksi@harian.example dengan melampirkan fotokopi KTP."
            ),
            rule::PROMO
        );
        // A social post's counters, comment box and channel footer.
        for counter in [
            "2.341 suka",
            "87 kali dibagikan",
            "214 komentar",
            "Lihat semua 87 komentar",
            "Tambahkan komentar...",
            "Lihat terjemahan",
            "3.2K  edited  09:41",
            "Aktifkan notifikasi agar tidak ketinggalan info terbaru",
        ] {
            assert_eq!(rule_of(counter), rule::WIDGET, "{counter}");
        }
        assert_ne!(
            junk_phrase("Aktifkan notifikasi darurat di ponsel, kata petugas BPBD kepada warga."),
            Some(rule::WIDGET),
            "a sentence of the text"
        );
        // A recipe's time is no reading time.
        assert_eq!(junk_phrase("15 – 30 Min"), None);
        for note in [
            "Konten dari Pengguna",
            "Tulisan ini adalah kiriman dari publisher kabarflores",
            // An aggregator's or a reader app's link to the story where it was published.
            "Lihat artikel asli",
            "Baca berita aslinya di Kabar Sulsel",
            "View original article",
        ] {
            assert_eq!(rule_of(note), rule::SYNDICATION, "{note}");
        }
        for shop in [
            "Besuchen Sie unseren Fan-Shop!",
            "Visit our store for prints of this photo",
            "Kunjungi toko online kami",
        ] {
            assert_eq!(rule_of(shop), rule::PROMO, "{shop}");
        }
        assert_eq!(
            junk_phrase("Wir besuchen Sie unseren Shop gern, sagte der Händler am Montag."),
            None
        );
    }

    #[test]
    fn sign_ups_disclosures_press_release_tails_and_consent_boxes() {
        for (line, want) in [
            ("Get the Morning Briefing newsletter", rule::PROMO),
            (
                "Suka data seperti ini? Dapatkan infografis terbaru setiap Jumat di surel Anda. Daftar gratis",
                rule::PROMO,
            ),
            (
                "By signing up, you agree to our user agreement and privacy policy.",
                rule::PROMO,
            ),
            (
                "Artikel ini memuat tautan afiliasi. Kami bisa mendapat komisi dari pembelian melalui tautan tersebut.",
                rule::DISCLAIMER,
            ),
            ("This post contains affiliate links.", rule::DISCLAIMER),
            (
                "Kontak Media: Cut Rahmi, Humas Koperasi, Surel: humas@x.example, Telp: +62 812-6633-1290",
                rule::PRESS_RELEASE_TAIL,
            ),
            (
                "Media contact: Jane Roe, jane@acme.example",
                rule::PRESS_RELEASE_TAIL,
            ),
            (
                "SUMBER Koperasi Produsen Kopi Gunung Sari",
                rule::PRESS_RELEASE_TAIL,
            ),
            ("SOURCE Acme Corp.", rule::PRESS_RELEASE_TAIL),
            (
                "Isi siaran pers ini sepenuhnya tanggung jawab pihak penerbit.",
                rule::PRESS_RELEASE_TAIL,
            ),
            ("Reporting from Lagos, Nigeria", rule::METADATA_LABEL),
            ("Share your thoughts.", rule::COMMENTS_PROMPT),
            ("Allow X content?", rule::NOTICE),
            (
                "This article contains content provided by X. We ask for your permission before anything is loaded, as they may be using cookies and other technologies. You may want to read X’s cookie policy and privacy policy before accepting. To view this content choose ‘accept and continue’.",
                rule::NOTICE,
            ),
            (
                "A version of this article appears in print on Dec. 3, 2026, Section A, Page 8 of the New York edition with the headline: Lagos Commuters Trade 40 Minutes for Four Hours. Order Reprints | Today’s Paper | Subscribe",
                rule::SYNDICATION,
            ),
            (
                "Contact Jessica Tran at jtran@courier.example or follow her on X at @jtranwrites.",
                rule::AUTHOR_BIO,
            ),
        ] {
            assert_eq!(rule_of(line), want, "{line}");
        }
        for kept in [
            "Sumber kebocoran itu belum diketahui, kata polisi.",
            "SUMBER: BPS",
            "Reporting from the front line is dangerous, she said.",
            "Warga suka kopi seperti ini karena rasanya pahit, kata Ani.",
            "Get the newsletter, she told him, and read it every day before work.",
        ] {
            assert_eq!(junk_phrase(kept), None, "{kept}");
        }
    }

    #[test]
    fn read_also_follow_share_and_ad_lines_in_more_languages() {
        for (line, want) in [
            ("Leggi anche: Il governo cade dopo il voto", rule::READ_ALSO),
            ("Lees ook: Kabinet valt over stikstof", rule::READ_ALSO),
            ("Czytaj także: Rząd podał się do dymisji", rule::READ_ALSO),
            (
                "Читайте также: Правительство ушло в отставку",
                rule::READ_ALSO,
            ),
            ("相关阅读：政府宣布新的措施", rule::READ_ALSO),
            ("関連記事", rule::READ_ALSO),
            (
                "Lire aussi Jeanne Roux, « La réforme des retraites »",
                rule::READ_ALSO,
            ),
            ("Suivez-nous sur Instagram", rule::PROMO),
            ("Síguenos en nuestro canal de YouTube", rule::PROMO),
            ("Abonnez-vous à notre newsletter", rule::PROMO),
            ("Iscriviti alla newsletter settimanale", rule::PROMO),
            ("Assine o 247, apoie por Pix", rule::PROMO),
            ("Partager : Facebook Twitter", rule::SHARE),
            ("Udostępnij", rule::SHARE),
            ("Reklama", rule::ADVERTISEMENT),
            ("Реклама", rule::ADVERTISEMENT),
            ("广告", rule::ADVERTISEMENT),
        ] {
            assert_eq!(rule_of(line), want, "{line}");
        }
        for kept in [
            "Suivez la rivière jusqu'au vieux pont, puis tournez à gauche.",
            "Il ministro ha detto di leggere anche il rapporto della commissione.",
            "Смотрите, как растут цены на жильё в Москве.",
            "Partagez-vous l'avis du ministre sur la réforme ?",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
        for heading in [
            "Articoli correlati",
            "Похожие статьи",
            "関連記事",
            "Notícias relacionadas",
        ] {
            assert!(is_related_heading(heading), "{heading}");
        }
    }

    #[test]
    fn a_teaser_cut_short_with_a_more_link_goes() {
        for line in [
            "Auskunft über vergangenes Wetter… mehr •••",
            "Les résultats du vote de dimanche... Lire la suite",
            "How the council spent the flood fund… Read more »",
        ] {
            assert_eq!(rule_of(line), rule::TEASER, "{line}");
        }
        // An ellipsis in a sentence that goes on is the text's.
        assert_eq!(
            rule_of("Er zögerte… mehr wollte er dazu nicht sagen."),
            "kept"
        );
    }

    #[test]
    fn text_in_look_alike_letters_goes_at_any_length() {
        // Latin words with Cyrillic letters in them (а, е, о, с, у, і, ѕ, В), 45 words.
        let ad = "Аdvеrtіѕе wіth thе best news site in Веlіzе ~ Wе оffеr fullу сuѕtоmіzаblе \
                  аnd flехіblе dіgіtаl mаrkеtіng расkаgеѕ. Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу \
                  tо thоuѕаndѕ оf uѕеrѕ іn Веlіzе аnd аbrоаd! Соntасt uѕ аt ads@example.org \
                  оr саll uѕ аt 501-000-0000 today for a quote on your next campaign.";
        assert!(ad.split_whitespace().count() > MAX_JUNK_LINE_WORDS);
        assert_eq!(rule_of(ad), rule::LOOKALIKE_LETTERS);
        // Russian with Latin names and a mixed word or two is a real text.
        for kept in [
            "Компания Apple представила новый iPhone в Москве, а Samsung ответила своим Galaxy.",
            "В iOS-приложении и на Android-версии появились новые функции для пользователей.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn a_paragraph_that_opens_by_asking_about_the_sites_own_offer_is_a_promo() {
        for line in [
            "Gefällt dir unser Magazin? Bei der Gründung haben wir entschieden, keine Bezahlschranke einzuführen. Das wird auch so bleiben, denn wir möchten möglichst viele Leser mit Nachrichten versorgen.",
            "Kennt ihr schon unseren Markenfinder? Ab sofort findet ihr mit unserem Markenfinder faire Labels und nachhaltige Produkte auf einen Klick, von uns geprüft.",
            "Kennen Sie schon unsere App?",
            "Have you seen our newsletter? Every Friday we send the week's best stories to your inbox, free of charge and without any advertising at all.",
        ] {
            assert_eq!(rule_of(line), rule::PROMO, "{line}");
        }
        for kept in [
            // Asking about a thing that is not the site's own is the article's question.
            "Kennt ihr schon den neuen Wanderweg am See? Er führt in drei Stunden vom Bahnhof bis zur Hütte und ist auch für Kinder gut zu gehen.",
            "Gefällt dir diese Farbe? Dann passt sie auch zu den Vorhängen im Schlafzimmer, die wir im letzten Teil der Serie genäht haben, und zu vielen anderen Stoffen.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn an_opinion_columns_writer_note_and_disclaimer() {
        for line in [
            "*Penulis adalah dosen Fakultas Teknik Universitas Mulawarman.",
            "(Penulis merupakan peneliti di Pusat Studi Lingkungan)",
            "The writer is a lecturer at Gadjah Mada University.",
        ] {
            assert_eq!(rule_of(line), rule::AUTHOR_BIO, "{line}");
        }
        for line in [
            "Tulisan ini merupakan pendapat pribadi penulis dan tidak mencerminkan pandangan redaksi.",
            "Isi tulisan ini sepenuhnya tanggung jawab penulis.",
            "Opini ini tidak mencerminkan sikap redaksi.",
        ] {
            assert_eq!(rule_of(line), rule::DISCLAIMER, "{line}");
        }
        // Sentences of the text that name a writer or an opinion stay.
        for kept in [
            "Penulis buku itu tinggal di Samarinda sejak 1998.",
            "Menurut penulis, kolam retensi belum cukup.",
            "Pendapat warga tentang banjir berbeda-beda.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn regional_read_also_share_and_live_notes() {
        for line in [
            "Baca oge: Festival Kuda Renggong",
            "Waca uga: Pasar Gede Buka",
            "Maca ogé",
        ] {
            assert_eq!(rule_of(line), rule::READ_ALSO, "{line}");
        }
        assert_eq!(rule_of("Bagikeun: Facebook Twitter WhatsApp"), rule::SHARE);
        assert_eq!(
            rule_of("Sumangga dipun-share: Facebook | Twitter | WhatsApp"),
            rule::SHARE
        );
        assert_eq!(rule_of("Durasi 02:14"), rule::WIDGET);
        assert_eq!(rule_of("Durasi perjalanan dua jam."), "kept");
        for line in [
            "Diperbarui 11:05 WITA · Halaman ini diperbarui otomatis",
            "This page updates automatically",
        ] {
            assert_eq!(rule_of(line), rule::WIDGET, "{line}");
        }
        for kept in [
            "Baca ogé cenah, ceuk Mang Ade, teu kudu buru-buru ka kota.",
            "Data di halaman ini diperbarui setiap pekan oleh dinas kesehatan.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn a_newspaper_pages_jump_and_folio_lines() {
        for line in [
            "Bersambung ke Hal. 7",
            "Sambungan dari halaman 1",
            "Continued on page A6",
            "METROPOLIS | 5",
            "12 | EKONOMI & BISNIS",
            "2/4",
        ] {
            assert_eq!(rule_of(line), rule::PAGINATION, "{line}");
        }
        for kept in [
            "Metropolis | 5 hal menarik",
            "Skor akhir 2/4 set",
            "Pasal 5 | Ayat 2",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
        // A copyright line is no caption, though it ends in a name after "©".
        assert_eq!(
            rule_of("Hak Cipta © 2026 Kementerian Kelautan dan Perikanan"),
            rule::COPYRIGHT
        );
    }

    #[test]
    fn a_newsletters_greeting_and_closing_lines() {
        for line in [
            "Halo pembaca, berikut berita pilihan redaksi pagi ini.",
            "Selamat pagi, Sobat Tani! Ini kabar pekan ini.",
            "Terima kasih telah membaca. Teruskan buletin ini kepada teman Anda.",
            "Thanks for reading!",
            "Anda menerima email ini karena mendaftar di situs kami.",
            "You are receiving this email because you signed up on our site.",
            "Lihat versi web",
        ] {
            assert_eq!(rule_of(line), rule::NEWSLETTER, "{line}");
        }
        for kept in [
            "Halo, kata Markus sambil melambai kepada petugas pelabuhan.",
            "Warga menerima bantuan ini karena rumah mereka terendam.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
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
    fn promos_notices_and_gallery_buttons_under_english_articles() {
        for (line, want) in [
            ("Want more stories like this?", rule::PROMO),
            (
                "Need more space? Subscribe to our sister title \"All About Space\" Magazine for the latest news!",
                rule::PROMO,
            ),
            (
                "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99.",
                rule::PROMO,
            ),
            (
                "Start your day with the Opening Bell. Sign up for the free daily newsletter.",
                rule::PROMO,
            ),
            (
                "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
                rule::PROMO,
            ),
            (
                "Welcome to the Daily Deals, your source for the best deals on the stuff you want to buy. Follow us at Twitter @dealsdesk.",
                rule::PROMO,
            ),
            (
                "Every day we send an email with the top stories from the site.",
                rule::PROMO,
            ),
            (
                "Follow AP's full coverage of Brexit and British politics at https://apnews.example/Brexit",
                rule::PROMO,
            ),
            (
                "If you enjoyed this article, we have a proposition for you: Join NRPLUS. Members get all of our content, no paywalls or content meters, an advertising-minimal experience, and unique access to our writers and editors through conference calls, social-media groups, and more. And importantly, NRPLUS members help keep us going.",
                rule::PROMO,
            ),
            (
                "Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.",
                rule::DISCLAIMER,
            ),
            (
                "DON'T MISS Plague warning: CDC names EIGHT deadly diseases [WARNING]",
                rule::READ_ALSO,
            ),
            (
                "Citation: Hibernating astronauts would need smaller spacecraft (2019, November 18) retrieved 20 November 2019 from https://phys.example/news/2019-11-hibernating.html",
                rule::CITATION,
            ),
            (
                "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission. The content is provided for information purposes only.",
                rule::COPYRIGHT,
            ),
            ("Caption", rule::WIDGET),
            ("Close", rule::WIDGET),
            ("1 of 6", rule::WIDGET),
            ("Tempo de leitura: 2 minutos", rule::WIDGET),
            (
                "A shopper looks at extension cords at a hardware store in Grass Valley, Calif. less",
                rule::WIDGET,
            ),
            (
                "A shopper looks at extension cords at a hardware store, Tuesday, Nov. 19, 2019, in Grass Valley, Calif., in preparation of the planned power shutdown scheduled for Wednesday ... more",
                rule::TEASER,
            ),
            (
                "2of4A shopper looks at extension cords at a hardware store.",
                rule::PHOTO_CREDIT,
            ),
            (
                "3of4 A shopper looks at extension cords at a hardware store.",
                rule::PHOTO_CREDIT,
            ),
        ] {
            assert_eq!(rule_of(line), want, "{line}");
        }
    }

    #[test]
    fn english_sentences_like_those_promos_are_kept() {
        for line in [
            "Want more proof? The team ran the test again in March and got the same result.",
            "The parcels were delivered to the warehouse on Monday.",
            "He said he would subscribe to the idea only if the council agreed.",
            "Follow the coverage of the trial closely, the judge told the jurors.",
            "The band told fans to follow us on Twitter, the singer recalled, and then the account was gone.",
            "Every day we send a team to the river to measure the water.",
            "If you enjoyed this article's first part, the second is even better.",
            "Don't miss the chance to see the comet, astronomers said on Tuesday.",
            "The store may earn more this year than last, analysts said.",
            "Close to 300 people attended the meeting.",
            "Citation needed, the editor wrote in the margin.",
            "Three of four voters said they had not decided yet.",
            "The company will make less money this year, it said.",
        ] {
            assert_eq!(rule_of(line), "kept", "{line}");
        }
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
    fn read_also_lines_in_spanish_german_and_french() {
        for line in [
            "Mire: El cantante da positivo a COVID-19",
            "Lea también: La lluvia vuelve a la capital",
            "Lea más: Los precios suben",
            "Lesen Sie auch: Der Streik geht weiter",
            "Siehe auch: Die Wahl in Bayern",
            "Lire aussi : La grève continue",
        ] {
            assert_eq!(rule_of(line), rule::READ_ALSO, "{line}");
        }
    }

    #[test]
    fn paywall_and_subscription_notices() {
        for line in [
            "To view the full story, please subscribe to The Harbor Times.",
            "If you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.",
        ] {
            assert_eq!(rule_of(line), rule::PAYWALL, "{line}");
        }
        for line in [
            "¿Ya sabías que en Harbor.com tenemos canal de Telegram? Únete desde tu celular.",
            "Subscribe now to our weekend edition for the full story.",
            "Follow The Harbor on Twitter and Instagram @Harbor and on Facebook @HarborNews. Send us a message on WhatsApp at 1-876-555-0100 or email us at news@harbor.example.",
            "First-time subscribers also receive a special welcome gift!",
            "Do you want to be informed of our actions? Sign up here",
            "Artikel gefallen? Vergiss nicht zu teilen!",
            "Entdecken Sie jetzt",
        ] {
            assert_eq!(rule_of(line), rule::PROMO, "{line}");
        }
    }

    #[test]
    fn app_notices_and_consent_placeholders() {
        for line in [
            "For the latest stories download the Harbor News apps for iOS and Android.",
            "Get the latest news straight to your phone with the Harbor app.",
            "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine Verbindung zu Twitter her.",
            // A mobile app's share sheet, under or over the copied article.
            "Dibagikan dari Kabar Borneo untuk Android",
            "Shared from Harbor News for iOS",
            "Sent from my iPhone",
        ] {
            assert_eq!(rule_of(line), rule::NOTICE, "{line}");
        }
        // Read as a promo to follow the outlet (an earlier rule), dropped either way.
        assert_ne!(
            rule_of("Baca berita ini di aplikasi Kabar Borneo 📱"),
            "kept"
        );
        for line in [
            "Aplikasi itu dibagikan dari sekolah ke sekolah untuk membantu guru di pedalaman.",
            "Warga membaca berita di aplikasi ponsel mereka sambil menunggu kapal datang ke dermaga.",
        ] {
            assert_ne!(rule_of(line), rule::NOTICE, "{line}");
        }
    }

    #[test]
    fn advertisement_labels_in_german_and_spanish() {
        for line in [
            "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
            "ANZEIGE - Heute mal ausgehen?",
            "Anzeige",
            "PUBLICIDAD",
        ] {
            assert_eq!(rule_of(line), rule::ADVERTISEMENT, "{line}");
        }
    }

    #[test]
    fn post_footers_comments_ratings_and_gallery_buttons() {
        assert_eq!(
            rule_of("This entry was posted in Allgemein. Bookmark the permalink."),
            rule::POST_FOOTER
        );
        assert_eq!(
            rule_of(
                "Der Beitrag wurde am Mittwoch, 3. Mai 2023 veröffentlicht und wurde unter Reisen abgelegt."
            ),
            rule::POST_FOOTER
        );
        assert_eq!(rule_of("Category : Press Releases"), rule::POST_FOOTER);
        // The whole WordPress footer, 53 words.
        assert_eq!(
            rule_of(
                "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und \
                 wurde unter Allgemein, Region Halle - Leipzig, Tastings & Events, Veranstaltungskalender \
                 abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen. \
                 Kommentare sind derzeit geschlossen, aber Du kannst dennoch einen Trackback auf deiner \
                 Seite einrichten."
            ),
            rule::POST_FOOTER
        );
        // The same footer in another theme's words, and its last sentences alone.
        for footer in [
            "Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Linux, Tutorials. \
             Kommentare zu diesen Eintrag im RSS 2.0 Feed. Kommentare und Pings sind derzeit nicht erlaubt.",
            "You can follow any responses to this entry through the RSS 2.0 feed.",
            "Both comments and pings are currently closed.",
        ] {
            assert_eq!(rule_of(footer), rule::POST_FOOTER, "{footer}");
        }
        assert_eq!(
            rule_of("Erstellt am Montag: ein Plan, der unter Linux und Windows läuft."),
            "kept"
        );
        for label in [
            "Von:",
            "**By:**",
            "Release Date:",
            "News date : 04/21/2022    Category : Press Releases",
            "Date: 2022-04-21",
        ] {
            assert_eq!(rule_of(label), rule::METADATA_LABEL, "{label}");
        }
        for kept in [
            "Von: Berlin nach Hamburg in zwei Stunden",
            "Date: the night the power went out",
            "By: the river, the town holds its market.",
            "Der Beitrag wurde am Ende gestrichen, weil niemand ihn bezahlen wollte.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
        assert_eq!(
            rule_of("Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)"),
            rule::COMMENTS_PROMPT
        );
        assert_eq!(
            rule_of("Sie sind aktuell nicht eingeloggt."),
            rule::COMMENTS_PROMPT
        );
        assert_eq!(
            rule_of("Hier können Sie den Artikel bewerten"),
            rule::WIDGET
        );
        assert_eq!(rule_of("Bild anzeigen Bild schließen"), rule::WIDGET);
    }

    #[test]
    fn photo_credits_and_captions_ending_in_one() {
        for line in [
            "Crédits photos : Bestimage",
            "(crédito: Ana Souza/Agência)",
            "Photo Source: Jane Roe from a photo library.",
            "Son tres los periodos de vacaciones durante el año escolar. Foto: Andina",
            "Der Spieler steht im ViertelfinaleBild: AFP/SID/JOHN DOE",
            "Vertreter bei einer Kranzniederlegung am Mahnmal © Presse- und Informationsamt der Bundesregierung | Jesco Denzel",
            "Die Präsidentin spricht bei der Gedenkstunde © dpa | Bernd von Jutrczenka",
            "Stapel mit Mauerziegeln: Wenn ein Käufer nicht zahlt, wird ein Eigentumsvorbehalt verwendet. - © jollier_ - stock.adobe.com",
            "Paris Haute Couture SS14, Serkan Cura, Bild via",
            "Cyber-Attacken nehmen weiter zu. – © Jane Roe – stock.adobe.com",
            "Le piquet de grève dans le hall de l’université / (C) Kab Niang",
            "A reference habitation module compared to its hibernation-based equivalent. Credit: ESA",
        ] {
            assert_eq!(rule_of(line), rule::PHOTO_CREDIT, "{line}");
        }
        for kept in [
            // A text's source stays (the golden Indonesian pages keep "sumber: Antara").
            "Quelle: Landesregierung",
            "Sie teilte das Foto via Instagram.",
            "Die Quelle: ein Bericht des Ministeriums.",
            // A "(c)" that lists a point is no credit.
            "Die Punkte (a), (b) und (c) gelten weiter.",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn a_line_of_signs_is_a_separator_and_a_smiley_is_not() {
        for line in ["___", "* * *", "------", "“", "+++", "|"] {
            assert_eq!(rule_of(line), rule::SEPARATOR, "{line}");
        }
        for kept in ["=)", ":-)", ";)", ":-( :-(", "^^", "^_^", "<3", "(:"] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn figure_captions_by_their_label_or_a_stock_credit_in_brackets() {
        for line in [
            "Abbildung: Vergleich der Messwerte am Gletscher. Die gemessenen Werte passen optisch sehr gut zu den beobachteten Schwankungen der letzten Jahre.",
            "Abb. 2: Die Karte des Tals",
            "Figure 1: Snow depth in the valley, colour-coded by height above sea level.",
            "Grafik: Entwicklung der Preise seit 2010",
            "Der Igel ist im Winter gut versteckt. (jdoe / iStock.com)",
            "Neue Seminare starten im März. (Quelle: Doe/Unsplash/Verband)",
        ] {
            assert_eq!(rule_of(line), rule::PHOTO_CREDIT, "{line}");
        }
        for kept in [
            // The label starts a caption, not a sentence about a figure.
            "Die Abbildung zeigt den Gletscher im Jahr 1998.",
            "Figure skating returns to the city this winter.",
            // A source cited in a sentence's brackets is the text's.
            "Die Zahl der Betriebe stieg um fünf Prozent (Quelle: Statistisches Bundesamt).",
        ] {
            assert_eq!(rule_of(kept), "kept", "{kept}");
        }
    }

    #[test]
    fn captions_ending_in_a_labelled_credit_in_brackets() {
        for line in [
            "China has warned they will cease control of Hong Kong (Image: GETTY )",
            "Vicente Aguiar loads garage door trims into his pickup truck outside a store in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
            "The core stage of the first rocket after the installation of its four engines. (credit: NASA/Jude Guidry)",
            "The violent simulated birth of a galaxy cluster where dark matter structures (in white) merge together while black holes and supernovae expel cosmic gas away (gas motion is shown in red). (Image credit: TNG Collaboration)",
            "The singer at the awards in 2019 and the producer in 2018. (Photos by Richard Roe, left, and Jane Doe/Invision/AP)",
        ] {
            assert!(is_caption_with_labelled_credit(line), "{line}");
        }
        for kept in [
            // Brackets that cite a source or a picture in a sentence are the text's.
            "The agency published the figures on Monday (credit card data excluded).",
            "He posted a picture of the crowd (photo below) on his account.",
            "The images were taken by a probe (Image: see the gallery) last year, the agency said in a statement on Monday.",
        ] {
            assert!(!is_caption_with_labelled_credit(kept), "{kept}");
        }
    }

    #[test]
    fn press_release_closing_headings() {
        for heading in [
            "About Ascom",
            "About Acme Corp.",
            "ABOUT NORTHWIND TRADERS",
            "Forward-Looking Statements",
            "Cautionary Statement Regarding Forward-Looking Statements",
            "Safe Harbor Statement",
            "Media Contact:",
            "Investor Relations",
            "Über Musterfirma GmbH",
        ] {
            assert!(is_press_release_tail_heading(heading), "{heading}");
        }
        for kept in [
            "About the study",
            "About this data",
            "About 300 people attended the hearing",
            "What the council approved",
        ] {
            assert!(!is_press_release_tail_heading(kept), "{kept}");
        }
    }

    #[test]
    fn copyright_lines_are_no_captions() {
        // A copyright line is no caption.
        assert_eq!(rule_of("© 2024 Harbor Media"), rule::COPYRIGHT);
        assert_eq!(rule_of("COPYRIGHT © ANTARA 2022"), rule::COPYRIGHT);
    }

    #[test]
    fn related_headings_in_german_spanish_and_english() {
        for heading in [
            "Mehr zum Thema",
            "Mehr zum Thema auf Harbor.de",
            "Das könnte dich auch interessieren",
            "Das könnte Sie auch interessieren!",
            "Zum Weiterlesen:",
            "Empfohlene Beiträge",
            "Weiterführende Links",
            "Siehe auch",
            "Entdecke weitere Homestorys",
            "Heute empfehlen wir",
            "Vorschau auf den nächsten Artikel",
            "Te puede interesar",
            "Further reading",
            "Mehr zu Klima und Konsum",
            "Mehr von Harbor.de",
            "Weitere Tourentipps in Schweden",
            "Weitere Informationen:",
        ] {
            assert!(is_related_heading(heading), "{heading}");
        }
        for line in [
            "Mehr zum Thema finden Sie in unserem Archiv und in der Mediathek.",
            "Das Thema beschäftigt die Stadt seit Jahren.",
            "Siehe auch die Grafik unten.",
            "Mehr zu den Kosten steht im Vertrag der Stadt.",
            "Weitere Informationen erhalten Sie beim Bürgeramt der Stadt.",
        ] {
            assert!(!is_related_heading(line), "{line}");
        }
    }

    #[test]
    fn rows_of_a_posts_buttons() {
        for row in [
            "Reply | Quote",
            "Balas · Laporkan",
            "Suka 12 Balas",
            "Like Reply Report",
        ] {
            assert_eq!(rule_of(row), rule::SHARE, "{row}");
        }
        for line in [
            "Reply to the minister's letter came on Monday.",
            "Follow",
            "Suka duka warga pesisir",
        ] {
            assert_ne!(rule_of(line), rule::SHARE, "{line}");
        }
    }

    #[test]
    fn submission_numbers_and_reaction_counters() {
        assert_eq!(
            rule_of(
                "Punya informasi yang perlu dicek? Kirim ke WhatsApp Cek Fakta Nusa di 0811-4400-2211."
            ),
            rule::ADVERTISEMENT
        );
        assert_eq!(rule_of("128   💬 14"), rule::WIDGET);
        assert_eq!(rule_of("👍 1,2rb 💬 86 🔁 12"), rule::WIDGET);
        for line in [
            "Skor akhir 2 - 1 untuk tuan rumah.",
            "Warga yang membutuhkan bantuan dapat menghubungi posko di 0812-3456-7890 kata Camat Paloh kepada wartawan.",
            "2 - 1",
        ] {
            assert_eq!(junk_phrase(line), None, "{line}");
        }
    }

    #[test]
    fn a_credit_alone_is_no_caption() {
        for caption in [
            "(Foto: Bola Timur/Andi Baso)",
            "Foto: Dok. Humas",
            "Photo: AP",
        ] {
            assert!(is_credit_alone(caption), "{caption}");
        }
        for caption in [
            "Pedagang cabai di Pasar Keputran Surabaya (Foto: Deny Prastyo Utomo/detikJatim)",
            "Foto: Warga menyeberangi Sungai Kambaniru dengan rakit bambu setelah jembatan gantung putus",
            "Keterangan foto: Banjir di Medan.",
        ] {
            assert!(!is_credit_alone(caption), "{caption}");
        }
    }

    #[test]
    fn disclaimers_and_bio_headings() {
        for line in [
            "Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.",
            "Bei den Verlinkungen handelt es sich um Affiliate Links",
            "(Alle Angaben ohne Gewähr)",
            "Bei diesem Beitrag handelt es sich um ein Blog aus der Community",
            "Bei diesem Beitrag handelt es sich um einen Gastbeitrag aus der Redaktion",
            // A news aggregator's note under a story it reprints.
            "Berita Kini adalah agregator berita. Isi artikel sepenuhnya tanggung jawab media sumber.",
            "Konten ini sepenuhnya tanggung jawab penulis.",
            "Isi tulisan menjadi tanggung jawab pengirim.",
            "Harbor Today is a news aggregator.",
        ] {
            assert_eq!(rule_of(line), rule::DISCLAIMER, "{line}");
        }
        assert_eq!(rule_of("Über den Autor"), rule::AUTHOR_BIO);
        assert_eq!(
            rule_of("Über den Autor: Ich schreibe seit zehn Jahren über Spiele."),
            rule::AUTHOR_BIO
        );
    }

    #[test]
    fn german_and_spanish_article_sentences_are_kept() {
        for line in [
            "Die Werbung für das neue Modell lief im ganzen Land.",
            "Mire usted, dijo el ministro, la situación es grave.",
            "Das Foto zeigt den Bürgermeister vor dem Rathaus im Jahr 1998.",
            "Der Artikel hat vielen Lesern gefallen, sagte die Chefredakteurin.",
            "Wir respektieren die Entscheidung des Gerichts.",
            "Die Kommentare der Minister waren deutlich.",
            "Follow-up talks with Twitter and Facebook executives are planned for May.",
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

    #[test]
    fn prompts_credits_and_placeholders_under_the_text() {
        for (line, rule) in [
            ("War der Artikel nützlich?", rule::WIDGET),
            ("Was this article helpful?", rule::WIDGET),
            ("Apakah artikel ini bermanfaat?", rule::WIDGET),
            ("Valora esta noticia", rule::WIDGET),
            ("(Noch keine Bewertungen)", rule::WIDGET),
            ("Rezept drucken", rule::WIDGET),
            ("(95 Stimmen: 4,73 von 5) Loading...", rule::WIDGET),
            ("3.65 von 1990 Bewertungen", rule::WIDGET),
            ("Sterne anklicken zum Bewerten", rule::WIDGET),
            ("Loading...", rule::WIDGET),
            (
                "Du musst Eingeloggt sein um Kommentare zu schreiben! oder noch gar nicht Registriert?",
                rule::COMMENTS_PROMPT,
            ),
            ("Quellen ausblenden", rule::WIDGET),
            ("Möchten Sie den Artikel teilen?", rule::SHARE),
            (
                "Gefällt dir unser Klettermagazin? Dann unterstütze uns!",
                rule::PROMO,
            ),
            (
                "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
                rule::PROMO,
            ),
            ("Become a member and support local journalism", rule::PROMO),
            (
                "GIS NOW Grenada is not responsible for the opinions, statements or media content presented by contributors.",
                rule::DISCLAIMER,
            ),
            (
                "Warning: Creating default object from empty value in /www/htdocs/site/wp-content/themes/x/functions.php on line 120",
                rule::SERVER_ERROR,
            ),
            (
                "Kategorien Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407 Inhalt",
                rule::SERVER_ERROR,
            ),
            ("Externer Inhalt", rule::EMBED),
            ("Titelbild:", rule::PHOTO_CREDIT),
            ("Bildnachweis: Stadt Essen", rule::PHOTO_CREDIT),
            ("iStock.com/Halfpoint", rule::PHOTO_CREDIT),
        ] {
            assert_eq!(rule_of(line), rule, "{line}");
        }
        for line in [
            "War der Artikel nützlich, fragte die Redaktion ihre Leser in einer Umfrage im Mai.",
            "Die Quelle: ein Bericht des Ministeriums, der im Herbst erscheinen soll und viele Zahlen enthält.",
            "Wir drucken",
            "120 Stimmen entfielen auf den Kandidaten der Grünen.",
            "12.345 votes",
            "Die Fans müssen eingeloggt sein, um Tickets zu kaufen.",
            "Warning: the river is rising faster than expected in the north of the city",
            "Der Verein ist nicht verantwortlich, sagte der Sprecher.",
            "Sie werden Mitglied im Rat, wenn die Wahl gültig ist.",
        ] {
            assert_eq!(rule_of(line), "kept", "{line}");
        }
        for heading in [
            "Schon gelesen?",
            "Mehr Themen:",
            "meist-diskutiert",
            "Empfehlungen aus dem Netzwerk",
        ] {
            assert!(is_related_heading(heading), "{heading}");
        }
    }
}
