//! The request's span, and so its log line: method, route, status, request id and time,
//! plus the error and its cause when there is one — what an operator reads. Leaner than
//! tracing-actix-web's default (fifteen fields, among them the client's address and user
//! agent), which cost a cheap route a third of its throughput to format.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::field::Empty;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request.match_pattern();
        let request_id = request.extensions().get::<RequestId>().copied();
        tracing::info_span!(
            "request",
            method = %request.method(),
            route = route.as_deref().unwrap_or("UNMATCHED"),
            request_id = request_id.map(tracing::field::display),
            // Filled in by the default builder's ending, as before.
            http.status_code = Empty,
            otel.status_code = Empty,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}
