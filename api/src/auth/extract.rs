//! Who is calling: resolved once per request by [`resolve_caller`], then read by the
//! extractors [`AuthUser`], [`Superadmin`] and [`OrgScope<R>`].
//!
//! The middleware does the database work (token revocation, membership in the organisation
//! named by the path) before any extractor runs, so the extractors are synchronous. That
//! matters: actix polls a handler's extractors together, and a synchronous `OrgScope` placed
//! first always answers before a body extractor can, so a foreign organisation gets the same
//! 404 whatever body was sent.

use std::future::{ready, Ready};
use std::marker::PhantomData;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest, HttpMessage, HttpRequest};
use diesel::PgConnection;
use uuid::Uuid;

use super::jwt::JwtKeys;
use super::roles::{OrgKind, Role, RoleRequirement, Standing};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::state::AppState;

/// A signed-in person whose token is valid and not revoked.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub email: String,
    pub is_superadmin: bool,
}

/// The caller's standing in the organisation named by the path, if any.
#[derive(Debug, Clone)]
struct OrgStanding {
    org_id: Uuid,
    kind: OrgKind,
    standing: Option<Standing>,
}

#[derive(Debug, Clone)]
enum Caller {
    Anonymous,
    Authenticated {
        user: AuthUser,
        org: Option<OrgStanding>,
    },
}

/// Middleware on `/api/v1`: verifies the bearer token, checks the account is active and the
/// token not revoked, and loads the caller's standing in `/orgs/{org_id}` when present.
pub async fn resolve_caller(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let caller = match bearer(&req) {
        None => Caller::Anonymous,
        Some(token) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(ApiError::internal)?;
            let org_in_path = org_id_in_path(req.path());
            match state.jwt.verify(&token) {
                None => Caller::Anonymous,
                Some(claims) => load_caller(&state, claims.sub, claims.iat, org_in_path).await?,
            }
        }
    };
    req.extensions_mut().insert(caller);
    next.call(req).await
}

fn bearer(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// `/api/v1/orgs/{uuid}/…` → the uuid; anything else → None.
fn org_id_in_path(path: &str) -> Option<Uuid> {
    let rest = path.strip_prefix("/api/v1/orgs/")?;
    let segment = rest.split('/').next()?;
    Uuid::parse_str(segment).ok()
}

async fn load_caller(
    state: &AppState,
    user_id: Uuid,
    iat: f64,
    org_in_path: Option<Uuid>,
) -> ApiResult<Caller> {
    state
        .db
        .user_tx(user_id, move |conn| {
            let Some((email, active, is_superadmin, valid_after)) =
                super::repo::standing(conn, user_id)?
            else {
                return Ok(Caller::Anonymous);
            };
            if !active || JwtKeys::issued_before(iat, valid_after) {
                return Ok(Caller::Anonymous);
            }
            let org = match org_in_path {
                None => None,
                Some(org_id) => standing_in(conn, user_id, org_id, is_superadmin)?,
            };
            Ok(Caller::Authenticated {
                user: AuthUser {
                    id: user_id,
                    email,
                    is_superadmin,
                },
                org,
            })
        })
        .await
}

/// The membership is visible through the `memberships_own` policy (app.user_id is set).
fn standing_in(
    conn: &mut PgConnection,
    user_id: Uuid,
    org_id: Uuid,
    is_superadmin: bool,
) -> ApiResult<Option<OrgStanding>> {
    // One query on every organisation request: the organisation, and the caller's role in it.
    let Some((kind, role)) = crate::organisations::standing(conn, org_id.into(), user_id.into())?
    else {
        return Ok(None);
    };
    let standing = match role {
        Some(role) => Some(Standing::Member(role)),
        None if is_superadmin => Some(Standing::Superadmin),
        None => None,
    };
    Ok(Some(OrgStanding {
        org_id,
        kind,
        standing,
    }))
}

/// Who made a request, as the journal records it: the person and, when they have standing in
/// the organisation of the path, that organisation and their role there (a foreign
/// organisation's id is never written in its journal by a non-member's attempt).
#[derive(Debug, Clone, Default)]
pub struct JournalIdentity {
    pub user_id: Option<Uuid>,
    pub org_id: Option<Uuid>,
    pub role: Option<&'static str>,
}

pub fn journal_identity(req: &HttpRequest) -> JournalIdentity {
    match caller(req) {
        Caller::Anonymous => JournalIdentity::default(),
        Caller::Authenticated { user, org } => {
            let standing = org.and_then(|o| o.standing.map(|s| (o.org_id, s)));
            JournalIdentity {
                user_id: Some(user.id),
                org_id: standing.map(|(org_id, _)| org_id),
                role: standing.map(|(_, s)| match s {
                    Standing::Member(role) => role.as_str(),
                    Standing::Superadmin => "superadmin",
                }),
            }
        }
    }
}

fn caller(req: &HttpRequest) -> Caller {
    req.extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or(Caller::Anonymous)
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match caller(req) {
            Caller::Authenticated { user, .. } => Ok(user),
            Caller::Anonymous => Err(ApiError::unauthenticated()),
        })
    }
}

/// The instance's superadmin (creating organisations).
#[derive(Debug, Clone)]
pub struct Superadmin(pub AuthUser);

impl FromRequest for Superadmin {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match caller(req) {
            Caller::Authenticated { user, .. } if user.is_superadmin => Ok(Superadmin(user)),
            Caller::Authenticated { .. } => Err(ApiError::forbidden()),
            Caller::Anonymous => Err(ApiError::unauthenticated()),
        })
    }
}

/// The organisation of an `/orgs/{org_id}/…` request, with the caller's standing in it,
/// checked against the requirement `R`. The only source of an organisation id: read from
/// the path, never from a query or body. Non-members get 404 (the organisation is not even
/// confirmed); members whose role `R` does not allow get 403.
#[derive(Debug, Clone)]
pub struct OrgScope<R: RoleRequirement> {
    pub org_id: Uuid,
    pub kind: OrgKind,
    pub standing: Standing,
    pub user: AuthUser,
    _requirement: PhantomData<R>,
}

impl<R: RoleRequirement> OrgScope<R> {
    /// The caller's role, when a member (None for the superadmin acting as such).
    pub fn role(&self) -> Option<Role> {
        match self.standing {
            Standing::Member(role) => Some(role),
            Standing::Superadmin => None,
        }
    }

    pub fn user_id(&self) -> Uuid {
        self.user.id
    }
}

impl<R: RoleRequirement> crate::platform::db::TenantScope for OrgScope<R> {
    fn org_id(&self) -> Uuid {
        self.org_id
    }

    fn actor(&self) -> super::Actor {
        super::Actor::person(self.user.id, self.org_id, self.standing)
    }
}

impl<R: RoleRequirement> FromRequest for OrgScope<R> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(scope_from(req))
    }
}

fn scope_from<R: RoleRequirement>(req: &HttpRequest) -> ApiResult<OrgScope<R>> {
    let Caller::Authenticated { user, org } = caller(req) else {
        return Err(ApiError::unauthenticated());
    };
    let path_org = req
        .match_info()
        .get("org_id")
        .and_then(|s| Uuid::parse_str(s).ok());
    let Some(OrgStanding {
        org_id,
        kind,
        standing: Some(standing),
    }) = org.filter(|o| Some(o.org_id) == path_org)
    else {
        return Err(ApiError::not_found());
    };
    if !R::allows(kind, standing) {
        return Err(ApiError::forbidden());
    }
    Ok(OrgScope {
        org_id,
        kind,
        standing,
        user,
        _requirement: PhantomData,
    })
}
