//! The load benchmark's yardstick: a JSON answer of a given size, made in memory, through
//! the same middleware as every route. Served only with `SOLIDAIRES_BENCH_ECHO` set.

use actix_web::{get, web, HttpResponse};

/// At most 1 MiB: a yardstick, not a way to make the server allocate at will.
const MAX_BYTES: usize = 1 << 20;

#[get("/api/bench/echo/{bytes}")]
pub async fn echo(bytes: web::Path<usize>) -> HttpResponse {
    let wanted = bytes.into_inner().clamp(12, MAX_BYTES);
    // {"echo":"…"} is 11 bytes around the padding.
    let body = format!("{{\"echo\":\"{}\"}}", "x".repeat(wanted - 11));
    HttpResponse::Ok()
        .content_type("application/json")
        .body(body)
}

#[cfg(test)]
mod tests {
    use actix_web::{test, App};

    #[actix_web::test]
    async fn the_answer_has_the_size_asked_for() {
        let app = test::init_service(App::new().service(super::echo)).await;
        let body = test::call_and_read_body(
            &app,
            test::TestRequest::get()
                .uri("/api/bench/echo/2000")
                .to_request(),
        )
        .await;
        assert_eq!(body.len(), 2000);
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
    }
}
