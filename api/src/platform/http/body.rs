//! `ValidJson<T>`: the only way a handler reads a JSON body. It enforces the size limit
//! (413), the content type (415), unknown fields and types (422 naming the field, thanks to
//! serde_path_to_error), then the DTO's `validator` rules *and* its rules that span several
//! fields ([`Rules`]) together: one 422 lists every field at fault, never one round per field.
//! `JsonBody<T>` stops after the shape, for bodies whose rules need more than the body
//! (who sends it): the handler turns it into a command that collects every error itself.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::platform::error::{field_errors, ApiError, ErrorCode, FieldErrors};

/// Largest JSON body accepted.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// A body's rules beyond its fields' own (`validator`): those that read several fields.
/// Most bodies have none (`impl Rules for X {}`).
pub trait Rules {
    fn check(&self, _errors: &mut FieldErrors) {}
}

/// Every error of a body at once: its fields' rules, then the rules across fields.
pub fn all_errors<T: Validate + Rules>(value: &T) -> FieldErrors {
    let mut errors = match value.validate() {
        Ok(()) => FieldErrors::new(),
        Err(errs) => field_errors(&errs),
    };
    value.check(&mut errors);
    errors
}

#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T> ValidJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + Rules + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = JsonBody::<T>::from_request(req, payload);
        Box::pin(async move {
            let value = body.await?.0;
            let errors = all_errors(&value);
            if errors.is_empty() {
                Ok(ValidJson(value))
            } else {
                Err(ApiError::validation(errors))
            }
        })
    }
}

/// A JSON body of the right size, type and shape, not yet checked against its rules.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T> JsonBody<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // `application/json`, parameters allowed (`; charset=utf-8`), nothing that merely
        // starts like it (`application/jsonx`).
        let content_type_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"));
        let declared_len = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if declared_len.is_some_and(|len| len > MAX_JSON_BYTES) {
                return Err(too_large());
            }
            if !content_type_ok {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ErrorCode::UnsupportedMediaType,
                    "Envoyez le contenu en application/json.",
                ));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk =
                    chunk.map_err(|_| ApiError::bad_request("Le contenu n'a pas pu être lu."))?;
                if body.len() + chunk.len() > MAX_JSON_BYTES {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(JsonBody(parse::<T>(&body)?))
        })
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        "Le contenu dépasse 64 Kio.",
    )
}

/// Parses JSON, naming the field at fault when the shape is wrong or when a text holds a
/// control character (a NUL would reach PostgreSQL, which refuses it).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        // Every body of this API is an object (serde would also read a struct from an array).
        if !value.is_object() {
            return Err(ApiError::field(
                "body",
                "Le corps de la requête doit être un objet JSON ({…}).",
            ));
        }
        if let Some(field) = text_with_control(&value, String::new()) {
            let field = if field.is_empty() {
                "body".to_owned()
            } else {
                field
            };
            return Err(ApiError::field(&field, CONTROL_MESSAGE));
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::bad_request("Le contenu n'est pas du JSON valide.");
        }
        let message = in_french(&describe(&inner.to_string()));
        let (field, message) = match unknown_field(&message) {
            // For an unknown field the path already ends with its name.
            Some(name) if path == "." => (name, "Ce champ n'est pas connu.".to_owned()),
            Some(_) => (path, "Ce champ n'est pas connu.".to_owned()),
            None => match missing_field(&message) {
                Some(name) => (join(&path, &name), "Ce champ est obligatoire.".to_owned()),
                None => (if path == "." { "body".to_owned() } else { path }, message),
            },
        };
        ApiError::field(&field, message)
    })
}

pub const CONTROL_MESSAGE: &str =
    "Ce texte contient un caractère de contrôle (invisible) : retapez-le.";

/// Control characters people never mean to type (tabs and line breaks are text).
pub fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The path (in the API's notation, `members[0].first_name`) of the first text holding a
/// control character, keys included.
fn text_with_control(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(text) => has_control(text).then_some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| text_with_control(item, format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let inner = join(&path, key);
            if has_control(key) {
                Some(inner)
            } else {
                text_with_control(item, inner)
            }
        }),
        _ => None,
    }
}

fn join(path: &str, name: &str) -> String {
    if path == "." || path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// serde's message without the position suffix (" at line 1 column 7").
fn describe(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// serde's messages, in the words people here read.
fn in_french(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = rest.split(',').next().unwrap_or_default();
        let allowed = rest
            .split_once("expected one of ")
            .map(|(_, a)| a)
            .unwrap_or_default();
        return format!("{value} n'est pas une valeur permise (valeurs : {allowed})");
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return "n'a pas le bon type de valeur".to_owned();
    }
    if message.starts_with("invalid length") {
        return "n'a pas le bon nombre d'éléments".to_owned();
    }
    if message.starts_with("premature end")
        || message.starts_with("input contains invalid characters")
        || message.contains("UUID")
    {
        return "Ce n'est pas un identifiant valide.".to_owned();
    }
    message.to_owned()
}

fn unknown_field(message: &str) -> Option<String> {
    backticked_after(message, "unknown field `")
}

fn missing_field(message: &str) -> Option<String> {
    backticked_after(message, "missing field `")
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    Some(rest.split('`').next()?.to_owned())
}
