//! 405 for a known path asked with another method, with `Allow` listing the methods it has
//! (RFC 9110). The table comes from the OpenAPI document, so it never drifts from the routes.

use std::sync::OnceLock;

/// (path template split into segments, its methods in upper case).
type Table = Vec<(Vec<String>, Vec<String>)>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        crate::openapi()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(method, _)| method.to_owned())
                .collect();
                (segments(path).map(str::to_owned).collect(), methods)
            })
            .collect()
    })
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The methods a documented path has, when `path` matches one (a `{param}` matches any one
/// segment).
pub fn allowed(path: &str) -> Option<String> {
    let asked: Vec<&str> = segments(path).collect();
    table()
        .iter()
        .find(|(template, _)| {
            template.len() == asked.len()
                && template
                    .iter()
                    .zip(&asked)
                    .all(|(t, a)| (t.starts_with('{') && t.ends_with('}')) || t == a)
        })
        .map(|(_, methods)| methods.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_path_names_its_methods_and_an_unknown_one_none() {
        assert_eq!(allowed("/api/v1/me").as_deref(), Some("GET, PATCH"));
        let referral = "/api/v1/orgs/0192f3a1-0000-7000-8000-000000000000/referrals/x";
        assert_eq!(allowed(referral).as_deref(), Some("GET"));
        assert_eq!(allowed("/api/v1/nothing-here"), None);
    }
}
