//! A stored course as the API returns it. The conversion from the store's
//! records lives here, in the service layer, so that the wire formats do
//! not read the store (the store's records embed the input format, so the
//! dependency runs one way: store → wire).

use crate::store::records::{CourseRecord, EventRecord};
use crate::wire::course_api::{CourseOut, EventOut};

impl EventOut {
    pub fn of(e: &EventRecord, staff_view: bool) -> EventOut {
        EventOut {
            seq: e.seq,
            recorded_at: e.recorded_at,
            recorded_by: staff_view.then(|| e.recorded_by.clone()),
            event: e.event.clone(),
        }
    }
}

impl CourseOut {
    pub fn of(r: &CourseRecord, staff_view: bool) -> CourseOut {
        CourseOut {
            course_id: r.course_id.clone(),
            citizen: r.citizen.clone(),
            contract: r.contract.clone(),
            target_group: r.target_group.clone(),
            referred_on: r.referred_on,
            attributes: r.attributes.clone(),
            created_at: r.created_at,
            events: r.events.iter().map(|e| EventOut::of(e, staff_view)).collect(),
        }
    }
}
