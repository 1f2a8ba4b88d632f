//! `api/src/schema.rs` (diesel's view, written by hand) says exactly what the migrated
//! database has: the same tables, the same columns, each with its type and nullability.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::Text;
use solidaires_tests::TestApp;

const SCHEMA_RS: &str = include_str!("../../../../api/src/schema.rs");

/// table → column → (PostgreSQL type, nullable), as `schema.rs` declares them.
fn declared() -> BTreeMap<String, BTreeMap<String, (String, bool)>> {
    let mut tables: BTreeMap<String, BTreeMap<String, (String, bool)>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in SCHEMA_RS.lines().map(str::trim) {
        if line.ends_with('{') && line.contains('(') && !line.starts_with("diesel::") {
            let name = line.split_whitespace().next().unwrap_or_default();
            current = Some(name.to_owned());
            tables.entry(name.to_owned()).or_default();
        } else if line == "}" {
            current = None;
        } else if let (Some(table), Some((column, ty))) = (&current, line.split_once(" -> ")) {
            let ty = ty.trim_end_matches(',');
            let (inner, nullable) = match ty.strip_prefix("Nullable<") {
                Some(rest) => (rest.trim_end_matches('>'), true),
                None => (ty, false),
            };
            let pg = match inner {
                "Uuid" => "uuid",
                "Text" => "text",
                "Int2" | "SmallInt" => "smallint",
                "Int4" | "Integer" => "integer",
                "Int8" | "BigInt" => "bigint",
                "Bool" => "boolean",
                "Date" => "date",
                "Time" => "time without time zone",
                "Float4" => "real",
                "Float8" | "Double" => "double precision",
                "Numeric" => "numeric",
                "Timestamptz" => "timestamp with time zone",
                "Jsonb" => "jsonb",
                "Array<Text>" => "text[]",
                other => panic!("schema.rs uses a type this test does not know: {other}"),
            };
            if let Some(columns) = tables.get_mut(table) {
                columns.insert(column.to_owned(), (pg.to_owned(), nullable));
            }
        }
    }
    tables
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

#[actix_web::test]
async fn schema_rs_matches_the_migrated_database() {
    let app = TestApp::start().await;
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT c.table_name::text, c.column_name::text, \
                CASE WHEN c.data_type = 'ARRAY' THEN substr(c.udt_name, 2) || '[]' \
                     ELSE c.data_type END::text AS data_type, \
                c.is_nullable::text \
           FROM information_schema.columns c \
           JOIN information_schema.tables t USING (table_schema, table_name) \
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
            AND c.table_name <> '__diesel_schema_migrations'",
    )
    .load(&mut app.conn())
    .expect("catalogue readable");
    let mut actual: BTreeMap<String, BTreeMap<String, (String, bool)>> = BTreeMap::new();
    for c in columns {
        actual
            .entry(c.table_name)
            .or_default()
            .insert(c.column_name, (c.data_type, c.is_nullable == "YES"));
    }
    let declared = declared();
    assert!(
        declared.len() >= 10,
        "schema.rs was not parsed: {declared:?}"
    );
    for (table, columns) in &actual {
        let Some(mine) = declared.get(table) else {
            panic!("table {table} is in the database but not in schema.rs");
        };
        for (column, facts) in columns {
            assert_eq!(
                mine.get(column),
                Some(facts),
                "{table}.{column}: schema.rs says {:?}, the database {facts:?}",
                mine.get(column)
            );
        }
        for column in mine.keys() {
            assert!(
                columns.contains_key(column),
                "{table}.{column} is in schema.rs but not in the database"
            );
        }
    }
    for table in declared.keys() {
        assert!(
            actual.contains_key(table),
            "{table} is in schema.rs but not in the database"
        );
    }
}
