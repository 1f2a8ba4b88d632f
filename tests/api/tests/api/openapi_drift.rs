//! The committed OpenAPI document is what the code generates.

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let generated = solidaires::openapi().to_pretty_json().expect("spec") + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date. Regenerate it with:\n    cargo run -q -- openapi > openapi/openapi.json"
    );
}

#[test]
fn every_operation_documents_its_errors_and_security() {
    let spec: serde_json::Value =
        serde_json::from_str(&solidaires::openapi().to_json().expect("spec")).expect("json");
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("ops") {
            let responses = op["responses"].as_object().expect("responses");
            assert!(
                op.get("security").is_some(),
                "{method} {path} states its security"
            );
            if op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|x| x.get("bearer").is_some()))
            {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} documents 401"
                );
            }
            if path.contains("{org_id}") {
                for status in ["401", "403", "404"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} documents {status}"
                    );
                }
            }
            if op.get("requestBody").is_some()
                && !path.ends_with("/refresh")
                && !path.ends_with("/logout")
            {
                assert!(
                    responses.contains_key("422"),
                    "{method} {path} documents 422"
                );
            }
        }
    }
}

#[test]
fn operation_ids_are_unique_for_the_generated_clients() {
    let spec: serde_json::Value =
        serde_json::from_str(&solidaires::openapi().to_json().expect("spec")).expect("json");
    let mut seen = std::collections::BTreeSet::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("ops").values() {
            let id = op["operationId"].as_str().expect("operationId").to_owned();
            assert!(seen.insert(id.clone()), "operationId {id} is used twice");
        }
    }
}
