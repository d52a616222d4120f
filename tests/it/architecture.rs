//! The module graph drawn from the imports has no cycles: the data flow runs one way
//! (ARCHITECTURE.md), so no module uses, directly or through others, a module that uses it.
//!
//! Each `.rs` file under `src/` is a node (`mod.rs` is its folder's module). An edge is a path
//! in code (not in comments) starting with `crate::`, `super::` or `self::`, resolved to the
//! longest module it names; a module using its own ancestor's items is not counted (a parent
//! declares its children, and `mod.rs` re-exports are the children's own items).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`render::spec`, `` for the crate root) to its source, with comments and the
/// unit-test module removed.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] {
            parts.clear();
        }
        let text = std::fs::read_to_string(path).unwrap();
        modules.insert(parts.join("::"), code_of(&text));
    }
    modules
}

/// The text without `//` comments and without a trailing `#[cfg(test)] mod tests`.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a module's code names (`crate::a::b`, `super::c`, with `{x, y}` groups expanded).
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            if at > 1 && &code[at - 2..at] == "::" {
                continue;
            }
            let rest = &code[at..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let head: Vec<String> = rest[..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if rest[end..].starts_with('{') {
                let group = &rest[end + 1..rest[end..].find('}').map_or(rest.len(), |e| end + e)];
                for item in group.split(',') {
                    let first = item.trim().split("::").next().unwrap_or("").trim();
                    let first = first.split_whitespace().next().unwrap_or("");
                    if !first.is_empty() {
                        let mut path = head.clone();
                        path.push(first.to_string());
                        found.push(path);
                    }
                }
            } else {
                found.push(head);
            }
        }
    }
    found
}

/// The module a path names, seen from `module`: the longest prefix that is a module.
fn resolve(module: &str, path: &[String], modules: &BTreeMap<String, String>) -> Option<String> {
    let mut base: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => base.clear(),
        Some("self") => {}
        Some("super") => {
            while rest.first().is_some_and(|p| p == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    if rest.first().is_some_and(|p| p == "crate" || p == "self") {
        rest = &rest[1..];
    }
    let mut best = None;
    for take in 0..=rest.len() {
        let mut candidate: Vec<&str> = base.clone();
        candidate.extend(rest[..take].iter().map(String::as_str));
        let name = candidate.join("::");
        if modules.contains_key(&name) {
            best = Some(name);
        }
    }
    best
}

fn is_ancestor(ancestor: &str, module: &str) -> bool {
    ancestor.is_empty() || module.starts_with(&format!("{ancestor}::"))
}

fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut edges = BTreeMap::new();
    for (module, code) in &modules {
        let uses: BTreeSet<String> = named_paths(code)
            .iter()
            .filter_map(|p| resolve(module, p, &modules))
            .filter(|target| target != module && !is_ancestor(target, module))
            .collect();
        edges.insert(module.clone(), uses);
    }
    edges
}

/// Every cycle's modules (strongly connected components of more than one module).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: order by finish time, then collect on the reversed graph.
    fn finish(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        order: &mut Vec<String>,
    ) {
        if !seen.insert(node.to_string()) {
            return;
        }
        for next in edges.get(node).into_iter().flatten() {
            finish(next, edges, seen, order);
        }
        order.push(node.to_string());
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for node in edges.keys() {
        finish(node, edges, &mut seen, &mut order);
    }
    let mut reversed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in edges {
        for to in tos {
            reversed.entry(to.clone()).or_default().insert(from.clone());
        }
    }
    let mut assigned = BTreeSet::new();
    let mut found = Vec::new();
    for node in order.iter().rev() {
        let mut component = Vec::new();
        finish(node, &reversed, &mut assigned, &mut component);
        if component.len() > 1 {
            component.sort();
            found.push(component);
        }
    }
    found
}

#[test]
fn the_module_graph_has_no_cycles() {
    let edges = edges();
    let found: Vec<String> = cycles(&edges)
        .iter()
        .map(|component| {
            let arrows: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    edges[from]
                        .iter()
                        .filter(|to| component.contains(to))
                        .map(move |to| format!("{from} -> {to}"))
                })
                .collect();
            arrows.join(", ")
        })
        .collect();
    assert!(found.is_empty(), "modules that use each other: {found:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle_through_three_modules() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut edge = |a: &str, b: &str| {
        edges.entry(a.into()).or_default().insert(b.into());
        edges.entry(b.into()).or_default();
    };
    edge("cache", "render");
    edge("render", "output");
    edge("output", "cache");
    edge("cmd", "render");
    assert_eq!(cycles(&edges), vec![vec!["cache", "output", "render"]]);
}

#[test]
fn paths_resolve_to_the_longest_module_they_name() {
    let modules: BTreeMap<String, String> = ["", "render", "render::spec", "urls", "cache"]
        .iter()
        .map(|m| (m.to_string(), String::new()))
        .collect();
    let code = code_of(
        "use crate::urls::{Links, page_path};\nuse super::spec::Page;\n// crate::cache::x\nlet x = a::crate::cache;",
    );
    let paths = named_paths(&code);
    let resolved: Vec<Option<String>> = paths
        .iter()
        .map(|p| resolve("render::pages", p, &modules))
        .collect();
    assert_eq!(
        resolved,
        vec![
            Some("urls".into()),
            Some("urls".into()),
            Some("render::spec".into())
        ]
    );
}
