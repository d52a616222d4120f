//! Bylines in scripts without capital letters, where the rules for Latin names (a capital at
//! the start of each word) see no name: Chinese "半月谈记者 史卫燕", "文/张三", Arabic
//! "حوار: آسيا العتروس", "بقلم ...", Korean "홍길동 기자". Only a labelled line counts: without
//! capitals, any short phrase would read as a name.

use std::sync::LazyLock;

use regex::Regex;

/// "(outlet)记者 NAME NAME", "作者：NAME", "文/NAME" (文 only with its separator: "文化旅游" is a
/// menu's word): two to four Han characters a name. An editor's label (编辑, 责编) is no byline.
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:\p{Han}{0,8}(?:记者|記者|通讯员|通訊員)|作者|撰文|撰稿)\s*[:：/／|｜]?|文\s*[:：/／|｜])\s*(\p{Han}{2,4}(?:[\s、，,]+\p{Han}{2,4}){0,3})$",
    )
    .expect("chinese byline")
});

/// "بقلم: NAME", "كتب NAME", "حوار: NAME", "إعداد: NAME": one to four words of Arabic letters.
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:بقلم|كتب|كتبت|حوار|إعداد|اعداد)\s*[:：]?\s*(\p{Arabic}+(?:\s+\p{Arabic}+){0,3})$",
    )
    .expect("arabic byline")
});

/// "NAME 기자": the reporter's title after the name.
static KOREAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Hangul}{2,4})\s*기자$").expect("korean byline"));

/// The names of a labelled byline in a caseless script, or nothing.
pub fn caseless_byline_names(text: &str) -> Vec<String> {
    let text = text.trim();
    if let Some(c) = CHINESE.captures(text) {
        return c[1]
            .split(|ch: char| ch.is_whitespace() || "、，,".contains(ch))
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
    }
    [&ARABIC, &KOREAN]
        .iter()
        .find_map(|re| re.captures(text))
        .map(|c| vec![c[1].to_string()])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_bylines_in_scripts_without_capitals() {
        assert_eq!(caseless_byline_names("半月谈记者 史卫燕"), ["史卫燕"]);
        assert_eq!(caseless_byline_names("记者：张三、李四"), ["张三", "李四"]);
        assert_eq!(caseless_byline_names("文/王小明"), ["王小明"]);
        assert_eq!(
            caseless_byline_names("حوار: آسيا العتروس"),
            ["آسيا العتروس"]
        );
        assert_eq!(caseless_byline_names("홍길동 기자"), ["홍길동"]);
    }

    #[test]
    fn an_editor_or_a_sentence_is_no_byline() {
        assert!(caseless_byline_names("责任编辑：张三").is_empty());
        assert!(caseless_byline_names("益阳近3年连续举办智慧乡村互联网大会").is_empty());
        assert!(caseless_byline_names("文化旅游").is_empty());
        assert!(caseless_byline_names("مالذي يحدث في السودان؟").is_empty());
    }
}
