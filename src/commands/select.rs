//! `fidoctl select`: every selected key waits for a touch; the first one touched wins and the
//! others are told to stop (CTAPHID_CANCEL).

use super::{exit, Context, Failure, Outcome};
use crate::output::message::Message;
use crate::output::notice;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let devices = ctx.devices()?;
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for d in &devices {
        // Each key gets its own cancel flag so the losers can be stopped; Ctrl-C stops all.
        let flag = Arc::new(AtomicBool::new(false));
        let per_key = Context { global: ctx.global.clone(), cancel: flag.clone() };
        match per_key.open(d) {
            Ok(auth) => keys.push((auth, flag)),
            Err(f) => problems.push(f),
        }
    }
    if keys.is_empty() {
        return Err(problems.into_iter().next().unwrap_or_else(super::session::no_key_found));
    }
    if keys.len() > 1 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        notice::instruct("Touch the security key you want to use...");
    }
    let flags: Vec<Arc<AtomicBool>> = keys.iter().map(|(_, f)| f.clone()).collect();
    let (tx, rx) = mpsc::channel();
    let mut threads = Vec::new();
    for (index, (mut auth, _)) in keys.into_iter().enumerate() {
        let tx = tx.clone();
        threads.push(std::thread::spawn(move || {
            let result = auth.wait_for_touch();
            let _ = tx.send((index, super::device_object(&auth), result));
        }));
    }
    drop(tx);
    let ctrl_c = ctx.cancel.clone();
    let mut chosen: Option<crate::output::vocabulary::Device> = None;
    let mut first_error: Option<Failure> = None;
    loop {
        // Ctrl-C reaches every waiting key, not only after the next one answers.
        if ctrl_c.load(Ordering::SeqCst) {
            flags.iter().for_each(|f| f.store(true, Ordering::SeqCst));
        }
        let (index, device, result) = match rx.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match result {
            Ok(()) if chosen.is_none() => {
                chosen = Some(device);
                for (i, f) in flags.iter().enumerate() {
                    if i != index {
                        f.store(true, Ordering::SeqCst);
                    }
                }
            }
            Ok(()) => {}
            Err(e) if chosen.is_none() && first_error.is_none() => first_error = Some(Failure::from(e)),
            Err(_) => {}
        }
    }
    for t in threads {
        let _ = t.join();
    }
    match chosen {
        Some(device) => {
            Ok(Outcome::ok(Message { text: device.path.clone(), fields: crate::output::results::Selected { device } }))
        }
        None => {
            Err(first_error
                .unwrap_or_else(|| Failure::new(exit::PRESENCE, "not_selected", "No security key was touched.")))
        }
    }
}
