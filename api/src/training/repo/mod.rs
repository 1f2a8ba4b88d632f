//! Training's SQL: people, programmes, courses and their sessions, places and attendance
//! (rows of the trainee's structure, reached by the organiser through its course),
//! validations and the workshop's ledger.

pub mod courses;
pub mod people;
pub mod records;
