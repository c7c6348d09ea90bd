//! The CLI's module layers (docs/cli.md): `core` never imports `cmd`, a command imports no
//! other command (only the shared `cmd::args`), and no two modules import each other, however
//! indirectly.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

/// `crate::core::chain::Chain` in `src/cmd/deploy.rs` → the module `core::chain`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_name(src: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let name = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("::");
    name.strip_suffix("::mod")
        .map_or(name.clone(), str::to_owned)
}

/// Every `a::b::c` path a `use` item names, with `{…}` groups expanded.
fn expand(prefix: &str, body: &str, out: &mut Vec<String>) {
    let mut depth = 0;
    let mut part = String::new();
    let mut parts = Vec::new();
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut part));
                continue;
            }
            _ => {}
        }
        part.push(ch);
    }
    parts.push(part);
    for p in parts {
        let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        if p.is_empty() {
            continue;
        }
        match (p.find('{'), p.ends_with('}')) {
            (Some(open), true) => {
                let head = p[..open].trim_end_matches("::");
                expand(&format!("{prefix}{head}::"), &p[open + 1..p.len() - 1], out);
            }
            _ => out.push(format!("{prefix}{p}")),
        }
    }
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let names: BTreeSet<String> = files.iter().map(|f| module_name(&src, f)).collect();
    let mut graph = Graph::new();
    for f in &files {
        let me = module_name(&src, f);
        let text: String = std::fs::read_to_string(f)
            .expect("readable")
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let mut paths = Vec::new();
        for item in text.split("use ").skip(1) {
            let Some(end) = item.find(';') else { continue };
            expand("", &item[..end], &mut paths);
        }
        // Paths written out in the code (`crate::core::wire::Amount::value`).
        for (i, _) in text.match_indices("crate::") {
            let rest: String = text[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            paths.push(rest);
        }
        let deps = graph.entry(me.clone()).or_default();
        for p in paths {
            let segs: Vec<&str> = p.split("::").collect();
            if segs.first() != Some(&"crate") || segs.len() < 3 {
                continue;
            }
            let dep = format!("{}::{}", segs[1], segs[2]);
            if names.contains(&dep) && dep != me {
                deps.insert(dep);
            }
        }
    }
    graph
}

#[test]
fn core_never_imports_the_commands_and_commands_share_only_args() {
    for (module, deps) in graph() {
        if module.starts_with("core") {
            let up: Vec<_> = deps.iter().filter(|d| d.starts_with("cmd")).collect();
            assert!(up.is_empty(), "{module} imports {up:?}");
        }
        if module.starts_with("cmd::") {
            let others: Vec<_> = deps
                .iter()
                .filter(|d| d.starts_with("cmd::") && *d != "cmd::args")
                .collect();
            assert!(
                others.is_empty(),
                "{module} imports the commands {others:?}"
            );
        }
    }
}

#[test]
fn no_modules_import_each_other() {
    let graph = graph();
    assert!(graph.len() > 30, "the modules were found: {graph:?}");
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == n) {
            let mut cycle = path[at..].to_vec();
            cycle.push(n.to_owned());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_owned());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        let cycle = visit(n, &graph, &mut done, &mut Vec::new());
        assert!(
            cycle.is_none(),
            "an import circle: {}",
            cycle.unwrap_or_default().join(" → ")
        );
    }
}
