//! Where passwords are hashed: a small pool of threads of its own, one per core at most,
//! at a lower scheduling priority than the threads that answer requests. An argon2 hash
//! takes a core for tens of milliseconds and 19 MiB of memory, so a burst of sign-ins
//! neither multiplies that memory nor starves the other requests of CPU: they wait in a
//! bounded queue (a full queue answers 503 with Retry-After) and run when a core is free.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

use crate::platform::error::{ApiError, ApiResult};

type Job = Box<dyn FnOnce() + Send>;

/// Hashes waiting beyond these are refused (a flood of sign-ins on many accounts).
const QUEUE: usize = 256;
/// `nice` value of the hashing threads: requests first, hashes with what is left.
const NICENESS: i32 = 19;

fn queue() -> &'static SyncSender<Job> {
    static QUEUE_SENDER: OnceLock<SyncSender<Job>> = OnceLock::new();
    QUEUE_SENDER.get_or_init(|| {
        let (sender, receiver) = sync_channel::<Job>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for i in 0..threads {
            let receiver = Arc::clone(&receiver);
            let spawned = std::thread::Builder::new()
                .name(format!("hashing-{i}"))
                .spawn(move || work(&receiver));
            if let Err(err) = spawned {
                tracing::error!(error = %err, "a hashing thread could not start");
            }
        }
        sender
    })
}

fn work(receiver: &Mutex<Receiver<Job>>) {
    // SAFETY: setpriority on the calling thread (Linux: a thread id is a process id for
    // PRIO_PROCESS); no memory is shared with the call.
    let lowered = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) };
    if lowered != 0 {
        tracing::warn!("hashing threads run at normal priority");
    }
    loop {
        let job = match receiver.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

/// Runs `work` (a hash) on the hashing threads and waits for it without holding a worker.
pub async fn run<T, F>(work: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = sender.send(work());
    });
    match queue().try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => return Err(ApiError::busy()),
        Err(TrySendError::Disconnected(_)) => return Err(ApiError::internal()),
    }
    receiver
        .await
        .map_err(|e| ApiError::internal_from("hashing thread", e))
}

#[cfg(test)]
mod tests {
    #[actix_web::test]
    async fn work_runs_on_a_hashing_thread_and_comes_back() {
        let name = super::run(|| std::thread::current().name().map(str::to_owned))
            .await
            .expect("ran");
        assert!(name.is_some_and(|n| n.starts_with("hashing-")));
    }
}
