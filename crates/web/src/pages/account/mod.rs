//! A person's account: creating it, signing in and out, staying signed in, and their private
//! calendar feed.

mod calendar_feed;
mod register;
mod session;
mod sign_in;

pub use calendar_feed::feed;

use crate::access::Routes;

/// The account pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::{Member, Public};
    Routes::new()
        .get(
            "/register",
            Public {
                why: "making an account",
            },
            register::register_form,
        )
        .post(
            "/register",
            Public {
                why: "making an account; limited per client",
            },
            register::register,
        )
        .get(
            "/sign-in",
            Public { why: "signing in" },
            sign_in::sign_in_form,
        )
        .post(
            "/sign-in",
            Public {
                why: "signing in; slowed per client after failures",
            },
            sign_in::sign_in,
        )
        .post(
            "/sign-out",
            Public {
                why: "ends only the session of the browser that sends it",
            },
            session::sign_out,
        )
        .post("/session/keep-alive", Member, session::keep_alive)
        .get("/account/calendar", Member, calendar_feed::show)
        .post("/account/calendar", Member, calendar_feed::change)
}
