//! Faultline: a playground that shows partial failure in a distributed order flow.
//!
//! The simulation lives in the `faultline-sim` crate; this crate only draws its
//! snapshots and sends it commands.

pub mod app;
pub mod bands;
pub mod drawing;
pub mod faults;
pub mod geom;

pub use app::App;
