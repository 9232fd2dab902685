//! Faultline: a playground that shows partial failure in a distributed order flow.
//!
//! The simulation lives in the `faultline-sim` crate; this crate only draws its
//! snapshots and sends it commands.

pub mod app;
pub mod bands;
#[cfg(feature = "bench")]
pub mod bench;
pub mod crash_note;
pub mod dense;
pub mod drawing;
// share/export (issue 5)
pub mod export;
pub mod faults;
pub mod geom;
pub mod ink;
pub mod label_room;
pub mod mark_room;
pub mod outline;
pub mod playback;
pub mod shafts;
pub mod share;

pub use app::App;
