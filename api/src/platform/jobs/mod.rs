//! Background work. Each job is safe with several API instances running (row locks with
//! `FOR UPDATE SKIP LOCKED`), and stops with the server.

pub mod outbox;
pub mod sms;
