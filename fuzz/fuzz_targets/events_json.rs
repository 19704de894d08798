//! The body of `POST /courses/{id}/events`, then each event checked.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nocure::wire::course_in::Sink;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    match nocure::wire::course_api::events_in(&body) {
        Err(problems) => nocure_fuzz::assert_located(&problems),
        Ok(events) => {
            let mut problems = Vec::new();
            let mut sink = Sink { prefix: String::new(), problems: &mut problems };
            for (i, e) in events.iter().enumerate() {
                let _ = e.to_event(&mut sink, &format!("events[{i}]"));
            }
            if !problems.is_empty() {
                nocure_fuzz::assert_located(&problems);
            }
        }
    }
});
