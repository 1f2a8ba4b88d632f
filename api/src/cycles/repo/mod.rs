//! Every SQL statement of the cycles module, always inside the structure's door (except the
//! calendar feed's key, read through the owner's function before any door is known).

pub mod cycles;
pub mod enrolments;
pub mod privacy;
pub mod programmes;
pub mod reminders;
